import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { description } from '../support/errorDetails';
import { simulateCallDetails, spreadCalls, type SimulatedCall } from './callDetailsSimulator';
import { ACCOUNT, BOT, runKore } from './fixtures';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const DAY = 24 * 3600 * 1000;
const JAN_1 = new Date('2026-01-01T00:00:00Z');

function getMany(extra: Record<string, unknown> = {}) {
	return {
		resource: 'call',
		operation: 'getMany',
		start: '2026-01-01T00:00:00Z',
		end: '2026-01-02T00:00:00Z',
		returnAll: true,
		...extra,
	};
}

const ids = (items: Array<{ json: Record<string, unknown> }>) => items.map((i) => i.json.sessionId);

describe('Call → Get Many', () => {
	it('pages with offset = page number until a short page', async () => {
		const requests = simulateCallDetails(spreadCalls(5, JAN_1, DAY));

		const { items, error } = await runKore(getMany(), { options: { pageSize: 2 } });

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(['s0000', 's0001', 's0002', 's0003', 's0004']);
		expect(requests.map((r) => [r.offset, r.limit])).toEqual([[0, 2], [1, 2], [2, 2]]);
	});

	it('sends the range, time zone, filters and the account and bot headers as documented', async () => {
		const requests = simulateCallDetails([]);

		await runKore(
			getMany({ filters: { channels: 'voice, rtm', queues: 'qu-1\nqu-2' } }),
			{ options: { timeZoneOffset: -330, selectedFields: ['customerinfo', 'skills'] } },
		);

		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			startDate: '2026-01-01 05:30:00',
			endDate: '2026-01-02 05:29:59',
			timeZoneOffset: -330,
			channels: ['voice', 'rtm'],
			queues: ['qu-1', 'qu-2'],
			selectedFields: ['customerinfo', 'skills'],
		});
		expect(requests[0].headers).toMatchObject({ accountid: ACCOUNT, iid: BOT });
		expect([requests[0].offset, requests[0].limit]).toEqual([0, 100]);
	});

	it('splits a 10-day range into a 7-day and a 3-day window that neither overlap nor leave a gap', async () => {
		const boundary = new Date(JAN_1.getTime() + 7 * DAY);
		const calls: SimulatedCall[] = [
			{ sessionId: 'first', at: JAN_1 },
			{ sessionId: 'lastSecondOfWindow1', at: new Date(boundary.getTime() - 1000) },
			{ sessionId: 'firstSecondOfWindow2', at: boundary },
			{ sessionId: 'last', at: new Date(JAN_1.getTime() + 10 * DAY - 1000) },
		];
		const requests = simulateCallDetails(calls);

		const { items, error } = await runKore(getMany({ end: '2026-01-11T00:00:00Z' }));

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(['first', 'lastSecondOfWindow1', 'firstSecondOfWindow2', 'last']);
		expect(requests.map((r) => [r.body.startDate, r.body.endDate])).toEqual([
			['2026-01-01 00:00:00', '2026-01-07 23:59:59'],
			['2026-01-08 00:00:00', '2026-01-10 23:59:59'],
		]);
	});

	it('pages across windows: three windows, several pages each, every call exactly once', async () => {
		const calls = spreadCalls(15, JAN_1, 20 * DAY);
		const requests = simulateCallDetails(calls);

		const { items } = await runKore(getMany({ end: '2026-01-21T00:00:00Z' }), { options: { pageSize: 2 } });

		expect(ids(items)).toEqual(calls.map((c) => c.sessionId));
		expect(new Set(requests.map((r) => r.body.startDate)).size).toBe(3);
		expect(Math.max(...requests.map((r) => r.offset))).toBeGreaterThan(0);
	});

	it('halves a window whose 11th page is still full instead of dropping what lies beyond', async () => {
		// 30 calls in one day with 2 per page: the API can page through 22 at most.
		const calls = spreadCalls(30, JAN_1, DAY);
		const requests = simulateCallDetails(calls);

		const { items, error } = await runKore(getMany(), { options: { pageSize: 2 } });

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(calls.map((c) => c.sessionId));
		expect(requests.filter((r) => r.body.startDate === '2026-01-01 00:00:00' && r.body.endDate === '2026-01-01 23:59:59')).toHaveLength(11);
		expect(requests.some((r) => r.body.endDate === '2026-01-01 11:59:59')).toBe(true);
		expect(requests.some((r) => r.body.startDate === '2026-01-01 12:00:00')).toBe(true);
		expect(Math.max(...requests.map((r) => r.offset))).toBe(10);
	});

	it('halves at once when numResults says the window holds more than can be paged', async () => {
		const calls = spreadCalls(30, JAN_1, DAY);
		const requests = simulateCallDetails(calls, { numResults: 'total' });

		const { items } = await runKore(getMany(), { options: { pageSize: 2 } });

		expect(ids(items)).toEqual(calls.map((c) => c.sessionId));
		expect(requests.filter((r) => r.body.endDate === '2026-01-01 23:59:59' && r.body.startDate === '2026-01-01 00:00:00')).toHaveLength(1);
	});

	it('fails, naming the time, when one second holds more calls than the API can page through', async () => {
		simulateCallDetails(spreadCalls(23, new Date('2026-01-01T10:00:00Z'), 1));

		const { error } = await runKore(getMany(), { options: { pageSize: 2 } });

		expect(error?.message).toBe('Kore.ai SmartAssist: more calls at 2026-01-01 10:00:00 than the call-details API can page through');
		expect(description(error)).toContain('Channels or Queue IDs filters');
	});

	it('stops asking once the limit is reached', async () => {
		const requests = simulateCallDetails(spreadCalls(40, JAN_1, DAY));

		const { items } = await runKore(getMany({ returnAll: false, limit: 3 }), { options: { pageSize: 2 } });

		expect(ids(items)).toEqual(['s0000', 's0001', 's0002']);
		expect(requests.map((r) => r.offset)).toEqual([0, 1]);
	});

	it('uses the ids typed in the node over the credential defaults, URL-encoding the account', async () => {
		let seen: Record<string, unknown> = {};
		nock('https://platform.kore.ai')
			.post('/agentassist/api/public/analytics/account/acc%3A7/v2/calldetails')
			.query(true)
			.reply(function () {
				seen = { ...this.req.headers };
				return [200, { numResults: 0, data: [] }];
			});

		const { error } = await runKore(getMany({ accountId: 'acc:7', botId: 'st-other' }));

		expect(error).toBeUndefined();
		expect(seen).toMatchObject({ accountid: 'acc:7', iid: 'st-other' });
	});

	it('maps an answer without a data list to a clear error', async () => {
		nock('https://platform.kore.ai').post(/calldetails/).query(true).reply(200, { errors: [{ msg: 'Invalid accountId' }] });

		const { error } = await runKore(getMany());

		expect(error?.message).toBe(
			`Kore.ai SmartAssist: expected a list of calls, got the message "Invalid accountId" (HTTP 200, account ${ACCOUNT}, 2026-01-01 00:00:00 to 2026-01-01 23:59:59, page 0)`,
		);
	});

	it.each([
		[{ start: '2026-01-02T00:00:00Z', end: '2026-01-01T00:00:00Z' }, {}, 'Start must be before End'],
		[{ start: 'yesterday' }, {}, 'Start "yesterday" is not a valid date'],
		[{}, { timeZoneOffset: 5.5 }, 'Time Zone Offset "5.5" is not valid'],
		[{}, { pageSize: 101 }, 'Page Size "101" is not valid'],
	])('rejects %o %o before any request', async (extra, options, message) => {
		const { error } = await runKore(getMany(extra), { options });

		expect(error?.message).toBe(message);
	});

	it('needs an account id from the node or the credential', async () => {
		const { error } = await runKore(getMany(), {
			credentials: { koreAiSmartAssistApi: { host: 'platform.kore.ai', clientId: 'cs-1', clientSecret: 's', botId: BOT } },
		});

		expect(error?.message).toBe('Account ID is required');
	});
});
