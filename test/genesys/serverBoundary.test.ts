import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { CONTENT, GET, genesysCredentials, interactionResource, IXN_ID, PROXY_KEY, runGenesys, UCS } from './fixtures';

/**
 * Credentials (a proxy key, Basic auth, the tenancy headers) go to the configured server only:
 * a URL elsewhere is refused before any request, so the other host is never contacted.
 */

useNockOnly();

const proxyCredentials = genesysCredentials({
	authentication: 'headerAuth',
	headerName: 'X-Proxy-Key',
	headerSecret: PROXY_KEY,
	contactCenterId: 'Environment',
});

describe('content URLs in the interaction', () => {
	it.each([
		['another host', 'http://evil.example.com/interactions/x/plain_text', 'it points at http://evil.example.com, not at the configured server http://ucshost:8080'],
		['another port', 'http://ucshost:9090/interactions/x/plain_text', 'it points at http://ucshost:9090'],
		['another scheme', 'https://ucshost:8080/interactions/x/plain_text', 'it points at https://ucshost:8080'],
		['a user-info trick', 'http://ucshost:8080@evil.example.com/interactions/x/plain_text', 'it carries a user name or password'],
		['a file URL', 'file:///etc/passwd', 'its scheme file: is not http or https'],
	])('refuses a plain-text URL on %s and never requests it', async (_case, url, reason) => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, { ...interactionResource(), text: url });
		const elsewhere = nock(/evil\.example\.com|ucshost:9090|https:\/\/ucshost/).get(/.*/).reply(200, 'leaked');

		const { error, items } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText'] }), { credentials: proxyCredentials });

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Refused to follow the plain text URL /);
		expect(error?.message).toContain(reason);
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('refuses a URL outside the configured base path', async () => {
		const base = 'https://gms.example.com/genesys/1/cs';
		nock('https://gms.example.com').get(`/genesys/1/cs/interactions/${IXN_ID}`).reply(200, {
			...interactionResource(IXN_ID, base),
			structured_text: 'https://gms.example.com/genesys/1/admin/secrets',
		});

		const { error } = await runGenesys(GET(IXN_ID, { includeContent: ['structuredText'] }), {
			credentials: genesysCredentials({ baseUrl: base }),
		});

		expect(error?.message).toBe(
			'Refused to follow the structured text URL https://gms.example.com/genesys/1/admin/secrets: its path /genesys/1/admin/secrets is outside the configured base path /genesys/1/cs',
		);
	});

	it('refuses a path that climbs out of the base path with ../', async () => {
		const base = 'https://gms.example.com/genesys/1/cs';
		nock('https://gms.example.com').get(`/genesys/1/cs/interactions/${IXN_ID}`).reply(200, {
			...interactionResource(IXN_ID, base),
			binary_content: 'https://gms.example.com/genesys/1/cs/../../../admin',
		});

		const { error } = await runGenesys(GET(IXN_ID, { includeContent: ['binaryContent'] }), {
			credentials: genesysCredentials({ baseUrl: base }),
		});

		expect(error?.message).toContain('its path /admin is outside the configured base path /genesys/1/cs');
	});

	it('refuses a base path look-alike (/genesys/1/csx is not under /genesys/1/cs)', async () => {
		const base = 'https://gms.example.com/genesys/1/cs';
		nock('https://gms.example.com').get(`/genesys/1/cs/interactions/${IXN_ID}`).reply(200, {
			...interactionResource(IXN_ID, base),
			text: 'https://gms.example.com/genesys/1/csx/interactions/x/plain_text',
		});

		const { error } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText'] }), {
			credentials: genesysCredentials({ baseUrl: base }),
		});

		expect(error?.message).toContain('outside the configured base path /genesys/1/cs');
	});

	it('treats default ports and host case as the same server', async () => {
		nock('http://ucshost').get(`/interactions/${IXN_ID}`).reply(200, { ...interactionResource(), text: 'HTTP://UCSHOST:80/interactions/x/plain_text' });
		nock('http://ucshost').get('/interactions/x/plain_text').reply(200, 'same server');

		const { items, error } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText'] }), {
			credentials: genesysCredentials({ baseUrl: 'http://ucshost' }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.plainText).toBe('same server');
	});

	it('with Continue On Fail, a refused URL fails only its own item', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, { ...interactionResource(), text: 'http://evil.example.com/x' });
		nock(UCS).get('/interactions/00001a57JGQ00BX1').reply(200, interactionResource('00001a57JGQ00BX1'));
		nock(UCS).get('/interactions/00001a57JGQ00BX1/plain_text').reply(200, 'fine');

		const { items, error } = await runGenesys(
			{ resource: 'interaction', operation: 'get', interactionId: '={{ $json.id }}', includeContent: ['plainText'] },
			{ continueOnFail: true, inputItems: [{ json: { id: IXN_ID } }, { json: { id: '00001a57JGQ00BX1' } }] },
		);

		expect(error).toBeUndefined();
		expect(String(items[0].json.error)).toMatch(/^Refused to follow the plain text URL http:\/\/evil\.example\.com\/x/);
		expect(items[1].json.plainText).toBe('fine');
	});
});

describe('redirects', () => {
	it('follows a redirect that stays on the configured server', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}/plain_text`).reply(302, '', { Location: '/interactions/moved/plain_text' });
		nock(UCS, { reqheaders: { 'x-proxy-key': PROXY_KEY } }).get('/interactions/moved/plain_text').reply(200, 'moved text');

		const { items, error } = await runGenesys(CONTENT('getPlainText'), { credentials: proxyCredentials });

		expect(error).toBeUndefined();
		expect(items[0].json.text).toBe('moved text');
	});

	it('refuses a redirect to another host and never contacts it', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}/binary_content`).reply(302, '', { Location: 'http://evil.example.com/steal' });
		const elsewhere = nock('http://evil.example.com').get('/steal').reply(200, 'leaked');

		const { error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }), {
			credentials: proxyCredentials,
		});

		expect(error?.message).toBe(
			'Refused to follow a redirect to http://evil.example.com/steal: it points at http://evil.example.com, not at the configured server http://ucshost:8080',
		);
		expect(elsewhere.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('refuses a redirect from http to https (another scheme is another server)', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(301, '', { Location: `https://ucshost:8080/interactions/${IXN_ID}` });

		const { error } = await runGenesys(GET());

		expect(error?.message).toContain('Refused to follow a redirect to https://ucshost:8080/interactions/');
	});

	it('gives up after three redirects', async () => {
		nock(UCS).get('/interactions/a/plain_text').reply(302, '', { Location: '/interactions/b/plain_text' });
		nock(UCS).get('/interactions/b/plain_text').reply(302, '', { Location: '/interactions/c/plain_text' });
		nock(UCS).get('/interactions/c/plain_text').reply(302, '', { Location: '/interactions/d/plain_text' });
		nock(UCS).get('/interactions/d/plain_text').reply(302, '', { Location: '/interactions/e/plain_text' });

		const { error } = await runGenesys(CONTENT('getPlainText', 'a'));

		expect(error?.message).toBe('Genesys Context Services: more than 3 redirects');
	});
});
