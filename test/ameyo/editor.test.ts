import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { searchCampaigns, testCredential } from './editorHelpers';
import {
	api,
	CAMPAIGNS_PATH,
	credentialsWith,
	DOWNLOAD_PATH,
	LOGIN_PATH,
	loggedInCredentials,
	loginCredentials,
	mockLogin,
	PASSWORD,
	pastedCredentials,
	SERVER,
	session,
	USER,
} from './fixtures';

useNockOnly();

const INVALID_TOKEN = { message: 'invalid.authentication.token', code: 909090, info: 'Invalid token', status: 401 };
const ASSIGNED = [
	{ campaignId: 12, campaignName: 'Outbound Sales', campaignType: 'Interactive Voice Application', processId: 3, contactCenterId: 1 },
	{ campaignId: 7, campaignName: 'Collections', campaignType: 'Outbound Voice Campaign', processId: 3, contactCenterId: 1 },
];

describe('Campaign picker (assigned campaigns)', () => {
	it('lists the campaigns assigned to the user, sorted, with the ID as value', async () => {
		mockLogin(session(1));
		api(session(1)).get(CAMPAIGNS_PATH).reply(200, ASSIGNED);

		const { result, error } = await searchCampaigns(loginCredentials());

		expect(error).toBeUndefined();
		expect(result?.results).toEqual([
			{ name: 'Collections (7)', value: '7', description: 'Outbound Voice Campaign' },
			{ name: 'Outbound Sales (12)', value: '12', description: 'Interactive Voice Application' },
		]);
	});

	it('filters by what the user types', async () => {
		api(session(1)).get(CAMPAIGNS_PATH).reply(200, ASSIGNED);

		const { result } = await searchCampaigns(loggedInCredentials(session(1)), 'sales');

		expect(result?.results.map((r) => r.value)).toEqual(['12']);
	});

	it('a server without the endpoint gets a hint to type the ID, not an error', async () => {
		api(session(1)).get(CAMPAIGNS_PATH).reply(404, '<html><head><title>404 Not Found</title></head></html>');

		const { result, error } = await searchCampaigns(loggedInCredentials(session(1)));

		expect(error).toBeUndefined();
		expect(result?.results).toEqual([
			{ name: 'This server offers no campaign list (HTTP 404): choose "By ID" and type the campaign ID', value: '' },
		]);
	});

	it('a user without assigned campaigns (Ameyo\'s 512) gets a hint, at once', async () => {
		api(session(1))
			.get(CAMPAIGNS_PATH)
			.once()
			.reply(512, { message: 'user.not.assigned.to.any.campaign', code: 0, info: 'User is not assigned to any campaign', status: 512 });

		const { result } = await searchCampaigns(loggedInCredentials(session(1)));

		expect(result?.results[0].name).toBe('No campaigns are assigned to this user: choose "By ID" and type the campaign ID');
	});

	it('logs in again when the stored session has expired', async () => {
		api(session(1)).get(CAMPAIGNS_PATH).reply(401, INVALID_TOKEN);
		mockLogin(session(2));
		api(session(2)).get(CAMPAIGNS_PATH).reply(200, ASSIGNED);

		const { result, preAuthenticationCalls } = await searchCampaigns(loggedInCredentials(session(1)));

		expect(result?.results).toHaveLength(2);
		expect(preAuthenticationCalls).toBe(1);
	});

	it('a failed login is an error the picker shows', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(401, { message: 'invalid.user.credentials', code: 0, info: '', status: 401 });

		const { error } = await searchCampaigns(loginCredentials());

		expect(error?.message).toContain(`Ameyo refused the login of user "${USER}"`);
	});
});

describe('the credential\'s Test button', () => {
	it('really logs in, then checks the new session', async () => {
		mockLogin(session(1));
		api(session(1)).get(CAMPAIGNS_PATH).reply(200, ASSIGNED);

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result).toEqual({ status: 'OK', message: 'Logged in; 2 campaigns assigned to this user' });
	});

	it('logs in even when a session is stored, so a changed password is noticed', async () => {
		mockLogin(session(2));
		api(session(2)).get(CAMPAIGNS_PATH).reply(200, []);

		const result = await testCredential(loggedInCredentials(session(1)).ameyoApi);

		expect(result.status).toBe('OK');
	});

	it('shows what the campaign list said without the session or the password it echoed', async () => {
		// A session of the server's own making: no pattern knows its shape, only its value.
		const issued = 'srv-issued-7f3a9c2e41';
		mockLogin(issued);
		api(issued)
			.get(CAMPAIGNS_PATH)
			.reply(512, { message: `user.not.assigned.to.any.campaign for ${issued}`, code: 0, info: `login ${USER} ${PASSWORD}`, status: 512 });

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result.status).toBe('OK');
		expect(result.message).toContain('(campaign list: HTTP 512, user.not.assigned.to.any.campaign for [redacted]');
		expect(result.message).not.toContain(issued);
		expect(result.message).not.toContain(PASSWORD);
	});

	it('reports a wrong password clearly and without showing it', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(403, { message: 'invalid.user.credentials', code: 0, info: `token ${PASSWORD}`, status: 403 });

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Ameyo refused the login of user "${USER}" on ameyo.example.com:8443 (HTTP 403: invalid.user.credentials — token [redacted]): check the user ID and the password or access key`,
		);
	});

	it('reports a wrong server (a web page where the API should be) clearly', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(200, '<!doctype html><html><head><title>Welcome to nginx!</title></head></html>', {
			'Content-Type': 'text/html',
		});

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result).toEqual({
			status: 'Error',
			message:
				'ameyo.example.com:8443 answered the Ameyo login with an HTML page instead of the REST API (HTTP 200: HTML page "Welcome to nginx!"): check the protocol, host and port of the server URL (the REST API usually listens on :8443)',
		});
	});

	it('reports a server URL that is not one', async () => {
		const result = await testCredential(credentialsWith({ server: 'https://' }).ameyoApi);

		expect(result).toEqual({ status: 'Error', message: 'The server URL "https://" is not a URL: use e.g. https://ameyo.example.com:8443' });
	});

	it('checks a pasted session without logging in', async () => {
		api(session(5)).get(CAMPAIGNS_PATH).reply(200, ASSIGNED.slice(0, 1));

		const result = await testCredential(pastedCredentials(session(5)).ameyoApi);

		expect(result).toEqual({ status: 'OK', message: 'The server accepted the pasted session ID; 1 campaign assigned to this user' });
	});

	it('says a pasted session that the server refuses has expired', async () => {
		api(session(5)).get(CAMPAIGNS_PATH).reply(401, INVALID_TOKEN);

		const result = await testCredential(pastedCredentials(session(5)).ameyoApi);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('The server refused the pasted session ID (HTTP 401)');
		expect(result.message).not.toContain(session(5));
	});

	it('without the campaign list, checks the session on the download endpoint instead', async () => {
		api(session(5)).get(CAMPAIGNS_PATH).reply(404, 'Not Found');
		api(session(5)).get(DOWNLOAD_PATH).reply(512, { message: 'campaignId.missing', code: 0, info: '', status: 512 });

		const result = await testCredential(pastedCredentials(session(5)).ameyoApi);

		expect(result).toEqual({
			status: 'OK',
			message: 'The server accepted the pasted session ID (this server has no campaign list: enter campaign IDs by hand)',
		});
	});

	it('without the campaign list, still notices a refused session', async () => {
		api(session(5)).get(CAMPAIGNS_PATH).reply(404, 'Not Found');
		api(session(5)).get(DOWNLOAD_PATH).reply(200, '<html><head><title>Login</title></head><body><input type="password"></body></html>');

		const result = await testCredential(pastedCredentials(session(5)).ameyoApi);

		expect(result.status).toBe('Error');
	});

	it('a user with no campaigns (512) still passes: the session got through', async () => {
		mockLogin(session(1));
		api(session(1))
			.get(CAMPAIGNS_PATH)
			.reply(512, { message: 'user.not.assigned.to.any.campaign', code: 0, info: '', status: 512 });

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result).toEqual({
			status: 'OK',
			message: 'Logged in (campaign list: HTTP 512, user.not.assigned.to.any.campaign)',
		});
	});
});
