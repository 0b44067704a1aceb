import { describe, expect, it } from 'vitest';

import { describeVendorBody, ERROR_BODY_PREFIX } from '../../nodes/shared/http/vendorErrors';
import { scrubSecretPatterns } from '../../nodes/shared/http/secretScrubbing';

describe('describeVendorBody', () => {
	it.each<[string, unknown, string | undefined]>([
		['VCC / Genesys {message}', { message: 'GUID must be 36 characters in length' }, 'GUID must be 36 characters in length'],
		['Conversation Analyzer {error:{code,message}}', { error: { code: 'ApiVersionUnspecified', message: 'No version' } }, 'No version — code ApiVersionUnspecified'],
		['Ameyo {message, code, info, status}', { message: 'invalid.authentication.token', code: 909090, info: 'login again', status: 401 }, 'invalid.authentication.token — code 909090 — login again'],
		['Ameyo with a blank message: the key is in info', { message: null, code: 0, info: 'user.not.found', status: 512 }, 'user.not.found'],
		['Ameyo with code 0 ("no code")', { message: 'db.error', code: 0, info: 'Could not read file', status: 500 }, 'db.error — Could not read file'],
		['Kore.ai {errors:[{msg, code}]}', { errors: [{ msg: 'Invalid session', code: 400 }] }, 'Invalid session — code 400'],
		['Genesys {message, exception}', { message: 'Invalid tenant specified', exception: 'TenantException' }, 'Invalid tenant specified — TenantException'],
		['OAuth {error, error_description}', { error: 'invalid_client', error_description: 'Unknown client' }, 'Unknown client'],
		['an HTML page', '<html><head><title>Login</title></head><body>x</body></html>', 'HTML page "Login"'],
		['the literal null', 'null', 'the body was null'],
		['an empty body', '', undefined],
		['JSON text', '{"message":"boom"}', 'boom'],
	])('reads %s', (_name, body, expected) => {
		expect(describeVendorBody(body)).toBe(expected);
	});
});

describe('scrubSecretPatterns', () => {
	it('removes bearer tokens, JWTs and secret-looking fields', () => {
		const text = scrubSecretPatterns(
			'Authorization: Bearer abc.def-123 client_secret=s3cr3t "sessionId":"d898-ses" eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig_part',
		);
		expect(text).not.toMatch(/abc\.def-123|s3cr3t|d898-ses|eyJhbGci/);
	});
});

describe('describeVendorBody on large bodies', () => {
	it('looks only at the first 64 KiB of a body: a title after them is not searched for', () => {
		const page = `<html><body>${' '.repeat(ERROR_BODY_PREFIX)}<title>Late</title></body></html>`;

		expect(describeVendorBody(page)).toBe('HTML page: ');
	});

	it('makes a message from at most 2 KiB of a body that is one long line', () => {
		expect(describeVendorBody('x'.repeat(1024 * 1024))).toBe('x'.repeat(2048));
	});

	it('skips scripts and styles of a page without a title, keeping its visible text', () => {
		const page = '<html><head><style>p{}</style><script>var a = "<b>";</script></head><body><p>Service  down</p></body></html>';

		expect(describeVendorBody(page)).toBe('HTML page: Service down');
	});
});
