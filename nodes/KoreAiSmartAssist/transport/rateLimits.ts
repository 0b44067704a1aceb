import { sleep } from 'n8n-workflow';

import { accountPacer, RequestPacer } from '../../shared/http/requestPacer';

/**
 * Kore.ai's documented limits: analytics APIs 60 requests/minute per account; bot APIs
 * (recordings, voicemail) 60/minute and 1800/hour per bot. Pacing at 60/minute alone would allow
 * 3600 in an hour, so bot runs also keep a rolling one-hour budget: a long run goes at full
 * speed for its first 1800 requests, then one request per freed slot.
 */
export const KORE_REQUESTS_PER_MINUTE = 60;
export const KORE_BOT_REQUESTS_PER_HOUR = 1800;

const HOUR_MS = 60 * 60 * 1000;

/** At most `limit` requests in any rolling `windowMs`; clock and pause are injectable for tests. */
export class RollingWindowLimit {
	private readonly sent: number[] = [];

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
		private readonly pause: (ms: number) => Promise<void> = sleep,
	) {}

	async wait(): Promise<void> {
		for (;;) {
			const now = this.now();
			while (this.sent.length > 0 && this.sent[0] <= now - this.windowMs) this.sent.shift();
			if (this.sent.length < this.limit) {
				this.sent.push(now);
				return;
			}
			await this.pause(this.sent[0] + this.windowMs - now);
		}
	}
}

/** The shared per-minute pacer plus, for bot APIs, the hourly budget. */
export class KorePacer extends RequestPacer {
	constructor(
		requestsPerMinute: number,
		private readonly hourly?: RollingWindowLimit,
	) {
		super(requestsPerMinute);
	}

	async wait(): Promise<void> {
		await super.wait();
		await this.hourly?.wait();
	}
}

/**
 * The pacer of one Kore.ai budget (`account` names it: the analytics account or the bot, never a
 * secret), shared by every run in this process and adapting to 429s like every vendor's;
 * `requestsPerHour` 0 means no hourly budget (analytics).
 */
export function korePacer(account: string, requestsPerMinute: number, requestsPerHour: number): KorePacer {
	return accountPacer(
		`${account}\n${requestsPerHour}`,
		requestsPerMinute,
		() => new KorePacer(requestsPerMinute, requestsPerHour > 0 ? new RollingWindowLimit(requestsPerHour, HOUR_MS) : undefined),
	);
}
