import { describe, expect, it } from 'vitest';

import {
	backoffDelay,
	decideRetry,
	DEFAULT_RETRY_POLICY,
	MAX_TRIES_RANGE,
	parseRetryAfter,
} from '../../nodes/shared/http/retryPolicy';
import { requestBehaviourOptions } from '../../nodes/shared/node/requestOptions';

const policy = { ...DEFAULT_RETRY_POLICY, maxTries: 4 };
const now = Date.parse('2026-11-21T12:00:00Z');

describe('parseRetryAfter', () => {
	it('reads delta-seconds', () => {
		expect(parseRetryAfter('7', now)).toBe(7000);
	});

	it('reads an HTTP date relative to now', () => {
		expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
	});

	it('treats a date in the past as no wait', () => {
		expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});

	it('ignores garbage', () => {
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it.each(['1.5', '-1', '1e3', '0x10', ' 12abc', '2026-11-21T12:00:30Z', '21 Nov 2026 12:00:30'])(
		'reads %j as neither whole seconds nor an HTTP date',
		(value) => {
			expect(parseRetryAfter(value, now)).toBeUndefined();
		},
	);

	it('reads the obsolete RFC 850 and asctime date forms', () => {
		expect(parseRetryAfter('Saturday, 21-Nov-26 12:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('Sat Nov 21 12:00:20 2026', now)).toBeGreaterThanOrEqual(0);
	});
});

describe('backoffDelay', () => {
	it('doubles per attempt with jitter between half and the full step', () => {
		expect(backoffDelay(1, policy, () => 0)).toBe(500);
		expect(backoffDelay(1, policy, () => 1)).toBe(1000);
		expect(backoffDelay(3, policy, () => 0)).toBe(2000);
		expect(backoffDelay(3, policy, () => 1)).toBe(4000);
	});

	it('never exceeds the cap', () => {
		expect(backoffDelay(20, policy, () => 1)).toBe(policy.maxDelayMs);
	});
});

describe('decideRetry', () => {
	it('honours Retry-After on 429', () => {
		expect(decideRetry({ attempt: 1, method: 'GET', status: 429, retryAfter: '3' }, policy, now)).toEqual({
			retry: true,
			delayMs: 3000,
		});
	});

	it('honours Retry-After on 503 too', () => {
		expect(decideRetry({ attempt: 1, method: 'GET', status: 503, retryAfter: '5' }, policy, now)).toEqual({
			retry: true,
			delayMs: 5000,
		});
	});

	it.each(['1.5', '-1', 'abc'])('falls back to the backoff for Retry-After %j', (retryAfter) => {
		const decision = decideRetry({ attempt: 1, method: 'GET', status: 429, retryAfter }, policy, now);

		expect(decision.retry).toBe(true);
		expect(decision.retry && decision.delayMs).toBeGreaterThanOrEqual(policy.baseDelayMs / 2);
	});

	it('retries 429 even for POST: the server did no work', () => {
		expect(decideRetry({ attempt: 1, method: 'POST', status: 429 }, policy, now).retry).toBe(true);
	});

	it('refuses a Retry-After longer than the policy allows', () => {
		expect(decideRetry({ attempt: 1, method: 'GET', status: 429, retryAfter: '3600' }, policy, now)).toEqual({
			retry: false,
			reason: 'retryAfterTooLong',
			delayMs: 3_600_000,
		});
	});

	it('retries 5xx on GET but not on POST', () => {
		expect(decideRetry({ attempt: 1, method: 'GET', status: 503 }, policy, now).retry).toBe(true);
		expect(decideRetry({ attempt: 1, method: 'POST', status: 503 }, policy, now).retry).toBe(false);
	});

	it('retries a connection reset on GET', () => {
		expect(decideRetry({ attempt: 1, method: 'GET', networkErrorCode: 'ECONNRESET' }, policy, now).retry).toBe(true);
	});

	it('does not retry 4xx other than 429', () => {
		for (const status of [400, 401, 403, 404, 416]) {
			expect(decideRetry({ attempt: 1, method: 'GET', status }, policy, now)).toEqual({
				retry: false,
				reason: 'notRetryable',
			});
		}
	});

	it('stops after the last try', () => {
		expect(decideRetry({ attempt: 4, method: 'GET', status: 500 }, policy, now)).toEqual({
			retry: false,
			reason: 'triesExhausted',
		});
	});
});

describe('the Max Tries option', () => {
	it("offers the retry policy's range and defaults to its number of tries", () => {
		const maxTries = requestBehaviourOptions(60).find((option) => option.name === 'maxTries');
		expect(maxTries?.default).toBe(DEFAULT_RETRY_POLICY.maxTries);
		expect(maxTries?.typeOptions).toMatchObject({ minValue: MAX_TRIES_RANGE.min, maxValue: MAX_TRIES_RANGE.max });
	});
});
