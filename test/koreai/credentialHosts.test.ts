import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { readBinary } from '../harness/index';
import { pressTestButton } from '../support/credentialTestButton';
import { foreignHost } from '../support/foreignHost';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	DOWNLOAD_RECORDING,
	GET_RECORDING,
	HOST,
	isValidKoreToken,
	koreCredentials,
	media,
	recordingsAnswer,
	RECORDINGS_PATH,
	runKore,
	SESSION,
	signedUrl,
	wav,
} from './fixtures';

useNockOnly();

const credential = new KoreAiSmartAssistApi();

function recordings(): nock.Interceptor {
	return api().get(RECORDINGS_PATH).query({ sessionId: SESSION });
}

describe('Kore.ai API redirects', () => {
	it('refuses a redirect to another origin: the auth token never goes there and its answer is not the listing', async () => {
		recordings().reply(302, '', { Location: 'https://kore-mirror.example/api/recordings?sessionId=x' });
		const mirror = foreignHost('https://kore-mirror.example', recordingsAnswer([{ fileName: 'x.wav', fileUrl: 'https://x/x.wav' }]));

		const { items, error } = await runKore(GET_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toContain('redirected to https://kore-mirror.example, another host than https://platform.kore.ai (HTTP 302');
		expect(mirror.hits).toEqual([]);
		nock.cleanAll();
	});

	it('refuses a redirect to a sub-domain of the configured host', async () => {
		recordings().reply(307, '', { Location: `https://eu.platform.kore.ai${RECORDINGS_PATH}?sessionId=${SESSION}` });
		const subDomain = foreignHost('https://eu.platform.kore.ai');

		const { error } = await runKore(GET_RECORDING);

		expect(error?.message).toContain('redirected to https://eu.platform.kore.ai');
		expect(subDomain.hits).toEqual([]);
		nock.cleanAll();
	});

	it('follows a redirect within the configured origin, with a freshly signed token', async () => {
		recordings().reply(301, '', { Location: `${RECORDINGS_PATH}?sessionId=${SESSION}&moved=1` });
		api()
			.get(RECORDINGS_PATH)
			.query({ sessionId: SESSION, moved: '1' })
			.reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));

		const { items, error } = await runKore(GET_RECORDING);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'success', files: [{ fileName: 'r.wav' }] });
	});
});

describe('the Test button', () => {
	it('does not follow a redirect with the signed token, and says which setting to change', async () => {
		nock(HOST).get(RECORDINGS_PATH).query(true).reply(302, '', { Location: 'https://kore-mirror.example/' });
		const mirror = foreignHost('https://kore-mirror.example');

		const result = await pressTestButton(credential, koreCredentials());

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('redirect (HTTP 302), which is never followed with your credentials: set the Custom Host'),
		});
		expect(mirror.hits).toEqual([]);
		nock.cleanAll();
	});
});

describe('signing', () => {
	it('refuses to put a token on a request to another origin', async () => {
		const data = koreCredentials().koreAiSmartAssistApi;
		const authenticate = credential.authenticate as (
			credentials: Record<string, unknown>,
			options: { url: string; headers?: Record<string, string> },
		) => Promise<{ headers: Record<string, string> }>;

		await expect(authenticate(data, { url: 'https://kore-mirror.example/x' })).rejects.toThrow(
			'refused to send a signed token to https://kore-mirror.example/x',
		);
		const signed = await authenticate(data, { url: `${HOST}/x` });
		expect(isValidKoreToken(signed.headers.auth)).toBe(true);
	});
});

describe('signed media links to internal addresses', () => {
	it.each([
		'http://169.254.169.254/latest/meta-data/iam',
		'http://10.1.2.3/m/r.wav',
		'http://127.0.0.1:8080/m/r.wav',
		'http://[::1]/m/r.wav',
		'http://[fd12:3456::1]/m/r.wav',
		'http://[fe80::1]/m/r.wav',
		'http://[::ffff:192.168.1.1]/m/r.wav',
		'http://localhost/m/r.wav',
	])('refuses %s without a request', async (fileUrl) => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl }]));

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('points at the internal address');
	});

	it('refuses a redirect of a media link to an internal address', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media().get('/m/r.wav').query(true).reply(302, '', { Location: 'http://169.254.169.254/latest/meta-data/' });
		const metadata = foreignHost('http://169.254.169.254');

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('a redirect of the link to');
		expect(error?.message).toContain('points at the internal address 169.254.169.254');
		expect(metadata.hits).toEqual([]);
		nock.cleanAll();
	});

	it('refuses a redirect of a media link to a non-web scheme', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media().get('/m/r.wav').query(true).reply(302, '', { Location: 'file:///etc/passwd' });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('is not an http(s) URL');
	});

	it('fetches a loopback link when the configured host is itself on loopback (a local install)', async () => {
		const local = 'http://127.0.0.1:18080';
		const credentials = koreCredentials({ host: 'custom', customHost: local });
		nock(local, { reqheaders: { auth: (value: string) => isValidKoreToken(value) } })
			.get(RECORDINGS_PATH)
			.query({ sessionId: SESSION })
			.reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: `${local}/media/r.wav` }]));
		nock(local, { badheaders: ['auth'] }).get('/media/r.wav').reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING, { credentials });

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(wav)).toBe(true);
	});
});
