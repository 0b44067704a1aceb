/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: it needs module and setImmediate */
import { createRequire } from 'node:module';
import { vi } from 'vitest';

/**
 * A virtual clock for node runs: the waits a node asks for (backoff between tries, Retry-After,
 * the pacer's spacing, Wait for Media's polls, Kore.ai's rolling budget) pass at once instead of
 * in real time, and `Date.now()` moves by what was waited (on top of real time), so a spec can say "the
 * second request came ≥ 1 s after the first" without sleeping for it.
 *
 * How: during a run `Date` is a vitest fake (`vi.useFakeTimers({ toFake: ['Date'] })`) that
 * follows real time (shouldAdvanceTime), and n8n-workflow's `sleep`, the one wait node code has,
 * is queued here instead of handed to a real setTimeout. When the run has been idle for
 * IDLE_TURNS turns of the event loop, the earliest queued wait ends: the fake clock jumps to its
 * end (`vi.setSystemTime`) and it resolves. Waits end in the order of their ends, so runs side by
 * side share one timeline.
 *
 * Why not fake setTimeout itself: axios times every request with a global setTimeout (30 s for a
 * sign-in, the Timeout option for a call), and a run waiting on real I/O (the binary store's file
 * writes go through the thread pool) looks idle to the loop; a faked setTimeout would fire those
 * timeouts early. Only `sleep` is a wait the node chose, so only it is virtual. Everything else
 * stays real: setTimeout, setImmediate, I/O (nock, loopback servers) and `AbortSignal.timeout`
 * (the body idle guard, a poll's deadline); as the fake Date keeps pace with real time, a
 * Timeout on a real socket is still waited out, for real, and named right.
 */

/** n8n-workflow re-exports `sleep` through a getter that reads this module's export on each call. */
const sleepModule = createRequire(require.resolve('n8n-workflow'))('@n8n/utils/sleep') as {
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
};
const realSleep = sleepModule.sleep;

/** Event-loop turns without the run ending before the next wait ends: in-process I/O needs a few. */
const IDLE_TURNS = 20;

interface Wait {
	endsAt: number;
	order: number;
	done: () => void;
}

let waits: Wait[] | undefined;
let waitCount = 0;

async function virtualSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (!waits) return await realSleep(ms, signal);
	signal?.throwIfAborted();
	const queue = waits;
	await new Promise<void>((resolve) => queue.push({ endsAt: Date.now() + Math.max(0, ms), order: waitCount++, done: resolve }));
}

async function loopTurns(count: number): Promise<void> {
	for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` on the virtual clock, starting at the real time (or `now`). When the spec fakes Date
 * itself, its clock is the one the waits move; when a run is on the virtual clock already (runs
 * side by side), `work` joins it.
 */
export async function onFakeClock<T>(work: () => Promise<T>, now?: number): Promise<T> {
	if (waits) return await work();
	// A spec that fakes Date itself (a trigger's clock set by hand) keeps it; its runs' waits move it.
	const ownClock = !vi.isFakeTimers();
	if (ownClock) vi.useFakeTimers({ toFake: ['Date'], now: now ?? Date.now(), shouldAdvanceTime: true, advanceTimeDelta: 5 });
	const queue: Wait[] = [];
	waits = queue;
	sleepModule.sleep = virtualSleep;
	try {
		let settled = false;
		// Settled into a value, so a failure waits here for the await below, never unhandled.
		const outcome = work().then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		void outcome.finally(() => (settled = true));
		while (!settled) {
			await loopTurns(IDLE_TURNS);
			if (settled || queue.length === 0) continue;
			queue.sort((a, b) => a.endsAt - b.endsAt || a.order - b.order);
			const next = queue.shift()!;
			if (next.endsAt > Date.now()) vi.setSystemTime(next.endsAt);
			next.done();
		}
		const result = await outcome;
		if ('error' in result) throw result.error;
		return result.value;
	} finally {
		waits = undefined;
		sleepModule.sleep = realSleep;
		// Waits still queued (a run that ended beside them) end now, on the real clock.
		for (const wait of queue) wait.done();
		if (ownClock) vi.useRealTimers();
	}
}

/** Runs `work` on the virtual clock and says how much time passed on it meanwhile. */
export async function timedOnFakeClock<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
	return await onFakeClock(async () => {
		const started = Date.now();
		const result = await work();
		return { result, elapsedMs: Date.now() - started };
	});
}
