import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { AmeyoApi } from '../../credentials/AmeyoApi.credentials';
import { Ameyo } from '../../nodes/Ameyo/Ameyo.node';
import { useNockOnly } from '../support/nockChecks';
import { temporarySignInRefusal } from '../../nodes/shared/http/signInFailure';
import { credentialsWith, loggedInCredentials, loginCredentials, pastedCredentials, SERVER, session, USER } from './fixtures';

useNockOnly();

const credential = new AmeyoApi();
const sign = async (data: ReturnType<typeof loggedInCredentials>, request: IHttpRequestOptions) =>
	await credential.authenticate(data.ameyoApi, request);
const sessionHeader = (request: IHttpRequestOptions) => (request.headers ?? {}).Sessionid;

describe('Ameyo API credential', () => {
	it('signs requests to the configured server with the Sessionid header', async () => {
		const signed = await sign(loggedInCredentials(session(1)), { url: `${SERVER}/ameyorestapi/cc/downloadVoiceLog` });

		expect(sessionHeader(signed)).toBe(session(1));
	});

	it('signs a request given as baseURL plus a relative path the same way', async () => {
		const signed = await sign(loggedInCredentials(session(1)), { baseURL: `${SERVER}/`, url: '/ameyorestapi/x' });

		expect(sessionHeader(signed)).toBe(session(1));
	});

	it.each([
		['another host', 'https://evil.example.net/ameyorestapi/cc/downloadVoiceLog'],
		['another port', 'https://ameyo.example.com:9443/ameyorestapi/x'],
		['plain http', 'http://ameyo.example.com:8443/ameyorestapi/x'],
		['a look-alike host', 'https://ameyo.example.com.evil.net:8443/ameyorestapi/x'],
		['a host given as user info', `https://ameyo.example.com:8443@evil.example.net/ameyorestapi/x`],
	])('never signs a request to %s', async (_what, url) => {
		const signed = await sign(loggedInCredentials(session(1)), { url });

		expect(sessionHeader(signed)).toBeUndefined();
	});

	it('with a reverse-proxy prefix, signs only paths under it', async () => {
		const data = credentialsWith({
			server: 'https://proxy.example.com/ameyo',
			sessionToken: session(1),
			sessionIssuedFor: `https://proxy.example.com/ameyo|${USER}`,
		});

		expect(sessionHeader(await sign(data, { url: 'https://proxy.example.com/ameyo/ameyorestapi/x' }))).toBe(session(1));
		expect(sessionHeader(await sign(data, { url: 'https://proxy.example.com/other-app/x' }))).toBeUndefined();
		expect(sessionHeader(await sign(data, { url: 'https://proxy.example.com/ameyo-evil/x' }))).toBeUndefined();
	});

	it('never sends a stored session issued for another server or user', async () => {
		const data = credentialsWith({ sessionToken: session(1), sessionIssuedFor: `https://old.example.org|${USER}` });

		expect(sessionHeader(await sign(data, { url: `${SERVER}/ameyorestapi/x` }))).toBeUndefined();
	});

	it('sends a pasted session as it is', async () => {
		const signed = await sign(pastedCredentials(`  ${session(5)} `), { url: `${SERVER}/ameyorestapi/x` });

		expect(sessionHeader(signed)).toBe(session(5));
	});

	it('accepts a server URL without protocol or with /ameyorestapi pasted on, as the same server', async () => {
		for (const server of ['ameyo.example.com:8443', 'https://ameyo.example.com:8443/ameyorestapi/']) {
			const data = credentialsWith({ server, sessionToken: session(1), sessionIssuedFor: `${SERVER}|${USER}` });
			expect(sessionHeader(await sign(data, { url: `${SERVER}/ameyorestapi/x` }))).toBe(session(1));
		}
	});

	it('in pasted mode, preAuthentication sends nothing and stores nothing', async () => {
		const helper = {
			helpers: {
				httpRequest: async () => {
					throw new Error('no request expected');
				},
			},
		} as unknown as IHttpRequestHelper;

		await expect(credential.preAuthentication.call(helper, pastedCredentials(session(5)).ameyoApi)).resolves.toEqual({});
	});

	it('marks a login that did not answer in time as worth another try, like a gateway timeout', async () => {
		const timedOut = {
			helpers: {
				httpRequest: async () => await Promise.reject(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' })),
			},
		} as unknown as IHttpRequestHelper;

		const failure: unknown = await credential.preAuthentication.call(timedOut, loginCredentials().ameyoApi).catch((error: unknown) => error);

		expect(temporarySignInRefusal(failure)).toMatchObject({ signInStatus: 504 });
		expect((failure as Error).message).toContain('did not answer in time');
	});

	it('keeps the session in a hidden, expirable, masked field, which is what makes n8n log in', () => {
		const field = credential.properties.find((p) => p.name === 'sessionToken');

		expect(field).toMatchObject({ type: 'hidden', default: '', typeOptions: { expirable: true, password: true } });
	});

	it('is tested by the Ameyo node, since a fixed test request cannot log in and judge the answer', () => {
		const node = new Ameyo();

		expect('test' in credential).toBe(false);
		expect(node.description.credentials).toEqual([{ name: 'ameyoApi', required: true, testedBy: 'ameyoApiTest' }]);
		expect(typeof node.methods.credentialTest.ameyoApiTest).toBe('function');
	});
});
