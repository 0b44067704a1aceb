import type { IHttpRequestHelper } from 'n8n-workflow';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { temporarySignInRefusal } from '../../nodes/shared/http/signInFailure';
import { description } from '../support/errorDetails';
import { timedOnFakeClock } from '../support/fakeClock';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	AUTH,
	CLIENT_SECRET,
	DOWNLOAD_RECORDING,
	GET_INTERACTION,
	GUID,
	guid,
	INTERACTION_PATH,
	mockToken,
	runVonage,
	vonageCredentials,
} from './fixtures';

useNockOnly();


describe('fair-use pacing', () => {
	it('paces two runs on one VCC account as one budget (Max Requests per Minute)', async () => {
		mockToken('token-1', 2);
		api('token-1').get(INTERACTION_PATH).times(6).reply(200, { guid: GUID, content: [] });
		const threeItems = { inputItems: [{ json: {} }, { json: {} }, { json: {} }] };
		// Download All of an interaction without content: one request per item. One per 200 ms.
		const paced = {
			resource: 'content',
			operation: 'downloadAll',
			guid: GUID,
			contentTypes: [],
			binaryPropertyName: 'data',
			options: { requestsPerMinute: 300, maxTries: 1 },
		};

		// Both runs on one virtual clock: the pacer's waits pass at once, and are counted.
		const { result: runs, elapsedMs } = await timedOnFakeClock(
			async () => await Promise.all([runVonage(paced, threeItems), runVonage(paced, threeItems)]),
		);

		expect(runs.map((r) => r.error)).toEqual([undefined, undefined]);
		// Six requests one per 200 ms from one budget: ≥ 1 s. A budget per run would take ~400 ms.
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
	});
});

describe('tokens', () => {
	it('obtains one token and reuses it for every item of the run', async () => {
		mockToken('token-1', 1);
		api('token-1').get(INTERACTION_PATH).times(3).reply(200, { guid: GUID, content: [] });

		const { items, preAuthenticationCalls } = await runVonage(
			{ resource: 'content', operation: 'downloadAll', guid: GUID, contentTypes: [], binaryPropertyName: 'data' },
			{ inputItems: [{ json: {} }, { json: {} }, { json: {} }] },
		);

		expect(items).toEqual([]);
		expect(preAuthenticationCalls.vonageContactCenterApi).toBe(1);
	});

	it('marks a token request that did not answer in time as worth another try, naming it and its wait', async () => {
		const timedOut = { helpers: { httpRequest: async () => await Promise.reject(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' })) } };

		const failure: unknown = await new VonageContactCenterApi()
			.preAuthentication.call(timedOut as unknown as IHttpRequestHelper, vonageCredentials().vonageContactCenterApi)
			.catch((error: unknown) => error);

		expect(temporarySignInRefusal(failure)).toMatchObject({ signInStatus: 504 });
		expect((failure as Error).message).toBe('Vonage Contact Center token request to emea.cc.vonage.com did not answer within 30 s');
	});

	it('renews the token on 401 and succeeds', async () => {
		mockToken('old-token');
		api('old-token').get(`${INTERACTION_PATH}/content/callRecording`).reply(401, { message: 'Token expired' });
		mockToken('new-token');
		api('new-token').get(`${INTERACTION_PATH}/content/callRecording`).reply(200, Buffer.from('RIFF....WAVE'), {
			'Content-Type': 'audio/wav',
		});
		const credentials = vonageCredentials();

		const { items, error, preAuthenticationCalls } = await runVonage(DOWNLOAD_RECORDING, { credentials });

		expect(error).toBeUndefined();
		expect(items[0].json.bytes).toBe(12);
		expect(preAuthenticationCalls.vonageContactCenterApi).toBe(2);
		expect(credentials.vonageContactCenterApi.accessToken).toBe('new-token');
	});

	it('says to check the credentials when the new token is refused too', async () => {
		mockToken('token-1');
		mockToken('token-2');
		api('token-1').get(INTERACTION_PATH).reply(401, { message: 'Unauthorized' });
		api('token-2').get(INTERACTION_PATH).reply(401, { message: 'Unauthorized' });

		const { error } = await runVonage(GET_INTERACTION);

		expect(error?.message).toContain('(HTTP 401, interaction');
		expect(description(error)).toBe('Signing in again did not help.');
	});

	it('never puts the client secret in the error when the token request fails', async () => {
		nock(AUTH).post('/Auth/connect/token').reply(400, { error: 'invalid_client' });

		const { error } = await runVonage(GET_INTERACTION);

		expect(error?.message).toContain('token request to emea.cc.vonage.com failed (HTTP 400, invalid_client)');
		expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
		expect(String(error?.stack)).not.toContain(CLIENT_SECRET);
	});
});

describe('retries', () => {
	it('waits for Retry-After on 429, then succeeds', async () => {
		mockToken();
		api().get(INTERACTION_PATH).reply(429, { message: 'Too many requests' }, { 'Retry-After': '1' });
		api().get(INTERACTION_PATH).reply(200, { guid: GUID });

		const { result: { items, error }, elapsedMs } = await timedOnFakeClock(async () => await runVonage(GET_INTERACTION));

		expect(error).toBeUndefined();
		expect(items[0].json.guid).toBe(GUID);
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
	});

	it('retries 500, 500 then succeeds on 200', async () => {
		mockToken();
		api().get(INTERACTION_PATH).times(2).reply(500, { message: 'Internal error' });
		api().get(INTERACTION_PATH).reply(200, { guid: GUID });

		const { items, error } = await runVonage(GET_INTERACTION);

		expect(error).toBeUndefined();
		expect(items[0].json.guid).toBe(GUID);
	});

	it('gives a clear error after the bounded tries when 500 persists', async () => {
		mockToken();
		api().get(INTERACTION_PATH).times(3).reply(500, { message: 'Internal error' });

		const { error } = await runVonage(GET_INTERACTION);

		expect(error?.message).toBe(`Vonage Contact Center: Internal error (HTTP 500, interaction ${GUID})`);
		expect(description(error)).toMatch(/^Gave up after 3 tries\./);
	});

	it('does not retry a 404', async () => {
		mockToken();
		api().get(INTERACTION_PATH).once().reply(404, { message: 'Not found' });

		const { error } = await runVonage(GET_INTERACTION);

		expect((error as { httpCode?: string }).httpCode).toBe('404');
	});
});

describe('items', () => {
	it('with Continue On Fail, a failed input gives one error item and the others still run', async () => {
		mockToken();
		api().get(`/interaction-content/interactions/${guid(1)}/content/callRecording`).reply(200, 'RIFFxxxxWAVE', {
			'Content-Type': 'audio/wav',
		});
		api().get(`/interaction-content/interactions/${guid(2)}/content/callRecording`).reply(404, { message: 'No recording' });
		api().get(`/interaction-content/interactions/${guid(3)}/content/callRecording`).reply(200, 'RIFFxxxxWAVE', {
			'Content-Type': 'audio/wav',
		});

		const { items, error } = await runVonage(
			{ ...DOWNLOAD_RECORDING, guid: '={{ $json.guid }}' },
			{
				inputItems: [{ json: { guid: guid(1) } }, { json: { guid: guid(2) } }, { json: { guid: guid(3) } }],
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe(
			`Vonage Contact Center: No recording (HTTP 404, interaction ${guid(2)}, content callRecording)`,
		);
		expect(items[0].binary?.data).toBeDefined();
		expect(items[2].binary?.data).toBeDefined();
	});
});
