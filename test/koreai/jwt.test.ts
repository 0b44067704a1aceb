// Test code, never shipped: jsonwebtoken (a devDependency) is the independent RFC 7519 implementation the signer is checked against.
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import {
	base64UrlEncode,
	compactHs256,
	koreClaims,
	mintKoreToken,
	signJwtHs256,
} from '../../nodes/KoreAiSmartAssist/transport/jwt';
import { CLIENT_ID, CLIENT_SECRET, isValidKoreToken } from './fixtures';

function claimsOf(token: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('HS256 signer', () => {
	it('reproduces the HS256 example of RFC 7515 appendix A.1 byte for byte', () => {
		// The exact header and payload bytes of the RFC (CRLF and the space included) and its key.
		const header = '{"typ":"JWT",\r\n "alg":"HS256"}';
		const payload = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
		const key = Buffer.from(
			'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
			'base64url',
		);

		expect(compactHs256(base64UrlEncode(header), base64UrlEncode(payload), key)).toBe(
			'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
				'.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
				'.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
		);
	});

	it('gives the exact token jsonwebtoken gives for the same Kore.ai claims and secret', () => {
		const claims = koreClaims(CLIENT_ID, Date.UTC(2026, 0, 31, 12, 0, 0), '0f8fad5b-d9cb-469f-a165-70867728950e');

		const ours = signJwtHs256(claims, CLIENT_SECRET);
		const theirs = jwt.sign({ ...claims }, CLIENT_SECRET, { algorithm: 'HS256' });

		expect(ours).toBe(theirs);
	});

	it('signs a secret with non-ASCII characters as UTF-8, like jsonwebtoken', () => {
		const claims = koreClaims(CLIENT_ID, Date.UTC(2026, 0, 1), 'a3c9e0d2-5b3f-4c1e-9f7a-1b2c3d4e5f60');
		const secret = 'sécret-ключ-秘密';

		expect(signJwtHs256(claims, secret)).toBe(jwt.sign({ ...claims }, secret, { algorithm: 'HS256' }));
	});
});

describe('Kore.ai tokens', () => {
	it('carries appId = client id, sub, iat, a 5-minute exp and a jti', () => {
		const now = Date.UTC(2026, 0, 31, 12, 0, 0);
		const claims = claimsOf(mintKoreToken(CLIENT_ID, CLIENT_SECRET, now, 'jti-1'));

		expect(claims).toEqual({
			appId: CLIENT_ID,
			sub: CLIENT_ID,
			iat: now / 1000,
			exp: now / 1000 + 300,
			jti: 'jti-1',
		});
	});

	it('mints a different jti every time', () => {
		const tokens = Array.from({ length: 20 }, () => mintKoreToken(CLIENT_ID, CLIENT_SECRET));

		expect(new Set(tokens.map((t) => claimsOf(t).jti)).size).toBe(20);
	});
});

describe('credential authenticate', () => {
	const credential = new KoreAiSmartAssistApi();
	const authenticate = credential.authenticate as (
		credentials: Record<string, unknown>,
		options: { url: string; headers?: Record<string, string> },
	) => Promise<{ headers: Record<string, string> }>;

	it('puts a fresh valid token in the auth header and keeps the other headers', async () => {
		const first = await authenticate(
			{ host: 'platform.kore.ai', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
			{ url: 'https://platform.kore.ai/x', headers: { Accept: 'application/json' } },
		);
		const second = await authenticate({ host: 'platform.kore.ai', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, { url: 'https://platform.kore.ai/x' });

		expect(first.headers.Accept).toBe('application/json');
		expect(isValidKoreToken(first.headers.auth)).toBe(true);
		expect(isValidKoreToken(second.headers.auth)).toBe(true);
		expect(first.headers.auth).not.toBe(second.headers.auth);
		expect(first.headers).not.toHaveProperty('Authorization');
	});

	it('refuses to sign without a client secret, without echoing anything', async () => {
		await expect(authenticate({ clientId: CLIENT_ID, clientSecret: '' }, { url: 'https://platform.kore.ai/x' })).rejects.toThrow(
			'Kore.ai SmartAssist credential: Client ID and Client Secret are required',
		);
	});

	it('is signed with the secret it was given, and no other', async () => {
		const { headers } = await authenticate({ host: 'platform.kore.ai', clientId: CLIENT_ID, clientSecret: 'another-secret' }, { url: 'https://platform.kore.ai/x' });

		expect(isValidKoreToken(headers.auth)).toBe(false);
	});
});
