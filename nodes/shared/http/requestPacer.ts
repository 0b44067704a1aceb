import { sleep } from 'n8n-workflow';

/** Slack per minute for network delay between our clock and the vendor's counter. */
const WINDOW_MARGIN_MS = 250;
/** A 429 cuts the rate to this share of what it was. */
export const BACK_OFF_FACTOR = 0.7;
/** The rate never falls below this share of the ceiling, so a pacer always finds its way back. */
const FLOOR_SHARE = 0.05;
/** After this long without a 429 the rate creeps up by one step. */
export const QUIET_PERIOD_MS = 10_000;
/** One step of the creep, as a share of the ceiling. */
const CREEP_SHARE = 0.02;
/**
 * 429s answered within this long of a cut (or within the Retry-After of the cut) were for
 * requests sent before it: one congestion, one cut.
 */
const CUT_GUARD_MS = 5_000;

/**
 * Spaces requests so one account stays under its vendor's rate (VCC ~160/min shared by all its
 * APIs, Kore.ai 60/min). A pacer is shared by every item of a node run, so many items cannot burst
 * past the limit together; accountPacer shares one across node runs of the process too.
 *
 * The rate adapts, because processes share the vendor's budget without sharing anything else
 * (queue-mode workers): additive increase, multiplicative decrease. A 429 cuts the rate to
 * BACK_OFF_FACTOR of itself (once per congestion) and holds every request until its Retry-After;
 * each QUIET_PERIOD_MS without one adds a step back. The configured rate is the ceiling: a pacer
 * that is never refused runs at exactly that rate, as before. Several processes drawing on one
 * account each back off when refused and creep back when not, and so settle around their share.
 */
export class RequestPacer {
	private nextSlotMs = 0;

	/** No request starts before this (epoch ms): the last Retry-After. */
	private heldUntilMs = 0;

	private rate: number;

	private lastCutMs = -Infinity;

	private cutGuardMs = CUT_GUARD_MS;

	/** Epoch ms from which the quiet period is counted: the end of the last 429's hold, or the last creep step. */
	private quietSinceMs = -Infinity;

	private readonly ceiling: number;

	constructor(requestsPerMinute: number) {
		this.ceiling = requestsPerMinute > 0 ? requestsPerMinute : 0;
		this.rate = this.ceiling;
	}

	/** Requests per minute the pacer allows now: the ceiling, or less after a 429. */
	get currentRate(): number {
		this.creep(Date.now());
		return this.rate;
	}

	async wait(): Promise<void> {
		if (this.ceiling === 0) return;
		const now = Date.now();
		this.creep(now);
		// Evenly spaced at exactly 60 s / rate, the first and the last of rate + 1 requests are
		// 60 s apart, and a little delay on the way makes a vendor count rate + 1 in one minute.
		// The margin keeps every 60 s window at the rate or below for that much jitter.
		const intervalMs = (60_000 + WINDOW_MARGIN_MS) / this.rate;
		const slot = Math.max(now, this.nextSlotMs, this.heldUntilMs);
		this.nextSlotMs = slot + intervalMs;
		if (slot > now) await sleep(slot - now);
		// A 429 that came while this request waited holds it too.
		for (let held = this.heldUntilMs - Date.now(); held > 0; held = this.heldUntilMs - Date.now()) await sleep(held);
	}

	/**
	 * The vendor refused a request for the rate (429). `retryAfterMs`: how long it asked to wait,
	 * when it said; every request of this pacer waits that long.
	 */
	throttled(retryAfterMs?: number): void {
		if (this.ceiling === 0) return;
		const now = Date.now();
		if (retryAfterMs !== undefined && retryAfterMs > 0) {
			this.heldUntilMs = Math.max(this.heldUntilMs, now + retryAfterMs);
			this.nextSlotMs = Math.max(this.nextSlotMs, this.heldUntilMs);
		}
		// Quiet is counted from when requests may go again: a hold says nothing about the rate.
		this.quietSinceMs = Math.max(now, this.heldUntilMs);
		if (now - this.lastCutMs < this.cutGuardMs) return;
		this.rate = Math.max(this.ceiling * FLOOR_SHARE, this.rate * BACK_OFF_FACTOR);
		this.lastCutMs = now;
		this.cutGuardMs = Math.max(CUT_GUARD_MS, retryAfterMs ?? 0);
	}

	private creep(now: number): void {
		if (this.rate >= this.ceiling) return;
		const steps = Math.floor((now - this.quietSinceMs) / QUIET_PERIOD_MS);
		if (steps <= 0) return;
		this.rate = Math.min(this.ceiling, this.rate + steps * this.ceiling * CREEP_SHARE);
		this.quietSinceMs += steps * QUIET_PERIOD_MS;
	}
}

const accountPacers = new Map<string, RequestPacer>();

/**
 * One pacer per vendor account and ceiling for this whole n8n process: the nodes of one workflow
 * (Search, then Download All) and executions running side by side on the same worker draw from
 * the same budget, as the vendor counts them, and learn from the same 429s. `account` names the
 * account, never a secret. `create` builds a vendor's own kind of pacer (Kore.ai's hourly budget).
 */
export function accountPacer(account: string, requestsPerMinute: number): RequestPacer;
export function accountPacer<P extends RequestPacer>(account: string, requestsPerMinute: number, create: () => P): P;
export function accountPacer(account: string, requestsPerMinute: number, create?: () => RequestPacer): RequestPacer {
	if (!(requestsPerMinute > 0) && !create) return new RequestPacer(0);
	const key = `${account}\n${requestsPerMinute}`;
	let pacer = accountPacers.get(key);
	if (!pacer) {
		pacer = create ? create() : new RequestPacer(requestsPerMinute);
		accountPacers.set(key, pacer);
	}
	return pacer;
}
