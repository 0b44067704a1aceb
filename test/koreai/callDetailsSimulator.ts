import nock from 'nock';

import { ACCOUNT, BOT, CALL_DETAILS_PATH, HOST, isValidKoreToken } from './fixtures';

/**
 * A stand-in for the call-details API that enforces what Kore.ai documents: range ≤ 7 days,
 * limit ≤ 100, offset (a page number) ≤ 10, auth/accountId/iId headers; endDate inclusive.
 * It answers from a list of calls, so tests can check that every call comes back exactly once.
 */

export interface SimulatedCall {
	sessionId: string;
	at: Date;
}

export interface CallDetailsRequest {
	offset: number;
	limit: number;
	body: Record<string, unknown>;
	headers: Record<string, unknown>;
}

/** Kore.ai's wall-clock string back to an instant, given its timeZoneOffset. */
function instant(local: string, timeZoneOffset: number): number {
	return Date.parse(`${local.replace(' ', 'T')}Z`) + timeZoneOffset * 60_000;
}

export function simulateCallDetails(
	calls: SimulatedCall[],
	opts: { numResults?: 'page' | 'total' } = {},
): CallDetailsRequest[] {
	const requests: CallDetailsRequest[] = [];
	const sorted = [...calls].sort((a, b) => a.at.getTime() - b.at.getTime());
	nock(HOST, {
		reqheaders: {
			auth: (value: string) => isValidKoreToken(value),
			accountid: ACCOUNT,
			iid: BOT,
		},
	})
		.post(CALL_DETAILS_PATH)
		.query(true)
		.times(500)
		.optionally()
		.reply(function (uri, requestBody) {
			const url = new URL(uri, HOST);
			const offset = Number(url.searchParams.get('offset'));
			const limit = Number(url.searchParams.get('limit'));
			const body = requestBody as Record<string, unknown>;
			requests.push({ offset, limit, body, headers: { ...this.req.headers } });
			const tz = Number(body.timeZoneOffset);
			const from = instant(String(body.startDate), tz);
			const to = instant(String(body.endDate), tz);
			if (!(limit >= 1 && limit <= 100)) return [400, { errors: [{ msg: 'limit must be 1-100' }] }];
			if (!(offset >= 0 && offset <= 10)) return [400, { errors: [{ msg: 'offset must be 0-10' }] }];
			if (to - from > 7 * 24 * 3600 * 1000) return [400, { errors: [{ msg: "The days' range can't be more than seven days" }] }];
			const matching = sorted.filter((c) => c.at.getTime() >= from && c.at.getTime() <= to + 999);
			const page = matching.slice(offset * limit, offset * limit + limit).map((c) => ({
				sessionId: c.sessionId,
				channel: 'Voice',
				sessionStartTime: c.at.toISOString().slice(0, 19),
			}));
			return [200, { numResults: opts.numResults === 'total' ? matching.length : page.length, data: page }];
		});
	return requests;
}

/** `count` calls spread evenly over [start, start + spanMs). */
export function spreadCalls(count: number, start: Date, spanMs: number, prefix = 's'): SimulatedCall[] {
	return Array.from({ length: count }, (_, i) => ({
		sessionId: `${prefix}${String(i).padStart(4, '0')}`,
		at: new Date(start.getTime() + Math.floor((i * spanMs) / count)),
	}));
}
