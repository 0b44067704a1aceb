import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import * as ameyo from '../ameyo/fixtures';
import * as vonage from '../vonage/fixtures';

useNockOnly();

/** Sign-in answers that say "not now": the request that needed the sign-in is tried again. */
describe('a sign-in turned away for now (429, 5xx)', () => {
	it('is tried again for a Vonage token request answered 503, and the download goes on', async () => {
		nock(vonage.AUTH).post('/Auth/connect/token').reply(503, { error: 'server_error' }, { 'Retry-After': '0' });
		vonage.mockToken();
		vonage.api().get(`${vonage.INTERACTION_PATH}/content/callRecording`).reply(200, Buffer.from('RIFF'), { 'Content-Type': 'audio/wav' });

		const { items, error } = await vonage.runVonage(vonage.DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});

	it('is tried at most Max Tries times in all for a Vonage token request that keeps answering 429', async () => {
		const token = nock(vonage.AUTH).post('/Auth/connect/token').times(3).reply(429, { error: 'slow_down' }, { 'Retry-After': '0' });

		const { items, error } = await vonage.runVonage(vonage.DOWNLOAD_RECORDING);

		expect(token.isDone()).toBe(true);
		expect(items).toEqual([]);
		expect(error?.message).toContain('token request to emea.cc.vonage.com failed (HTTP 429, slow_down)');
		expect(description(error)).toContain('Gave up after 3 tries.');
	});

	it('is not tried again for a Vonage token request refused with 400', async () => {
		const token = nock(vonage.AUTH).post('/Auth/connect/token').once().reply(400, { error: 'invalid_client' });

		const { error } = await vonage.runVonage(vonage.DOWNLOAD_RECORDING);

		expect(token.isDone()).toBe(true);
		expect(error?.message).toContain('failed (HTTP 400, invalid_client)');
	});

	it('is tried again for an Ameyo login answered 500, and the download goes on', async () => {
		nock(ameyo.SERVER).post(ameyo.LOGIN_PATH).reply(500, { message: 'busy', code: 500 }, { 'Retry-After': '0' });
		ameyo.mockLogin(ameyo.session(1));
		ameyo.api(ameyo.session(1)).get(ameyo.DOWNLOAD_PATH).query(true).reply(200, ameyo.MP3, ameyo.audioHeaders(ameyo.MP3));

		const { items, error } = await ameyo.runAmeyo(ameyo.DOWNLOAD, { credentials: ameyo.loginCredentials() });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});
});
