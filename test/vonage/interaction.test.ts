import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { api, GUID, guid, mockToken, runVonage } from './fixtures';

useNockOnly();

const interaction = {
	guid: GUID,
	start: '2020-02-16T14:11:56Z',
	connectFrom: '+14154204204',
	connectTo: '22222',
	direction: 'inbound',
	content: [
		{ contentKey: 'callRecording', type: 'callRecording', contentType: 'audio/wav', contentLength: 359 },
	],
};

describe('Interaction → Get', () => {
	it('returns the interaction with its content list', async () => {
		mockToken();
		api().get(`/interaction-content/interactions/${GUID}`).reply(200, interaction);

		const { items, error } = await runVonage({ resource: 'interaction', operation: 'get', guid: GUID });

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([interaction]);
	});

	it('rejects a malformed GUID before sending any request', async () => {
		const { error } = await runVonage({ resource: 'interaction', operation: 'get', guid: 'abc/../x' });

		expect(error?.message).toContain('"abc/../x" is not a valid GUID');
	});

	it('maps a 404 to the vendor message with the HTTP code and the GUID', async () => {
		mockToken();
		api().get(`/interaction-content/interactions/${GUID}`).reply(404, { message: 'Interaction not found' });

		const { error } = await runVonage({ resource: 'interaction', operation: 'get', guid: GUID });

		expect(error?.message).toBe(
			`Vonage Contact Center: Interaction not found (HTTP 404, interaction ${GUID})`,
		);
		expect((error as { httpCode?: string }).httpCode).toBe('404');
	});
});

describe('Interaction → Search', () => {
	const search = (extra: Record<string, unknown>) => ({
		resource: 'interaction',
		operation: 'search',
		start: '2026-01-01T00:00:00.000Z',
		end: '2026-01-02T00:00:00.000Z',
		...extra,
	});

	it('follows continuation tokens over three pages with Return All', async () => {
		mockToken();
		const scope = api();
		scope
			.get('/interaction-content/interactions')
			.query((q) => q.continuationToken === undefined && q.limit === '1000')
			.reply(200, { items: [{ guid: guid(1) }, { guid: guid(2) }], meta: { nextContinuationToken: 'p2' } });
		scope
			.get('/interaction-content/interactions')
			.query((q) => q.continuationToken === 'p2')
			.reply(200, { items: [{ guid: guid(3) }], meta: { nextContinuationToken: 'p3' } });
		scope
			.get('/interaction-content/interactions')
			.query((q) => q.continuationToken === 'p3')
			.reply(200, { items: [{ guid: guid(4) }], meta: { nextContinuationToken: null } });

		const { items, error } = await runVonage(search({ returnAll: true }));

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.guid)).toEqual([guid(1), guid(2), guid(3), guid(4)]);
	});

	it('splits a 20-day range into half-open windows of at most 7 days', async () => {
		mockToken();
		const windows: Array<[string, string]> = [];
		api()
			.get('/interaction-content/interactions')
			.query((q) => {
				windows.push([String(q.start), String(q.end)]);
				return true;
			})
			.times(3)
			.reply(200, { items: [], meta: { nextContinuationToken: null } });

		const { error } = await runVonage(
			search({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-21T00:00:00.000Z', returnAll: true }),
		);

		expect(error).toBeUndefined();
		expect(windows).toEqual([
			['2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z'],
			['2026-01-08T00:00:00.000Z', '2026-01-15T00:00:00.000Z'],
			['2026-01-15T00:00:00.000Z', '2026-01-21T00:00:00.000Z'],
		]);
	});

	it('stops at the Limit and asks for no more than it needs', async () => {
		mockToken();
		api()
			.get('/interaction-content/interactions')
			.query((q) => q.limit === '2')
			.reply(200, { items: [{ guid: guid(1) }, { guid: guid(2) }], meta: { nextContinuationToken: 'more' } });

		const { items } = await runVonage(search({ returnAll: false, limit: 2 }));

		expect(items).toHaveLength(2);
	});

	it('sends the filters the user set', async () => {
		mockToken();
		api()
			.get('/interaction-content/interactions')
			.query(
				(q) => q.handlingAgentId === '1342' && q.direction === 'outbound' && q.connectFrom === '+44',
			)
			.reply(200, { items: [{ guid: guid(1) }], meta: { nextContinuationToken: null } });

		const { items } = await runVonage(
			search({ filters: { handlingAgentId: '1342', direction: 'outbound', connectFrom: '+44' } }),
		);

		expect(items).toHaveLength(1);
	});

	it('rejects an end before the start without sending a request', async () => {
		const { error } = await runVonage(
			search({ start: '2026-01-02T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' }),
		);

		expect(error?.message).toBe('Start must be before End');
	});
});
