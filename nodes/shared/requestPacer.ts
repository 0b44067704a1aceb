import { sleep } from 'n8n-workflow';

/** Slack per minute for network delay between our clock and the vendor's counter. */
const WINDOW_MARGIN_MS = 250;

/**
 * Spaces requests so one execution stays under a vendor's documented rate (VCC ~160/min shared
 * by all its APIs, Kore.ai 60/min). A pacer is shared by every item of a node run, so many
 * items cannot burst past the limit together; accountPacer shares one across node runs too.
 */
export class RequestPacer {
	private nextSlotMs = 0;

	private readonly intervalMs: number;

	constructor(requestsPerMinute: number) {
		// Evenly spaced at exactly 60 s / rate, the first and the last of rate + 1 requests are
		// 60 s apart, and a little delay on the way makes a vendor count rate + 1 in one minute.
		// The margin keeps every 60 s window at the rate or below for that much jitter.
		this.intervalMs = requestsPerMinute > 0 ? (60_000 + WINDOW_MARGIN_MS) / requestsPerMinute : 0;
	}

	async wait(): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}

const accountPacers = new Map<string, RequestPacer>();

/**
 * One pacer per vendor account and rate for this whole n8n process: the nodes of one workflow
 * (Search, then Download All) and executions running side by side on the same worker draw
 * from the same budget, as the vendor counts them. `account` names the account, never a secret.
 * Processes do not share it: with several queue-mode workers, divide the rate between them.
 */
export function accountPacer(account: string, requestsPerMinute: number): RequestPacer {
	if (!(requestsPerMinute > 0)) return new RequestPacer(0);
	const key = `${account}\n${requestsPerMinute}`;
	let pacer = accountPacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(requestsPerMinute);
		accountPacers.set(key, pacer);
	}
	return pacer;
}
