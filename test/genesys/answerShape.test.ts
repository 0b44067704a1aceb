import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { CHAT_XML, CONTENT, CUSTOMER_ID, GET, interactionResource, IXN_ID, runGenesys, UCS } from './fixtures';

useNockOnly();

const PROXY_PAGE = '<!DOCTYPE html><html><head><title>Proxy login</title></head><body>Sign in</body></html>';

const GET_MANY = { resource: 'interaction', operation: 'getMany', by: 'customer', customerId: CUSTOMER_ID, returnAll: true };

describe('a 200 that is not an interaction', () => {
	it.each([
		['null', 'null', { 'Content-Type': 'application/json' }, 'got null'],
		['an empty body', '', {}, 'got an empty body'],
		['an empty object', {}, {}, 'got an empty object {}'],
		['an empty list', [], {}, 'got an empty list'],
		['an error envelope', { message: 'Tenant is being migrated' }, {}, 'got the message "Tenant is being migrated"'],
	])('Interaction → Get fails on %s instead of giving no item or an empty one', async (_name, body, headers, arrival) => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, body as string, headers);

		const { items, error } = await runGenesys(GET());

		expect(items).toEqual([]);
		expect(error?.message).toBe(`Genesys Context Services: expected the interaction, ${arrival} (HTTP 200, interaction ${IXN_ID})`);
	});

	it.each([
		['an HTML page', PROXY_PAGE, { 'Content-Type': 'text/html' }, 'got an HTML page "Proxy login"'],
		['null', 'null', { 'Content-Type': 'application/json' }, 'got null'],
		['an empty object', {}, {}, 'got an empty object {}'],
	])('Interaction → Get Many fails on %s instead of "no interactions"', async (_name, body, headers, arrival) => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, body as string, headers);

		const { items, error } = await runGenesys(GET_MANY);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Genesys Context Services: expected a list of interactions, ${arrival} (HTTP 200, customer ${CUSTOMER_ID})`,
		);
	});

	it('Interaction → Get Many fails on a list holding something other than interactions', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, [interactionResource(), { status: 'ok' }]);

		const { error } = await runGenesys(GET_MANY);

		expect(error?.message).toBe(
			`Genesys Context Services: expected a list of interactions, got a list of 2 entries (HTTP 200, customer ${CUSTOMER_ID})`,
		);
		expect((error as { description?: string }).description).toContain(
			'Entry 2 of the list is an object with the fields status, not an object with "interaction_id".',
		);
	});
});

describe('a 200 that is not structured text', () => {
	it.each([
		['an empty body', '', { 'Content-Type': 'text/xml' }, 'got an empty body'],
		['a JSON envelope', '{"message":"Upstream timeout"}', { 'Content-Type': 'application/json' }, 'got the message "Upstream timeout"'],
	])('Content → Get Structured Text fails on %s', async (_name, body, headers, arrival) => {
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, body, headers);

		const { items, error } = await runGenesys(CONTENT('getStructuredText'));

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Genesys Context Services: expected the structured text, ${arrival} (HTTP 200, interaction ${IXN_ID}, structured text)`,
		);
	});

	it('Interaction → Get refuses an HTML page where the interaction lists its structured text as XML', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, PROXY_PAGE, { 'Content-Type': 'text/html' });

		const { error } = await runGenesys(GET(IXN_ID, { includeContent: ['structuredText'] }));

		expect(error?.message).toBe(
			`Genesys Context Services: expected the structured text, got an HTML page "Proxy login" (HTTP 200, interaction ${IXN_ID}, structured text)`,
		);
		expect((error as { description?: string }).description).toContain('The interaction lists its structured text as text/xml.');
	});

	it('still reads the chat XML the interaction lists', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });

		const { items, error } = await runGenesys(GET(IXN_ID, { includeContent: ['structuredText'] }));

		expect(error).toBeUndefined();
		expect((items[0].json.transcript as { segments: unknown[] }).segments.length).toBeGreaterThan(0);
	});
});
