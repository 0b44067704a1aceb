import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	audioHeaders,
	credentialsWith,
	DOWNLOAD,
	DOWNLOAD_PATH,
	downloadQuery,
	LOGIN_PATH,
	loggedInCredentials,
	loginCredentials,
	mockLogin,
	MP3,
	PASSWORD,
	pastedCredentials,
	runAmeyo,
	SERVER,
	session,
	USER,
	visibleText,
} from './fixtures';

useNockOnly();

const INVALID_TOKEN = { message: 'invalid.authentication.token', code: 909090, info: 'Invalid token', status: 401 };
const byCrt = (crt: string) => downloadQuery({ crtObjectId: crt });
const items = (...crts: string[]) => crts.map((crt) => ({ json: { crt } }));
const PER_ITEM = { ...DOWNLOAD, crtObjectId: '={{ $json.crt }}' };

describe('logging in', () => {
	it('logs in once and shares the session with every item of the run', async () => {
		mockLogin(session(1));
		api(session(1)).get(DOWNLOAD_PATH).query(true).times(3).reply(200, MP3, audioHeaders(MP3));
		const credentials = loginCredentials();

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, {
			credentials,
			inputItems: items('a', 'b', 'c'),
		});

		expect(error).toBeUndefined();
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
		expect(credentials.ameyoApi).toMatchObject({ sessionToken: session(1), sessionIssuedFor: `${SERVER}|${USER}` });
	});

	it('reuses the session stored by an earlier run without logging in', async () => {
		api(session(7)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3, audioHeaders(MP3));

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(7)) });

		expect(error).toBeUndefined();
		expect(preAuthenticationCalls.ameyoApi ?? 0).toBe(0);
	});

	it('says the password is wrong when the server refuses the login, without showing it', async () => {
		nock(SERVER)
			.post(LOGIN_PATH)
			.reply(401, { message: 'invalid.user.credentials', code: 0, info: `Wrong password ${PASSWORD}`, status: 401 });

		const { error } = await runAmeyo(DOWNLOAD);

		expect(error?.message).toBe(
			`Ameyo refused the login of user "${USER}" on ameyo.example.com:8443 (HTTP 401: invalid.user.credentials — Wrong password [redacted]): check the user ID and the password or access key (crtObjectId d741-6904fad1-vce-daf-638729 in campaign 110)`,
		);
		expect(visibleText(error)).not.toContain(PASSWORD);
	});

	it('says the server URL is wrong when nothing answers the login path', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(404, '<html><head><title>Not Found</title></head></html>', {
			'Content-Type': 'text/html',
		});

		const { error } = await runAmeyo(DOWNLOAD);

		expect(error?.message).toContain('answered the Ameyo login with an HTML page instead of the REST API (HTTP 404: HTML page "Not Found")');
		expect(error?.message).toContain('check the protocol, host and port of the server URL');
	});

	it('says the server URL is wrong when the login path does not exist', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(404, { message: 'Not Found' });

		const { error } = await runAmeyo(DOWNLOAD);

		expect(error?.message).toContain(`There is no Ameyo login API at ${SERVER}${LOGIN_PATH} (HTTP 404: Not Found)`);
	});

	it('does not follow a redirect of the login, so the password stays on the configured server', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(307, '', { Location: 'https://collector.example.net/login' });
		const elsewhere = nock('https://collector.example.net').post('/login').reply(200, { sessionId: session(9) });

		const { error } = await runAmeyo(DOWNLOAD);

		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
		expect(error?.message).toContain('redirected the Ameyo login to https://collector.example.net/login (HTTP 307)');
	});
});

describe('a pasted session', () => {
	it('is sent as it is, and no login happens', async () => {
		api(session(5)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3, audioHeaders(MP3));

		const { items: out, error } = await runAmeyo(DOWNLOAD, { credentials: pastedCredentials(session(5)) });

		expect(error).toBeUndefined();
		expect((await readBinary(out[0])).equals(MP3)).toBe(true);
	});

	it('that the server refuses gives a clear error and no login attempt', async () => {
		api(session(5)).get(DOWNLOAD_PATH).query(true).once().reply(401, INVALID_TOKEN);

		const { error } = await runAmeyo(DOWNLOAD, { credentials: pastedCredentials(session(5)) });

		expect(error?.message).toBe(
			'Ameyo: invalid.authentication.token — code 909090 — Invalid token (HTTP 401, crtObjectId d741-6904fad1-vce-daf-638729 in campaign 110)',
		);
		expect(description(error)).toContain('paste a fresh one in the credential');
		expect(visibleText(error)).not.toContain(session(5));
	});
});

describe('an expired session', () => {
	it('expiring mid-run causes exactly one new login, and the run goes on', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(byCrt('a')).reply(200, MP3, audioHeaders(MP3));
		api(session(1)).get(DOWNLOAD_PATH).query(byCrt('b')).reply(401, INVALID_TOKEN);
		mockLogin(session(2));
		api(session(2)).get(DOWNLOAD_PATH).query(byCrt('b')).reply(200, MP3, audioHeaders(MP3));
		api(session(2)).get(DOWNLOAD_PATH).query(byCrt('c')).reply(200, MP3, audioHeaders(MP3));
		const credentials = loggedInCredentials(session(1));

		const { items: out, error, preAuthenticationCalls } = await runAmeyo(PER_ITEM, {
			credentials,
			inputItems: items('a', 'b', 'c'),
		});

		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
		expect(credentials.ameyoApi.sessionToken).toBe(session(2));
	});

	it('costs one login for 100 downloads, not 100', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(true).once().reply(401, INVALID_TOKEN);
		const login = mockLogin(session(2), 1);
		api(session(2)).get(DOWNLOAD_PATH).query(true).times(100).reply(200, MP3, audioHeaders(MP3));
		const crts = Array.from({ length: 100 }, (_, i) => `crt-${i}`);

		const { items: out, error, preAuthenticationCalls } = await runAmeyo(PER_ITEM, {
			credentials: loggedInCredentials(session(1)),
			inputItems: items(...crts),
		});

		expect(error).toBeUndefined();
		expect(out).toHaveLength(100);
		expect(login.isDone()).toBe(true);
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
	});

	it('answered by a login page with status 200 is renewed like a 401', async () => {
		api(session(1))
			.get(DOWNLOAD_PATH)
			.query(true)
			.reply(200, '<!DOCTYPE html><html><head><title>Ameyo Login</title></head><body><form><input type="password" name="p"></form></body></html>', {
				'Content-Type': 'text/html',
			});
		mockLogin(session(2));
		api(session(2)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { items: out, error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, {
			credentials: loggedInCredentials(session(1)),
		});

		expect(error).toBeUndefined();
		expect((await readBinary(out[0])).equals(MP3)).toBe(true);
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
	});

	it('answered by the invalid-token envelope with status 200 is renewed like a 401', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(true).reply(200, INVALID_TOKEN);
		mockLogin(session(2));
		api(session(2)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(error).toBeUndefined();
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
	});

	it('answered with 403 invalid.session.id is renewed like a 401', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(true).reply(403, { message: null, code: 99999, info: 'invalid.session.id', status: 403 });
		mockLogin(session(2));
		api(session(2)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { error } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(error).toBeUndefined();
	});

	it('answered by a redirect to the login page is renewed like a 401', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(true).reply(302, '', { Location: `${SERVER}/ameyo/login.jsp` });
		mockLogin(session(2));
		api(session(2)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(error).toBeUndefined();
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
	});

	it('still refused after the new login fails with one clear error and no login loop', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(true).reply(401, INVALID_TOKEN);
		const login = mockLogin(session(2), 1);
		api(session(2)).get(DOWNLOAD_PATH).query(true).reply(401, INVALID_TOKEN);

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(login.isDone()).toBe(true);
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
		expect(error?.message).toContain('(HTTP 401, crtObjectId d741-6904fad1-vce-daf-638729 in campaign 110)');
		expect(description(error)).toMatch(/^Signing in again did not help\. The server refused a session it had just issued/);
	});
});

describe('the session belongs to its server', () => {
	it('a session issued by another server (before the URL was edited) is never sent: the node logs in first', async () => {
		const credentials = credentialsWith({
			sessionToken: session(3),
			sessionIssuedFor: `https://old-ameyo.example.org:8443|${USER}`,
		});
		mockLogin(session(4));
		// Only a request carrying the new session matches; the old one would find no answer.
		api(session(4)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { error, preAuthenticationCalls } = await runAmeyo(DOWNLOAD, { credentials });

		expect(error).toBeUndefined();
		expect(preAuthenticationCalls.ameyoApi).toBe(1);
		expect(credentials.ameyoApi.sessionIssuedFor).toBe(`${SERVER}|${USER}`);
	});

	it('a session stored for another user is not sent either', async () => {
		const credentials = credentialsWith({ sessionToken: session(3), sessionIssuedFor: `${SERVER}|someone.else` });
		mockLogin(session(4));
		api(session(4)).get(DOWNLOAD_PATH).query(true).reply(200, MP3, audioHeaders(MP3));

		const { error } = await runAmeyo(DOWNLOAD, { credentials });

		expect(error).toBeUndefined();
	});

	it('a redirect to another host is not followed, so Sessionid never leaves the server', async () => {
		api(session(1))
			.get(DOWNLOAD_PATH)
			.query(true)
			.reply(302, '', { Location: 'https://files.example.net/recordings/x.mp3' });
		const elsewhere = nock('https://files.example.net').get('/recordings/x.mp3').reply(200, MP3, audioHeaders(MP3));

		const { error } = await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
		expect(error?.message).toBe(
			'Ameyo: the server redirected to https://files.example.net/recordings/x.mp3 (HTTP 302, crtObjectId d741-6904fad1-vce-daf-638729 in campaign 110)',
		);
	});
});
