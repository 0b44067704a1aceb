/**
 * What clients did to the simulator, so tests can assert on behaviour ("paced under 60/min",
 * "fetched one token, not one per item", "retried the 503 once"). Rates use the real monotonic
 * clock, not the simulator clock: pacing is about physical time.
 */
import { performance } from 'node:perf_hooks';

const WINDOW_MS = 60_000;
/** The width of one step of a vendor's timeline (answers and 429s per step, for plots). */
const STEP_MS = 10_000;
/** A day of steps; a longer run keeps its first day. */
const MAX_STEPS = 8640;

/** Timestamps of the last 60 s, and the most ever seen inside any 60 s window. */
function createWindow() {
	let times = [];
	let head = 0;
	let max = 0;
	const prune = (now) => {
		while (head < times.length && times[head] <= now - WINDOW_MS) head++;
		// Compact now and then so the array never holds more than a minute of requests.
		if (head > 1024 && head * 2 > times.length) {
			times = times.slice(head);
			head = 0;
		}
	};
	return {
		add(now) {
			prune(now);
			times.push(now);
			max = Math.max(max, times.length - head);
		},
		count(now) {
			prune(now);
			return times.length - head;
		},
		max: () => max,
	};
}

function createVendorStats() {
	return { requests: 0, byRoute: {}, byStatus: {}, window: createWindow(), steps: [] };
}

export function createStats() {
	let state;
	const reset = () => {
		state = {
			startedAt: new Date().toISOString(),
			startedMs: performance.now(),
			requests: 0,
			window: createWindow(),
			vendors: {},
			tokensIssued: 0,
			sessionsIssued: 0,
			faultsInjected: {},
			faultForms: {},
		};
	};
	reset();
	const vendorStats = (vendor) => (state.vendors[vendor] ??= createVendorStats());
	return {
		reset,
		/** One request reached `route` of `vendor` (control endpoints are not counted). */
		request(vendor, route) {
			const now = performance.now();
			state.requests++;
			state.window.add(now);
			const v = vendorStats(vendor);
			v.requests++;
			v.byRoute[route] = (v.byRoute[route] ?? 0) + 1;
			v.window.add(now);
		},
		status(vendor, status) {
			const v = vendorStats(vendor);
			v.byStatus[status] = (v.byStatus[status] ?? 0) + 1;
			const index = Math.floor((performance.now() - state.startedMs) / STEP_MS);
			if (index >= MAX_STEPS) return;
			while (v.steps.length <= index) v.steps.push({ answered: 0, throttled: 0 });
			if (status === 429) v.steps[index].throttled++;
			else v.steps[index].answered++;
		},
		tokenIssued() {
			state.tokensIssued++;
		},
		sessionIssued() {
			state.sessionsIssued++;
		},
		/** `form` tells variants of one kind apart (which Retry-After, which redirect status). */
		faultInjected(kind, form = kind, vendor = undefined) {
			state.faultsInjected[kind] = (state.faultsInjected[kind] ?? 0) + 1;
			state.faultForms[form] = (state.faultForms[form] ?? 0) + 1;
			if (vendor) {
				const forms = (vendorStats(vendor).faultForms ??= {});
				forms[form] = (forms[form] ?? 0) + 1;
			}
		},
		snapshot() {
			const now = performance.now();
			const vendors = {};
			for (const [name, v] of Object.entries(state.vendors)) {
				vendors[name] = {
					requests: v.requests,
					requestsLastMinute: v.window.count(now),
					maxRequestsPerMinute: v.window.max(),
					byRoute: { ...v.byRoute },
					byStatus: { ...v.byStatus },
					faultForms: { ...(v.faultForms ?? {}) },
					// Per STEP_MS since the stats were reset: answers other than 429, and 429s.
					timeline: { stepSeconds: STEP_MS / 1000, steps: v.steps.map((step) => ({ ...step })) },
				};
			}
			return {
				startedAt: state.startedAt,
				requests: state.requests,
				requestsLastMinute: state.window.count(now),
				maxRequestsPerMinute: state.window.max(),
				tokensIssued: state.tokensIssued,
				sessionsIssued: state.sessionsIssued,
				faultsInjected: { ...state.faultsInjected },
				faultForms: { ...state.faultForms },
				vendors,
			};
		},
	};
}
