import { sleep } from 'n8n-workflow';

/**
 * Spaces requests so one execution stays under a vendor's documented rate (VCC ~160/min shared
 * by all its APIs, Kore.ai 60/min). One pacer is made per node run and shared by every item,
 * so many items cannot burst past the limit together.
 */
export class RequestPacer {
	private nextSlotMs = 0;

	private readonly intervalMs: number;

	constructor(requestsPerMinute: number) {
		this.intervalMs = requestsPerMinute > 0 ? 60_000 / requestsPerMinute : 0;
	}

	async wait(): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}
