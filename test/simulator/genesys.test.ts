/**
 * The simulator's Genesys Context Services / UCS behaviour: GMS basic auth, the ContactCenterId
 * tenancy header, interaction queries, absolute content URLs and the chat transcript XML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index.mjs';
import { genesysHeaders, sha256 } from './simulatorClient';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ seed: 14 });
});
afterAll(async () => sim?.close());

const get = (path: string, headers = genesysHeaders(sim)) => fetch(`${sim.credentials.genesys.baseUrl}${path}`, { headers });
const chat = () => sim.catalog.genesys.interactions.find((x) => x.mediaType === 'chat' && !x.foreignHost)!;

describe('Genesys UCS', () => {
	it('answers 400 "Invalid tenant specified" without the ContactCenterId header, or with a wrong one', async () => {
		const missing = await get(`/interactions/${chat().interactionId}`, { authorization: genesysHeaders(sim).authorization });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ message: 'Invalid tenant specified', exception: expect.any(String) });
		expect((await get(`/interactions/${chat().interactionId}`, { ...genesysHeaders(sim), ContactCenterId: 'other' })).status).toBe(400);
	});

	it('answers 401 without HTTP Basic credentials (GMS in front)', async () => {
		const response = await get(`/interactions/${chat().interactionId}`, { ContactCenterId: sim.credentials.genesys.contactCenterId });
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
	});

	it('returns an interaction as an array of one resource with absolute content URLs on its own host', async () => {
		const id = chat().interactionId;
		const [resource] = (await (await get(`/interactions/${id}`)).json()) as Array<Record<string, unknown>>;
		expect(resource).toMatchObject({ interaction_id: id, media_type: 'chat', entity_type: 2, structured_text_mime: 'text/xml' });
		expect(resource.structured_text).toBe(`${sim.url}/genesys/1/cs/interactions/${id}/structured_text`);
		expect(resource.text).toBe(`${sim.url}/genesys/1/cs/interactions/${id}/plain_text`);
	});

	it('serves structured_text as a Genesys chatTranscript XML, byte-identical to the catalog', async () => {
		const x = chat();
		const response = await get(`/interactions/${x.interactionId}/structured_text`);
		const body = Buffer.from(await response.arrayBuffer());
		expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
		expect(sha256(body)).toBe(x.content.structured_text!.sha256);
		expect(body.toString()).toMatch(/<chatTranscript startAt="[^"]+" sessionId="[^"]+">[\s\S]*<newParty [\s\S]*userNick=[\s\S]*<msgText>/);
	});

	it('answers the business-attributes metadata query behind the same tenancy and Basic checks', async () => {
		const ok = await get('/metadata/business-attributes');
		expect(ok.status).toBe(200);
		expect(Array.isArray(await ok.json())).toBe(true);
		const noTenant = await get('/metadata/business-attributes', { authorization: genesysHeaders(sim).authorization });
		expect(noTenant.status).toBe(400);
	});

	it('lists a customer\'s and a service\'s interactions', async () => {
		const customer = sim.catalog.genesys.customers[0];
		const byCustomer = (await (await get(`/customers/${customer.customerId}/interactions`)).json()) as Array<{ interaction_id: string }>;
		expect(byCustomer.map((r) => r.interaction_id)).toEqual(customer.interactionIds);
		const service = sim.catalog.genesys.services[0];
		const byService = (await (await get(`/services/${service.serviceId}/interactions`)).json()) as Array<{ interaction_id: string }>;
		expect(byService.map((r) => r.interaction_id)).toEqual(service.interactionIds);
	});

	it('has one interaction whose content URLs point at a foreign host', async () => {
		const id = sim.catalog.genesys.foreignHostInteractionId;
		const [resource] = (await (await get(`/interactions/${id}`)).json()) as Array<Record<string, string>>;
		expect(new URL(resource.structured_text).host).toBe('evil.example.invalid');
	});

	it('serves the PDF attachment of an e-mail as binary_content', async () => {
		const email = sim.catalog.genesys.interactions.find((x) => x.content.binary_content)!;
		const response = await get(`/interactions/${email.interactionId}/binary_content`);
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.subarray(0, 5).toString()).toBe('%PDF-');
		expect(sha256(body)).toBe(email.content.binary_content!.sha256);
	});
});
