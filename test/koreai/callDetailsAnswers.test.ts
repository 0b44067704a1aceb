import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { ACCOUNT, api, CALL_DETAILS_PATH, runKore } from './fixtures';

useNockOnly();

const GET_MANY = {
	resource: 'call',
	operation: 'getMany',
	start: '2026-01-01T00:00:00Z',
	end: '2026-01-02T00:00:00Z',
	returnAll: true,
};
const RANGE = `account ${ACCOUNT}, 2026-01-01 00:00:00 to 2026-01-01 23:59:59`;

const call = (n: number) => ({ sessionId: `s${n}`, channel: 'Voice', sessionStartTime: '2026-01-01 10:00:00' });

describe('Call → Get Many: answers that are not a page of calls', () => {
	it.each([
		['an HTML page', '<html><head><title>Proxy login</title></head></html>', { 'Content-Type': 'text/html' }, 'got an HTML page "Proxy login"'],
		['null', 'null', { 'Content-Type': 'application/json' }, 'got null'],
		['a data object where the list is documented', { numResults: 1, data: { sessionId: 's1' } }, {}, 'got an object with the fields numResults, data'],
	])('fails on %s instead of returning no calls', async (_name, body, headers, arrival) => {
		api().post(CALL_DETAILS_PATH).query(true).reply(200, body as string, headers);

		const { items, error } = await runKore(GET_MANY);

		expect(items).toEqual([]);
		expect(error?.message).toBe(`Kore.ai SmartAssist: expected a list of calls, ${arrival} (HTTP 200, ${RANGE}, page 0)`);
	});
});

describe('Call → Get Many: a server that ignores the offset', () => {
	it('stops with an error when a page repeats an earlier one, instead of returning the same calls again', async () => {
		// A full page of 2 calls for every offset: paging would read it 11 times, then split the day.
		api().post(CALL_DETAILS_PATH).query(true).times(2).reply(200, { numResults: 2, data: [call(1), call(2)] });

		const { items, error } = await runKore(GET_MANY, { options: { pageSize: 2 } });

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Kore.ai SmartAssist: the list of calls of page 1 repeats that of page 0; paging stopped so it cannot loop forever (${RANGE})`,
		);
	});
});
