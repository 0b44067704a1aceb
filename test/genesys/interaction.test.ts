import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	BASIC_PASSWORD,
	CUSTOMER_ID,
	GET,
	genesysCredentials,
	GMS,
	GMS_BASE_PATH,
	interactionResource,
	IXN_ID,
	PROXY_KEY,
	runGenesys,
	UCS,
} from './fixtures';

useNockOnly();

describe('Interaction → Get', () => {
	it('returns the interaction with ISO dates and the entity type and status by name', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());

		const { items, error } = await runGenesys(GET());

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			interaction_id: IXN_ID,
			start_date: '2009-08-05T09:33:10.000Z',
			end_date: '2009-08-05T09:34:04.140Z',
			entity_type: 2,
			entity_type_name: 'chat',
			status: 3,
			status_name: 'stopped',
			udata: { RTenant: 'defaultTenant' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('turns epoch and zone-less dates into ISO strings in UTC', async () => {
		nock(UCS)
			.get(`/interactions/${IXN_ID}`)
			.reply(200, { ...interactionResource(), start_date: 1249464790000, end_date: '2009-08-05 09:34:04' });

		const { items } = await runGenesys(GET());

		expect(items[0].json.start_date).toBe('2009-08-05T09:33:10.000Z');
		expect(items[0].json.end_date).toBe('2009-08-05T09:34:04.000Z');
	});

	it('gives one item per interaction when the server answers with an array', async () => {
		nock(UCS)
			.get(`/interactions/${IXN_ID}`)
			.reply(200, [interactionResource(), { ...interactionResource('00001a57JGQ00BX1'), status: 1, entity_type: 0 }]);

		const { items } = await runGenesys(GET());

		expect(items.map((i) => [i.json.interaction_id, i.json.entity_type_name, i.json.status_name])).toEqual([
			[IXN_ID, 'chat', 'stopped'],
			['00001a57JGQ00BX1', 'email in', 'pending'],
		]);
	});

	it('sends the tenancy headers ContactCenterId and GroupId', async () => {
		nock(UCS, { reqheaders: { ContactCenterId: 'Environment', GroupId: 'Sales' } })
			.get(`/interactions/${IXN_ID}`)
			.reply(200, interactionResource());

		const { error } = await runGenesys(GET(), {
			credentials: genesysCredentials({ contactCenterId: 'Environment', groupId: 'Sales' }),
		});

		expect(error).toBeUndefined();
	});

	it('sends no tenancy headers to a single-tenant server', async () => {
		nock(UCS, { badheaders: ['contactcenterid', 'groupid', 'authorization'] })
			.get(`/interactions/${IXN_ID}`)
			.reply(200, interactionResource());

		const { error } = await runGenesys(GET());

		expect(error).toBeUndefined();
	});

	it('signs requests with Basic auth', async () => {
		const expected = `Basic ${Buffer.from(`gms-user:${BASIC_PASSWORD}`).toString('base64')}`;
		nock(UCS, { reqheaders: { authorization: expected } })
			.get(`/interactions/${IXN_ID}`)
			.reply(200, interactionResource());

		const { error } = await runGenesys(GET(), {
			credentials: genesysCredentials({ authentication: 'basicAuth', user: 'gms-user', password: BASIC_PASSWORD }),
		});

		expect(error).toBeUndefined();
	});

	it('signs requests with the custom header of the proxy', async () => {
		nock(UCS, { reqheaders: { 'x-proxy-key': PROXY_KEY, ContactCenterId: '101' }, badheaders: ['authorization'] })
			.get(`/interactions/${IXN_ID}`)
			.reply(200, interactionResource());

		const { error } = await runGenesys(GET(), {
			credentials: genesysCredentials({
				authentication: 'headerAuth',
				headerName: 'X-Proxy-Key',
				headerSecret: PROXY_KEY,
				contactCenterId: '101',
			}),
		});

		expect(error).toBeUndefined();
	});

	it('requests under the base path of Context Services 8.5 in GMS', async () => {
		nock(GMS).get(`${GMS_BASE_PATH}/interactions/${IXN_ID}`).reply(200, interactionResource(IXN_ID, `${GMS}${GMS_BASE_PATH}`));

		const { error, items } = await runGenesys(GET(), {
			credentials: genesysCredentials({ baseUrl: `${GMS}${GMS_BASE_PATH}/` }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.interaction_id).toBe(IXN_ID);
	});

	it('URL-encodes the interaction id', async () => {
		nock(UCS).get('/interactions/tenant%3A42%40ixn~1').reply(200, interactionResource('tenant:42@ixn~1'));

		const { error } = await runGenesys(GET('tenant:42@ixn~1'));

		expect(error).toBeUndefined();
	});

	it.each([['../admin'], ['..'], [`${IXN_ID}/plain_text`], ['a?b=1'], ['a#b'], ['a b'], ['   '], ['x'.repeat(129)]])(
		'refuses the interaction id %j before any request',
		async (interactionId) => {
			const { error } = await runGenesys(GET(interactionId));

			expect(error?.message).toMatch(/^Interaction ID ".*" is not valid$/);
		},
	);

	it('maps the {message, exception} envelope to one message with the code and the id', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(404, {
			message: 'Interaction not found',
			exception: 'com.genesyslab.gsg.services.contextservices.exceptions.ContextServicesExceptionResource',
		});

		const { error } = await runGenesys(GET());

		expect(error?.message).toBe(
			`Genesys Context Services: Interaction not found — com.genesyslab.gsg.services.contextservices.exceptions.ContextServicesExceptionResource (HTTP 404, interaction ${IXN_ID})`,
		);
		expect((error as { httpCode?: string }).httpCode).toBe('404');
	});

	it('explains a tenant error with the credential fields to check', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(400, {
			message:
				"Invalid tenant specified : specified tenant in HTTP header 'ContactCenterId'='wrong value' not configured. Verify configuration.",
			exception: 'com.genesyslab.gsg.services.contextservices.exceptions.ContextServicesExceptionResource',
		});

		const { error } = await runGenesys(GET(), { credentials: genesysCredentials({ contactCenterId: 'wrong value' }) });

		expect(error?.message).toContain('Invalid tenant specified');
		expect(error?.message).toContain('(HTTP 400, interaction');
		expect(description(error)).toContain('Check Contact Center ID');
	});

	it('says to check the credential when the proxy answers 401, and never shows the key', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(401, `<html><head><title>Unauthorized</title></head></html>`);

		const { error } = await runGenesys(GET(), {
			credentials: genesysCredentials({ authentication: 'headerAuth', headerName: 'X-Proxy-Key', headerSecret: PROXY_KEY }),
		});

		expect(error?.message).toBe(`Genesys Context Services: HTML page "Unauthorized" (HTTP 401, interaction ${IXN_ID})`);
		expect(description(error)).toBe('The server, or a proxy in front of it, refused the credentials: check them in the credential.');
		expect(JSON.stringify(error)).not.toContain(PROXY_KEY);
	});

	it('fails clearly when the answer is a web page with status 200', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, '<html>GMS login</html>', { 'Content-Type': 'text/html' });

		const { error } = await runGenesys(GET());

		expect(error?.message).toBe(
			`Genesys Context Services: expected the interaction, got an HTML page: GMS login (HTTP 200, interaction ${IXN_ID})`,
		);
	});

	it('retries a 503 and then succeeds', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(503, { message: 'switching mode' });
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());

		const { error, items } = await runGenesys(GET());

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});

	it('with Continue On Fail, a failed item becomes an error item and the others still run', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());
		nock(UCS).get('/interactions/00001a57JGQ00BX2').reply(404, { message: 'Interaction not found' });

		const { items, error } = await runGenesys(
			{ resource: 'interaction', operation: 'get', interactionId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				inputItems: [{ json: { id: IXN_ID } }, { json: { id: '../x' } }, { json: { id: '00001a57JGQ00BX2' } }],
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => [i.pairedItem, i.json.interaction_id ?? i.json.error])).toEqual([
			[{ item: 0 }, IXN_ID],
			[{ item: 1 }, 'Interaction ID "../x" is not valid'],
			[{ item: 2 }, 'Genesys Context Services: Interaction not found (HTTP 404, interaction 00001a57JGQ00BX2)'],
		]);
	});
});

describe('Interaction → Get Many', () => {
	const list = [interactionResource(), { ...interactionResource('00001a57JGQ00BX1'), entity_type: 3, status: 0 }];

	it('lists the interactions of a customer, one item each', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, list);

		const { items, error } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'customer',
			customerId: CUSTOMER_ID,
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.interaction_id, i.json.entity_type_name, i.json.status_name])).toEqual([
			[IXN_ID, 'chat', 'stopped'],
			['00001a57JGQ00BX1', 'phone call', 'new'],
		]);
		expect(items[1].json.start_date).toBe('2009-08-05T09:33:10.000Z');
	});

	it('lists the interactions of a service, with tenancy and auth headers', async () => {
		nock(GMS, { reqheaders: { ContactCenterId: 'Environment', authorization: /^Basic / } })
			.get(`${GMS_BASE_PATH}/services/4711/interactions`)
			.reply(200, list);

		const { items, error } = await runGenesys(
			{ resource: 'interaction', operation: 'getMany', by: 'service', serviceId: '4711', returnAll: true },
			{
				credentials: genesysCredentials({
					baseUrl: `${GMS}${GMS_BASE_PATH}`,
					contactCenterId: 'Environment',
					authentication: 'basicAuth',
					user: 'u',
					password: BASIC_PASSWORD,
				}),
			},
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});

	it('stops at the Limit', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, list);

		const { items } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'customer',
			customerId: CUSTOMER_ID,
			returnAll: false,
			limit: 1,
		});

		expect(items.map((i) => i.json.interaction_id)).toEqual([IXN_ID]);
	});

	it('gives no items for a customer without interactions', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, []);

		const { items, error } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'customer',
			customerId: CUSTOMER_ID,
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('refuses a service id that is not a whole number before any request', async () => {
		const { error } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'service',
			serviceId: '12/../../admin',
			returnAll: true,
		});

		expect(error?.message).toBe('Service ID "12/../../admin" is not valid');
	});

	it('refuses a customer id that would change the path before any request', async () => {
		const { error } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'customer',
			customerId: '..',
			returnAll: true,
		});

		expect(error?.message).toBe('Customer ID ".." is not valid');
	});

	it('maps a vendor error with the customer id', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(500, { message: 'UCS database unavailable' }).persist();

		const { error } = await runGenesys({
			resource: 'interaction',
			operation: 'getMany',
			by: 'customer',
			customerId: CUSTOMER_ID,
			returnAll: true,
		});
		nock.cleanAll();

		expect(error?.message).toBe(`Genesys Context Services: UCS database unavailable (HTTP 500, customer ${CUSTOMER_ID})`);
		expect(description(error)).toContain('Gave up after 3 tries');
	});

	it('with Continue On Fail, each customer that fails gives one error item', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, list);
		nock(UCS).get('/customers/00001a57JGQ00XXX/interactions').reply(404, { message: 'Customer not found' });

		const { items, error } = await runGenesys(
			{ resource: 'interaction', operation: 'getMany', by: 'customer', customerId: '={{ $json.c }}', returnAll: true },
			{ continueOnFail: true, inputItems: [{ json: { c: '00001a57JGQ00XXX' } }, { json: { c: CUSTOMER_ID } }] },
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toBe(
			'Genesys Context Services: Customer not found (HTTP 404, customer 00001a57JGQ00XXX)',
		);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});
});
