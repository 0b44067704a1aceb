import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { foreignHost } from '../support/foreignHost';
import { useNockOnly } from '../support/nockChecks';
import { testCredential } from './editorHelpers';
import { api, CAMPAIGNS_PATH, LOGIN_PATH, loginCredentials, mockLogin, PASSWORD, pastedCredentials, SERVER, session } from './fixtures';

useNockOnly();

describe('the Test button and redirects', () => {
	it('fails a redirected login, naming the status and where it pointed without its query', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(307, '', { Location: `https://collector.example.net/login?pw=${PASSWORD}` });
		const collector = foreignHost('https://collector.example.net', { sessionId: session(9) });

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('redirected the Ameyo login to https://collector.example.net/login (HTTP 307)');
		expect(result.message).not.toContain(PASSWORD);
		expect(collector.hits).toEqual([]);
		nock.cleanAll();
	});

	it('does not follow a redirect of the session check with the session id', async () => {
		mockLogin(session(1));
		api(session(1)).get(CAMPAIGNS_PATH).reply(302, '', { Location: 'https://collector.example.net/campaigns' });
		const collector = foreignHost('https://collector.example.net', []);

		const result = await testCredential(loginCredentials().ameyoApi);

		expect(collector.hits).toEqual([]);
		expect(result).toEqual({
			status: 'Error',
			message:
				'The server redirected the session check to https://collector.example.net/campaigns (HTTP 302); the session id is not sent on: put the address the server expects in the server URL',
		});
		nock.cleanAll();
	});

	it('does not follow a redirect of a pasted session either', async () => {
		api(session(2)).get(CAMPAIGNS_PATH).reply(302, '', { Location: 'https://collector.example.net/campaigns' });
		const collector = foreignHost('https://collector.example.net', []);

		const result = await testCredential(pastedCredentials(session(2)).ameyoApi);

		expect(collector.hits).toEqual([]);
		expect(result.status).toBe('Error');
		nock.cleanAll();
	});
});
