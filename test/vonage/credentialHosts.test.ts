import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { pressTestButton } from '../support/credentialTestButton';
import { foreignHost } from '../support/foreignHost';
import { useNockOnly } from '../support/nockChecks';
import {
	ACCEPT,
	API,
	AUTH,
	CLIENT_SECRET,
	DOWNLOAD_RECORDING,
	GET_INTERACTION,
	INTERACTION_PATH,
	mockToken,
	runVonage,
	vonageCredentials,
} from './fixtures';

useNockOnly();

const credential = new VonageContactCenterApi();

describe('the token request', () => {
	it.each([307, 308, 302])('refuses a %i redirect, naming the status and the origin it pointed to', async (status) => {
		nock(AUTH)
			.post('/Auth/connect/token')
			.reply(status, '', { Location: 'https://elsewhere.example/steal?client=client-1' });
		const elsewhere = foreignHost('https://elsewhere.example');

		const { error, items } = await runVonage(GET_INTERACTION);

		expect(items).toEqual([]);
		expect(error?.message).toContain(`was redirected (HTTP ${status}) to https://elsewhere.example;`);
		expect(error?.message).not.toContain('/steal');
		expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
		expect(elsewhere.hits).toEqual([]);
		nock.cleanAll();
	});
});

describe('the Test button', () => {
	it('fails on a redirected token request, naming the status and the origin', async () => {
		nock(AUTH).post('/Auth/connect/token').reply(307, '', { Location: 'https://elsewhere.example/token' });
		const elsewhere = foreignHost('https://elsewhere.example');

		const result = await pressTestButton(credential, vonageCredentials());

		expect(result.status).toBe('Error');
		expect(result.message).toContain('(HTTP 307) to https://elsewhere.example;');
		expect(elsewhere.hits).toEqual([]);
		nock.cleanAll();
	});

	it('does not follow a redirect of the API with the token, and says which setting to change', async () => {
		mockToken('token-1');
		nock(API, { reqheaders: { authorization: 'Bearer token-1' } })
			.get('/interaction-content/interactions')
			.query(true)
			.reply(302, '', { Location: 'https://sub.emea.api.newvoicemedia.com/interaction-content/interactions' });
		const elsewhere = foreignHost('https://sub.emea.api.newvoicemedia.com');

		const result = await pressTestButton(credential, vonageCredentials());

		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('redirect (HTTP 302), which is never followed with your credentials: set the API Base URL Override'),
		});
		expect(elsewhere.hits).toEqual([]);
		nock.cleanAll();
	});

	it('passes when the token and the listing come from the configured hosts', async () => {
		mockToken('token-1');
		nock(API, { reqheaders: { authorization: 'Bearer token-1', accept: ACCEPT } })
			.get('/interaction-content/interactions')
			.query(true)
			.reply(200, { items: [] });

		expect(await pressTestButton(credential, vonageCredentials())).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('API redirects', () => {
	it('refuses a redirect of a download to a sub-domain: no bearer token there, no file from there', async () => {
		mockToken('token-1');
		nock(API, { reqheaders: { authorization: 'Bearer token-1' } })
			.get(`${INTERACTION_PATH}/content/callRecording`)
			.reply(302, '', { Location: `https://files.emea.api.newvoicemedia.com${INTERACTION_PATH}/content/callRecording?sig=1` });
		const files = foreignHost('https://files.emea.api.newvoicemedia.com', 'RIFF-not-from-vonage');

		const { items, error } = await runVonage(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toContain(
			'redirected to https://files.emea.api.newvoicemedia.com, another host than https://emea.api.newvoicemedia.com (HTTP 302',
		);
		expect(files.hits).toEqual([]);
		nock.cleanAll();
	});

	it('refuses a redirect of a declarative operation to another origin', async () => {
		mockToken('token-1');
		nock(API).get(INTERACTION_PATH).reply(308, '', { Location: `https://vonage-mirror.example${INTERACTION_PATH}` });
		const mirror = foreignHost('https://vonage-mirror.example', { guid: 'from-elsewhere' });

		const { items, error } = await runVonage(GET_INTERACTION);

		expect(items).toEqual([]);
		expect(error?.message).toContain('redirected to https://vonage-mirror.example');
		expect(mirror.hits).toEqual([]);
		nock.cleanAll();
	});

	it('follows a redirect within the API origin with the token', async () => {
		mockToken('token-1');
		nock(API, { reqheaders: { authorization: 'Bearer token-1' } })
			.get(INTERACTION_PATH)
			.reply(302, '', { Location: `${INTERACTION_PATH}?v=2` });
		nock(API, { reqheaders: { authorization: 'Bearer token-1' } })
			.get(INTERACTION_PATH)
			.query({ v: '2' })
			.reply(200, { guid: 'moved-here' });

		const { items, error } = await runVonage(GET_INTERACTION);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ guid: 'moved-here' });
	});
});

describe('signing', () => {
	it('refuses to put the token on a request to another origin, a sub-domain included', async () => {
		const data = { ...vonageCredentials('token-1').vonageContactCenterApi };

		await expect(
			credential.authenticate(data, { url: `https://evil.emea.api.newvoicemedia.com${INTERACTION_PATH}` }),
		).rejects.toThrow('refused to send the access token to https://evil.emea.api.newvoicemedia.com/interaction-content');
		await expect(credential.authenticate(data, { url: `${API}${INTERACTION_PATH}` })).resolves.toMatchObject({
			headers: { Authorization: 'Bearer token-1' },
		});
	});
});

describe('host settings', () => {
	it.each([
		['apiBaseUrl', 'https://user:hunter2-password@emea.api.cc.vonage.com', 'The API Base URL Override must not contain a user name or password'],
		['apiBaseUrl', 'ftp://emea.api.cc.vonage.com', 'The API Base URL Override "ftp://emea.api.cc.vonage.com" must start with https:// or http://'],
		['apiBaseUrl', 'https://emea.api.cc.vonage.com/?region=x', 'The API Base URL Override must not contain a query'],
		['tokenUrl', 'https://user:hunter2-password@emea.cc.vonage.com/Auth/connect/token', 'The Token URL Override must not contain a user name or password'],
		['tokenUrl', 'javascript:alert(1)', 'The Token URL Override "javascript:alert(1)" must start with https:// or http://'],
		['tokenUrl', 'https://emea.cc.vonage.com/Auth/connect/token#frag', 'The Token URL Override must not contain a query'],
	])('refuses %s %j before any request, naming the field', async (field, value, message) => {
		const credentials = vonageCredentials();
		credentials.vonageContactCenterApi[field] = value;

		const { error } = await runVonage(GET_INTERACTION, { credentials });

		expect(error?.message).toContain(message);
		expect(JSON.stringify(error)).not.toContain('hunter2-password');
	});
});
