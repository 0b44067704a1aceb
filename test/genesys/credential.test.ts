import nock from 'nock';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { pressTestButton as pressCredentialTest, type TestButtonResult } from '../support/credentialTestButton';
import { useNockOnly } from '../support/nockChecks';
import { BASIC_PASSWORD, genesysCredentials, GMS, GMS_BASE_PATH, PROXY_KEY, UCS } from './fixtures';

useNockOnly();

const credential = new GenesysContextServicesApi();

function data(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return genesysCredentials(overrides).genesysContextServicesApi;
}

async function sign(
	overrides: ICredentialDataDecryptedObject,
	request: Partial<IHttpRequestOptions> = {},
): Promise<IHttpRequestOptions> {
	return await credential.authenticate(data(overrides), {
		method: 'GET',
		url: `${UCS}/interactions/x`,
		headers: { Accept: 'application/json' },
		...request,
	});
}

describe('authenticate', () => {
	it('adds nothing for a single-tenant server without authentication', async () => {
		const signed = await sign({});

		expect(signed.headers).toEqual({ Accept: 'application/json' });
		expect(signed.skipSslCertificateValidation).toBeUndefined();
	});

	it('adds the tenancy headers', async () => {
		expect((await sign({ contactCenterId: ' 101 ', groupId: 'Sales' })).headers).toMatchObject({ ContactCenterId: '101', GroupId: 'Sales' });
	});

	it('adds Basic auth', async () => {
		const signed = await sign({ authentication: 'basicAuth', user: 'gms', password: BASIC_PASSWORD });

		expect(signed.headers?.Authorization).toBe(`Basic ${Buffer.from(`gms:${BASIC_PASSWORD}`).toString('base64')}`);
	});

	it('adds the custom header, and no Authorization', async () => {
		const signed = await sign({ authentication: 'headerAuth', headerName: 'X-Proxy-Key', headerSecret: PROXY_KEY });

		expect(signed.headers).toEqual({ Accept: 'application/json', 'X-Proxy-Key': PROXY_KEY });
	});

	it('skips certificate checks only when Ignore TLS Certificate Errors is on', async () => {
		expect((await sign({ ignoreTlsErrors: true })).skipSslCertificateValidation).toBe(true);
		expect((await sign({ ignoreTlsErrors: false })).skipSslCertificateValidation).toBeUndefined();
	});

	it('signs a relative URL under the base path the way the HTTP client joins them', async () => {
		const signed = await sign(
			{ baseUrl: `${GMS}${GMS_BASE_PATH}`, contactCenterId: '1' },
			{ url: '/interactions/x', baseURL: `${GMS}${GMS_BASE_PATH}` },
		);

		expect(signed.headers?.ContactCenterId).toBe('1');
	});

	it.each([
		['another host', 'http://evil.example.com/interactions/x'],
		['another port', 'http://ucshost:9999/interactions/x'],
		['https instead of http', 'https://ucshost:8080/interactions/x'],
	])('refuses to sign a request to %s', async (_case, url) => {
		await expect(sign({ authentication: 'headerAuth', headerName: 'X-Proxy-Key', headerSecret: PROXY_KEY }, { url })).rejects.toThrow(
			/^Genesys Context Services credential: refused to send credentials to /,
		);
	});

	it('refuses to sign outside the base path', async () => {
		await expect(sign({ baseUrl: `${GMS}${GMS_BASE_PATH}` }, { url: `${GMS}/genesys/1/admin` })).rejects.toThrow(
			'because its path /genesys/1/admin is outside the configured base path /genesys/1/cs',
		);
	});

	it.each([
		[{ baseUrl: '' }, 'The Base URL is empty'],
		[{ baseUrl: 'ucshost:8080' }, 'The Base URL "ucshost:8080" must start with https:// or http://'],
		[{ baseUrl: 'http://admin:pw@ucshost:8080' }, 'must not contain a user name or password'],
		[{ baseUrl: 'http://ucshost:8080/?x=1' }, 'must not contain a query'],
		[{ authentication: 'headerAuth', headerName: 'X Proxy', headerSecret: 'k' }, 'must be a plain HTTP header name'],
		[{ authentication: 'headerAuth', headerName: 'Host', headerSecret: 'k' }, 'the header Host cannot be used'],
		[{ authentication: 'headerAuth', headerName: 'X-Key', headerSecret: 'k\r\nX-Evil: 1' }, 'Header Value contains a line break'],
		[{ contactCenterId: '1\nX-Evil: 1' }, 'Contact Center ID contains a line break'],
		[{ authentication: 'basicAuth', user: 'a:b', password: 'p' }, 'cannot contain ":"'],
	])('refuses a credential with %j', async (overrides, message) => {
		await expect(sign(overrides)).rejects.toThrow(message);
	});

	it('marks every secret as a password field', () => {
		const secrets = credential.properties.filter((p) => ['password', 'headerSecret'].includes(p.name));

		expect(secrets.map((p) => p.typeOptions?.password)).toEqual([true, true]);
	});
});

async function pressTestButton(overrides: ICredentialDataDecryptedObject): Promise<TestButtonResult> {
	return await pressCredentialTest(credential, genesysCredentials(overrides));
}

describe('the Test button', () => {
	it('reads the business attributes with the tenancy headers and the authentication', async () => {
		nock(GMS, { reqheaders: { ContactCenterId: 'Environment', 'x-proxy-key': PROXY_KEY } })
			.get(`${GMS_BASE_PATH}/metadata/business-attributes`)
			.reply(200, [{ name: 'MediaType', dbid: '1003', display_name: 'Media Type' }]);

		const result = await pressTestButton({
			baseUrl: `${GMS}${GMS_BASE_PATH}/`,
			contactCenterId: 'Environment',
			authentication: 'headerAuth',
			headerName: 'X-Proxy-Key',
			headerSecret: PROXY_KEY,
		});

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('explains a tenant error in terms of the Contact Center ID', async () => {
		nock(UCS).get('/metadata/business-attributes').reply(400, {
			message: "Invalid tenant specified : specified tenant in HTTP header 'ContactCenterId'='wrong' not configured. Verify configuration.",
			exception: 'com.genesyslab.gsg.services.contextservices.exceptions.ContextServicesExceptionResource',
		});

		const result = await pressTestButton({ contactCenterId: 'wrong' });

		expect(result.status).toBe('Error');
		expect(result.message).toContain('"Invalid tenant specified"');
		expect(result.message).toContain('Check Contact Center ID and Group ID');
	});

	it('says the credentials were refused on 401', async () => {
		// n8n sends a request answered 401 once more (after a credential refresh), as here.
		nock(UCS).get('/metadata/business-attributes').times(2).reply(401, 'Unauthorized');

		const result = await pressTestButton({ authentication: 'basicAuth', user: 'u', password: 'wrong' });

		expect(result.message).toContain('refused the credentials');
	});

	it('points at the base path on 404', async () => {
		nock(UCS).get('/metadata/business-attributes').reply(404, 'Not Found');

		const result = await pressTestButton({});

		expect(result.message).toContain('check the host, the port and the base path');
	});

	it('does not follow a redirect with the credentials, and says where to point the Base URL', async () => {
		nock(UCS).get('/metadata/business-attributes').reply(302, '', { Location: 'https://login.example.com/' });
		const elsewhere = nock('https://login.example.com').get('/').reply(200, {});

		const result = await pressTestButton({ authentication: 'basicAuth', user: 'u', password: BASIC_PASSWORD });

		expect(result.message).toContain('set the Base URL to the address it redirects to');
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
	});
});
