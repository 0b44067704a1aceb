import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { KorePacer, RollingWindowLimit } from '../../nodes/KoreAiSmartAssist/transport/rateLimits';
import { description } from '../support/errorDetails';
import { timedOnFakeClock } from '../support/fakeClock';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	CLIENT_SECRET,
	GET_RECORDING,
	HOST,
	RECORDINGS_PATH,
	runKore,
	SESSION,
} from './fixtures';

useNockOnly();

function recordings(sessionId = SESSION): nock.Interceptor {
	return api().get(RECORDINGS_PATH).query({ sessionId });
}

function jtiOf(token: unknown): string {
	return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString()).jti as string;
}

describe('rate limits', () => {
	it('waits for Retry-After on 429, then succeeds with a freshly signed token', async () => {
		const tokens: unknown[] = [];
		recordings().reply(function () {
			tokens.push(this.req.headers.auth);
			return [429, { errors: [{ msg: "You've exceeded the per-minute rate limit." }] }, { 'Retry-After': '1' }];
		});
		recordings().reply(function () {
			tokens.push(this.req.headers.auth);
			return [200, { status: 'media_unavailable' }];
		});

		const { result: { items, error }, elapsedMs } = await timedOnFakeClock(async () => await runKore(GET_RECORDING));

		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('media_unavailable');
		expect(elapsedMs).toBeGreaterThanOrEqual(1000);
		expect(jtiOf(tokens[0])).not.toBe(jtiOf(tokens[1]));
	});

	it('backs off on 429 without Retry-After and says so when the tries run out', async () => {
		recordings().times(2).reply(429, { errors: [{ msg: "You've exceeded the per-minute rate limit." }] });

		const { error } = await runKore(GET_RECORDING, { options: { maxTries: 2 } });

		expect(error?.message).toBe(
			`Kore.ai SmartAssist: You've exceeded the per-minute rate limit. (HTTP 429, session ${SESSION}, bot st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2)`,
		);
		expect(description(error)).toMatch(/^Gave up after 2 tries\./);
	});

	it('spaces the requests of many items by the per-minute limit', async () => {
		const sentAt: number[] = [];
		for (const id of ['s1', 's2', 's3']) {
			recordings(id).reply(200, () => (sentAt.push(Date.now()), { status: 'media_unavailable' }));
		}

		const { items } = await runKore(
			{ ...GET_RECORDING, sessionId: '={{ $json.sessionId }}' },
			{
				inputItems: [{ json: { sessionId: 's1' } }, { json: { sessionId: 's2' } }, { json: { sessionId: 's3' } }],
				options: { requestsPerMinute: 120 },
			},
		);

		expect(items).toHaveLength(3);
		// 120 per minute = one every 500 ms, shared by all items of the run (unpaced, they arrive
		// within a few ms). The pacer's waits pass on the harness's virtual clock (fakeClock); times
		// are taken on arrival, after each request's own signing, which a busy machine delays by
		// tens of real ms; hence the margin.
		expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(440);
		expect(sentAt[2] - sentAt[1]).toBeGreaterThanOrEqual(440);
	});

	it('signs every request with its own token (a new jti each time)', async () => {
		const tokens: unknown[] = [];
		for (const id of ['s1', 's2', 's3']) {
			recordings(id).reply(function () {
				tokens.push(this.req.headers.auth);
				return [200, { status: 'media_unavailable' }];
			});
		}

		await runKore(
			{ ...GET_RECORDING, sessionId: '={{ $json.sessionId }}' },
			{ inputItems: [{ json: { sessionId: 's1' } }, { json: { sessionId: 's2' } }, { json: { sessionId: 's3' } }] },
		);

		expect(new Set(tokens.map(jtiOf)).size).toBe(3);
	});
});

describe('rolling hourly budget', () => {
	it('lets the first N requests through at once, then waits for the oldest to leave the window', async () => {
		let now = 0;
		const pauses: number[] = [];
		const limit = new RollingWindowLimit(3, 1000, () => now, async (ms) => {
			pauses.push(ms);
			now += ms;
		});

		for (let i = 0; i < 3; i++) await limit.wait();
		now = 400;
		await limit.wait();

		expect(pauses).toEqual([600]);
		expect(now).toBe(1000);
	});

	it('never allows more than N requests in any window', async () => {
		let now = 0;
		const sent: number[] = [];
		const limit = new RollingWindowLimit(5, 1000, () => now, async (ms) => {
			now += ms;
		});

		for (let i = 0; i < 23; i++) {
			await limit.wait();
			sent.push(now);
			now += 37;
		}

		for (const t of sent) expect(sent.filter((s) => s > t - 1000 && s <= t).length).toBeLessThanOrEqual(5);
	});
});

describe('Kore.ai pacer', () => {
	it('applies the hourly budget on top of the per-minute pacing', async () => {
		let now = 0;
		const pauses: number[] = [];
		const hourly = new RollingWindowLimit(2, 3_600_000, () => now, async (ms) => {
			pauses.push(ms);
			now += ms;
		});
		const pacer = new KorePacer(0, hourly);

		await pacer.wait();
		await pacer.wait();
		now = 60_000;
		await pacer.wait();

		expect(pauses).toEqual([3_540_000]);
	});
});

describe('failures', () => {
	it('explains a 401 about the scope in terms of scopes and publishing', async () => {
		recordings().reply(401, { errors: [{ msg: 'Scope is incorrect', code: 401 }] });

		const { error } = await runKore(GET_RECORDING);

		expect(error?.message).toBe(
			`Kore.ai SmartAssist: Scope is incorrect — code 401 (HTTP 401, session ${SESSION}, bot st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2)`,
		);
		expect(description(error)).toContain('the "SmartAssist Recordings" scope, then publish the bot');
		expect(description(error)).not.toContain('Client Secret');
	});

	it('points at the client id and secret first when a 401 says nothing about scopes', async () => {
		recordings().reply(401, { errors: [{ msg: 'Invalid Token' }] });

		const { error } = await runKore(GET_RECORDING);

		expect((error as { httpCode?: string }).httpCode).toBe('401');
		expect(description(error)).toMatch(/^Kore.ai refused the signed token: check the Client ID, Client Secret and host/);
	});

	it('names the analytics scope for call details', async () => {
		nock(HOST).post(/calldetails/).query(true).reply(403, { errors: [{ msg: 'Forbidden' }] });

		const { error } = await runKore({
			resource: 'call',
			operation: 'getMany',
			start: '2026-01-01T00:00:00Z',
			end: '2026-01-02T00:00:00Z',
			returnAll: true,
		});

		expect(description(error)).toContain('"SmartAssist Analytics" scope');
	});

	it('never puts the client secret or a token in an error', async () => {
		recordings().reply(401, { errors: [{ msg: 'Invalid Token' }] });

		const { error } = await runKore(GET_RECORDING);

		const text = `${JSON.stringify(error)} ${String(error?.stack)} ${description(error)}`;
		expect(text).not.toContain(CLIENT_SECRET);
		expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
	});

	it('with Continue On Fail, a failed input gives one error item and the others still run', async () => {
		recordings('s1').reply(200, { status: 'media_unavailable' });
		recordings('s2').reply(404, { errors: [{ msg: 'Session not found' }] });
		recordings('s3').reply(200, { status: 'call_in_progress' });

		const { items, error } = await runKore(
			{ ...GET_RECORDING, sessionId: '={{ $json.sessionId }}' },
			{
				inputItems: [{ json: { sessionId: 's1' } }, { json: { sessionId: 's2' } }, { json: { sessionId: 's3' } }],
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe(
			'Kore.ai SmartAssist: Session not found (HTTP 404, session s2, bot st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2)',
		);
		expect(items[0].json.status).toBe('media_unavailable');
		expect(items[2].json.status).toBe('call_in_progress');
	});

	it('with Continue On Fail, a download that is not ready gives an error item for that input only', async () => {
		recordings('s1').reply(200, { status: 'media_in_progress' });
		recordings('s2').reply(200, { status: 'media_unavailable' });

		const { items } = await runKore(
			{ resource: 'recording', operation: 'download', sessionId: '={{ $json.sessionId }}', whenNoMedia: 'returnNothing' },
			{ inputItems: [{ json: { sessionId: 's1' } }, { json: { sessionId: 's2' } }], continueOnFail: true },
		);

		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json.error).toContain('is not ready yet');
	});
});
