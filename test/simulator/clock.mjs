/**
 * The simulator's clock: starts at `now` (so data "from the last 30 days" is stable for a given
 * `now`) and runs at wall-clock speed. Tests jump it forward with `advance` to expire tokens,
 * sessions and signed URLs without sleeping.
 */
export function createClock(start) {
	const startedAt = Date.now();
	let offsetMs = 0;
	return {
		start,
		now: () => start + (Date.now() - startedAt) + offsetMs,
		advance: (ms) => {
			offsetMs += Math.max(0, Number(ms) || 0);
		},
	};
}

/**
 * Timers that die with the simulator: every delay (slow bodies, fault pauses) goes through here so
 * close() can cancel them and no timer keeps the process alive.
 */
export function createTimers() {
	const pending = new Map();
	let closed = false;
	return {
		sleep(ms) {
			if (closed) return Promise.resolve(false);
			return new Promise((resolve) => {
				const timer = setTimeout(() => {
					pending.delete(timer);
					resolve(true);
				}, ms);
				pending.set(timer, resolve);
			});
		},
		closeAll() {
			closed = true;
			for (const [timer, resolve] of pending) {
				clearTimeout(timer);
				resolve(false);
			}
			pending.clear();
		},
	};
}
