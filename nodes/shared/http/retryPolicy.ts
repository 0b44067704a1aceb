/**
 * The one retry policy every vendor uses. Pure functions (no I/O) so the rules can be read and
 * tested on their own; the transport applies them.
 */
export interface RetryPolicy {
	/** Total attempts, the first included. */
	maxTries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After asking for longer than this fails at once rather than stalling the workflow. */
	maxRetryAfterMs: number;
	/**
	 * How long one try may wait on the server with nothing arriving: to connect, for the answer's
	 * headers, and between any two pieces of its body. A try that waits longer has failed like a
	 * dropped connection, and is tried again under the same budget.
	 */
	timeoutMs: number;
	/**
	 * When every try of a request must be over (epoch ms): a poll's requests end before its busy
	 * mark does, so the next poll never starts beside one still waiting. No try starts, no retry
	 * waits, and no answer is read past it.
	 */
	finishBy?: number;
}

/** The tries a user may ask for: the Max Tries option's bounds and the clamp of what it reads. */
export const MAX_TRIES_RANGE = { min: 1, max: 10 } as const;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxTries: 4,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	timeoutMs: 300_000,
};

/** Network failures worth another try: the server or a proxy dropped us, not a bad request. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ESOCKETTIMEDOUT',
]);

/**
 * A try that ran out of time: axios's own timeout (before the headers, and for a body it reads
 * whole) or the idle guard on a streamed body (see sendOnce.ts), which names its error so.
 */
export function isTimeout(code: string | undefined, message = ''): boolean {
	return code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timeout of \d+ms exceeded|no bytes for \d/i.test(message);
}

export function isTransientNetworkError(code: string | undefined, message = ''): boolean {
	return (
		(code !== undefined && TRANSIENT_NETWORK_CODES.has(code)) ||
		/socket hang up|aborted|premature close/i.test(message)
	);
}

/**
 * Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day name. Date.parse
 * alone would read "1.5" or "-1" as dates long past, i.e. as "retry now".
 */
const HTTP_DATE_START = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/i;

/**
 * Retry-After is either whole delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else
 * ("1.5", "-1", garbage) is undefined, so the caller falls back to its backoff.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? String(value[0]).trim() : typeof value === 'string' ? value.trim() : '';
	if (text === '') return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	if (!HTTP_DATE_START.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential backoff with "equal jitter": never less than half the step, never above the cap. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(step / 2 + random() * (step / 2));
}

export type RetryDecision =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'notRetryable' | 'triesExhausted' | 'retryAfterTooLong'; delayMs?: number };

export interface AttemptOutcome {
	attempt: number;
	method: string;
	status?: number;
	networkErrorCode?: string;
	networkErrorMessage?: string;
	retryAfter?: unknown;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * 429 is retried for every method (the server did no work); 5xx and dropped connections only
 * for idempotent methods, where a second try cannot do something twice. A Retry-After on 429
 * or 503 (the two statuses RFC 9110 gives it to) sets the wait; without one, the backoff.
 */
export function decideRetry(outcome: AttemptOutcome, policy: RetryPolicy, nowMs = Date.now()): RetryDecision {
	const idempotent = IDEMPOTENT.has(outcome.method.toUpperCase());
	const throttled = outcome.status === 429;
	const serverError = outcome.status !== undefined && outcome.status >= 500 && outcome.status !== 501;
	const network =
		outcome.status === undefined &&
		isTransientNetworkError(outcome.networkErrorCode, outcome.networkErrorMessage);

	if (!throttled && !((serverError || network) && idempotent)) return { retry: false, reason: 'notRetryable' };
	if (outcome.attempt >= policy.maxTries) return { retry: false, reason: 'triesExhausted' };

	if (throttled || outcome.status === 503) {
		const asked = parseRetryAfter(outcome.retryAfter, nowMs);
		if (asked !== undefined) {
			if (asked > policy.maxRetryAfterMs) return { retry: false, reason: 'retryAfterTooLong', delayMs: asked };
			return { retry: true, delayMs: asked };
		}
	}
	return { retry: true, delayMs: backoffDelay(outcome.attempt, policy) };
}
