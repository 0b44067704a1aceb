import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { accountPacer, BACK_OFF_FACTOR, QUIET_PERIOD_MS, RequestPacer } from '../../nodes/shared/http/requestPacer';

const MINUTE = 60_000;

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(Date.parse('2026-03-02T12:00:00Z'));
});
afterEach(() => vi.useRealTimers());

/** Epoch ms at which each of `count` requests of one client was let through. */
async function sendTimes(pacer: RequestPacer, count: number): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const waited = pacer.wait();
		await vi.runAllTimersAsync();
		await waited;
		times.push(Date.now());
	}
	return times;
}

/** The most requests in any 60-second window. */
function busiestMinute(times: number[]): number {
	return Math.max(...times.map((t, i) => times.slice(i).filter((u) => u < t + MINUTE).length));
}

/**
 * Clients sharing one account's sliding-window limit, each with its own pacer, for `minutes`:
 * each sends as fast as its pacer lets it; the account answers 429 with the seconds until a slot
 * frees once `limit` requests were accepted in the last minute.
 */
async function shareAccount(clients: number, ceiling: number, limit: number, minutes: number) {
	const pacers = Array.from({ length: clients }, () => new RequestPacer(ceiling));
	const accepted: number[] = [];
	const refused: number[] = [];
	const end = Date.now() + minutes * MINUTE;
	const client = async (pacer: RequestPacer) => {
		while (Date.now() < end) {
			await pacer.wait();
			const now = Date.now();
			const recent = accepted.filter((t) => t > now - MINUTE);
			if (recent.length < limit) {
				accepted.push(now);
				continue;
			}
			refused.push(now);
			pacer.throttled(Math.ceil((recent[0] + MINUTE - now) / 1000) * 1000);
		}
	};
	const all = Promise.all(pacers.map(client));
	await vi.advanceTimersByTimeAsync(minutes * MINUTE + MINUTE);
	await all;
	return { accepted, refused, pacers };
}

describe('RequestPacer', () => {
	it('spaces requests by 60 s / rate, and a pacer never refused runs at exactly its ceiling', async () => {
		const pacer = new RequestPacer(600);

		const times = await sendTimes(pacer, 601);

		expect(times[1] - times[0]).toBeGreaterThanOrEqual(100);
		expect(busiestMinute(times)).toBeLessThanOrEqual(600);
		expect(busiestMinute(times)).toBeGreaterThanOrEqual(595);
		expect(pacer.currentRate).toBe(600);
	});

	it('does not wait at all at rate 0, even when refused', async () => {
		const pacer = new RequestPacer(0);
		pacer.throttled(30_000);
		const started = Date.now();

		await sendTimes(pacer, 100);

		expect(Date.now()).toBe(started);
	});

	it('cuts its rate on a 429, once per congestion, not once per refused request', () => {
		const pacer = new RequestPacer(100);

		pacer.throttled();
		pacer.throttled();
		pacer.throttled();

		expect(pacer.currentRate).toBeCloseTo(100 * BACK_OFF_FACTOR);
	});

	it('holds every request until the Retry-After is over', async () => {
		const pacer = new RequestPacer(600);
		await sendTimes(pacer, 1);
		const refusedAt = Date.now();

		pacer.throttled(20_000);
		const [next] = await sendTimes(pacer, 1);

		expect(next - refusedAt).toBeGreaterThanOrEqual(20_000);
	});

	it('holds a request already waiting for its slot when a 429 comes meanwhile', async () => {
		const pacer = new RequestPacer(60);
		await sendTimes(pacer, 1);
		const waiting = pacer.wait();
		await vi.advanceTimersByTimeAsync(500);
		const refusedAt = Date.now();

		pacer.throttled(10_000);
		await vi.runAllTimersAsync();
		await waiting;

		expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(10_000);
	});

	it('creeps back to its ceiling after a quiet period, and never above it', async () => {
		const pacer = new RequestPacer(100);
		pacer.throttled();
		const cut = pacer.currentRate;

		vi.advanceTimersByTime(QUIET_PERIOD_MS);
		const oneStep = pacer.currentRate;
		vi.advanceTimersByTime(60 * MINUTE);

		expect(oneStep).toBeGreaterThan(cut);
		expect(oneStep).toBeLessThan(100);
		expect(pacer.currentRate).toBe(100);
	});

	it('three clients with the full ceiling each settle on one account limit: ≥ 85 % of it accepted, few 429s, never above it', async () => {
		const limit = 160;

		const { accepted, refused } = await shareAccount(3, limit, limit, 12);

		const settledFrom = accepted[0] + 2 * MINUTE;
		const settledMinutes = (accepted.at(-1)! - settledFrom) / MINUTE;
		const acceptedSettled = accepted.filter((t) => t >= settledFrom).length;
		const refusedSettled = refused.filter((t) => t >= settledFrom).length;
		expect(acceptedSettled / settledMinutes).toBeGreaterThanOrEqual(0.85 * limit);
		expect(refusedSettled / (acceptedSettled + refusedSettled)).toBeLessThanOrEqual(0.05);
		expect(busiestMinute(accepted)).toBeLessThanOrEqual(limit);
	});

	it('one client alone against a lower account limit settles under it too', async () => {
		const { accepted, refused } = await shareAccount(1, 160, 100, 10);

		const settledFrom = accepted[0] + 2 * MINUTE;
		const acceptedSettled = accepted.filter((t) => t >= settledFrom).length;
		const refusedSettled = refused.filter((t) => t >= settledFrom).length;
		expect(acceptedSettled / 8).toBeGreaterThanOrEqual(85);
		expect(refusedSettled / (acceptedSettled + refusedSettled)).toBeLessThanOrEqual(0.05);
	});
});

describe('accountPacer', () => {
	it('gives every run of one account the same budget, even runs side by side', async () => {
		const runA = accountPacer('vcc https://emea.example client-a', 600);
		const runB = accountPacer('vcc https://emea.example client-a', 600);
		expect(runB).toBe(runA);
		const started = Date.now();

		const all = Promise.all([0, 1, 2].flatMap(() => [runA.wait(), runB.wait()]));
		await vi.runAllTimersAsync();
		await all;

		// Six requests at one per 100 ms: the last waits 500 ms. Two budgets would finish at 200 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(500);
	});

	it('keeps different accounts apart', () => {
		expect(accountPacer('vcc https://emea.example client-b', 600)).not.toBe(accountPacer('vcc https://emea.example client-c', 600));
	});

	it('shares what one run learnt from a 429 with every other run of the account', () => {
		accountPacer('vcc https://emea.example client-e', 160).throttled();

		expect(accountPacer('vcc https://emea.example client-e', 160).currentRate).toBeLessThan(160);
	});

	it('does not pace an account whose rate is 0', async () => {
		const pacer = accountPacer('vcc https://emea.example client-d', 0);
		const started = Date.now();

		await sendTimes(pacer, 50);

		expect(Date.now()).toBe(started);
	});
});
