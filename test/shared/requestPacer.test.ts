import { describe, expect, it } from 'vitest';

import { accountPacer, RequestPacer } from '../../nodes/shared/requestPacer';

async function timeOf(fn: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await fn();
	return performance.now() - started;
}

describe('RequestPacer', () => {
	it('spaces requests by 60 s / rate', async () => {
		const pacer = new RequestPacer(600); // one per 100 ms
		const elapsed = await timeOf(async () => {
			for (let i = 0; i < 4; i++) await pacer.wait();
		});
		expect(elapsed).toBeGreaterThanOrEqual(290);
	});

	it('does not wait at all at rate 0', async () => {
		const pacer = new RequestPacer(0);
		const elapsed = await timeOf(async () => {
			for (let i = 0; i < 100; i++) await pacer.wait();
		});
		expect(elapsed).toBeLessThan(50);
	});
});

describe('accountPacer', () => {
	it('gives every run of one account the same budget, even runs side by side', async () => {
		const runA = accountPacer('vcc https://emea.example client-a', 600);
		const runB = accountPacer('vcc https://emea.example client-a', 600);
		expect(runB).toBe(runA);
		const elapsed = await timeOf(() => Promise.all([0, 1, 2].flatMap(() => [runA.wait(), runB.wait()])));
		// Six requests at one per 100 ms: the last waits 500 ms. Two budgets would finish at 200 ms.
		expect(elapsed).toBeGreaterThanOrEqual(490);
	});

	it('keeps different accounts apart', async () => {
		const a = accountPacer('vcc https://emea.example client-b', 600);
		const b = accountPacer('vcc https://emea.example client-c', 600);
		expect(b).not.toBe(a);
		const elapsed = await timeOf(() => Promise.all([a.wait(), b.wait(), a.wait(), b.wait()]));
		// Two budgets: the second request of each waits ~100 ms. One shared budget: ~300 ms.
		expect(elapsed).toBeLessThan(250);
	});

	it('does not pace an account whose rate is 0', async () => {
		const pacer = accountPacer('vcc https://emea.example client-d', 0);
		const elapsed = await timeOf(() => Promise.all(Array.from({ length: 50 }, () => pacer.wait())));
		expect(elapsed).toBeLessThan(50);
	});
});
