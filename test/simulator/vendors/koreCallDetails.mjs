/**
 * Kore.ai analytics call details (v2) as documented: body {startDate, endDate, timeZoneOffset},
 * dates as "yyyy-mm-dd" or "yyyy-mm-dd HH:mm:ss" wall-clock time at the offset (minutes, positive
 * west of GMT: New York = 300), range at most 7 days, `limit` ≤ 100, `offset` = pages to skip ≤ 10.
 * A date-only endDate covers that whole day. Guesses (undocumented): `numResults` counts the
 * items of this page; session times in `data` are UTC.
 */
const MAX_RANGE_MS = 7 * 86_400_000;
const MAX_LIMIT = 100;
const MAX_OFFSET = 10;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z)?$/;
const CHANNELS = { voice: 'Voice', rtm: 'Web/Mobile Client' };

/** Wall-clock text at `offsetMinutes` → epoch ms (endOfDay for a date-only end). */
function instant(text, offsetMinutes, endOfDay) {
	const m = typeof text === 'string' ? DATE.exec(text.trim()) : null;
	if (!m) return NaN;
	const [, y, mo, d, h, mi, s, z] = m;
	const dateOnly = h === undefined;
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
	const ms = dateOnly && endOfDay ? wall + 86_400_000 - 1 : wall;
	return z ? ms : ms + offsetMinutes * 60_000;
}

function integer(query, name, fallback) {
	if (!query.has(name)) return fallback;
	const n = Number(query.get(name));
	return Number.isInteger(n) ? n : NaN;
}

/** @returns { body } or { error } */
export function koreCallDetails({ text, query, sessions }) {
	let body;
	try {
		body = JSON.parse(text ?? '');
	} catch {
		return { error: 'Request body must be JSON' };
	}
	if (!body || typeof body !== 'object') return { error: 'Request body must be a JSON object' };
	const offsetMinutes = Number(body.timeZoneOffset);
	if (body.timeZoneOffset === undefined || !Number.isFinite(offsetMinutes)) return { error: 'timeZoneOffset is required' };
	const from = instant(body.startDate, offsetMinutes, false);
	const to = instant(body.endDate, offsetMinutes, true);
	if (Number.isNaN(from) || Number.isNaN(to)) return { error: 'startDate and endDate must be yyyy-mm-dd or yyyy-mm-dd HH:mm:ss' };
	if (to < from) return { error: 'endDate must not be before startDate' };
	if (to - from > MAX_RANGE_MS) return { error: "The days' range can't be more than seven days" };
	const limit = integer(query, 'limit', MAX_LIMIT);
	const offset = integer(query, 'offset', 0);
	if (!(limit >= 1 && limit <= MAX_LIMIT)) return { error: `limit must be between 1 and ${MAX_LIMIT}` };
	if (!(offset >= 0 && offset <= MAX_OFFSET)) return { error: `offset must be between 0 and ${MAX_OFFSET}` };
	const channels = Array.isArray(body.channels) ? body.channels.map((c) => CHANNELS[String(c).toLowerCase()]).filter(Boolean) : [];
	const matching = sessions.filter(
		(s) => s.startMs >= from && s.startMs <= to && (channels.length === 0 || channels.includes(s.record.channel)),
	);
	const data = matching.slice(offset * limit, offset * limit + limit).map((s) => s.record);
	return { body: { numResults: data.length, data } };
}
