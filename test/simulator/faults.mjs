/**
 * Fault switches. A rule says which requests go wrong and how, for a number of times:
 *   { vendor?: 'vonage'|'ameyo'|'kore'|'genesys', path?: regex source (tested against the path),
 *     fault: '429'|'500'|'503'|'reset'|'slow'|'short', times?: n (default 1),
 *     retryAfter?: seconds or HTTP date, delayMs?: pause per piece for 'slow' (default 200) }
 * One request can also ask for its own fault with the header `x-sim-fault` (plus optional
 * `x-sim-retry-after` and `x-sim-delay-ms`), which wins over the rules and consumes none.
 *
 * 429/500/503 answer instead of the route (in the vendor's own error envelope); reset/short/slow
 * let the route run and then degrade its response body (see http.mjs).
 */
export const FAULT_KINDS = ['429', '500', '503', 'reset', 'slow', 'short'];
export const VENDORS = ['vonage', 'ameyo', 'kore', 'genesys'];
const MAX_RULES = 100;
const MAX_TIMES = 1_000_000;
const MAX_DELAY_MS = 10_000;
const DEFAULT_DELAY_MS = 200;

function checkRetryAfter(value) {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(Math.ceil(value));
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toUTCString();
	throw new Error(`retryAfter must be seconds or an HTTP date, got ${JSON.stringify(value)}`);
}

function checkDelay(value) {
	if (value === undefined || value === null || value === '') return DEFAULT_DELAY_MS;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0 || n > MAX_DELAY_MS) throw new Error(`delayMs must be 0–${MAX_DELAY_MS}`);
	return n;
}

/** Validates one rule; throws an Error with a readable message for a bad one. */
export function normalizeRule(rule) {
	if (!rule || typeof rule !== 'object') throw new Error('a fault rule must be an object');
	const fault = String(rule.fault ?? '');
	if (!FAULT_KINDS.includes(fault)) throw new Error(`fault must be one of ${FAULT_KINDS.join(', ')}`);
	if (rule.vendor !== undefined && !VENDORS.includes(rule.vendor)) {
		throw new Error(`vendor must be one of ${VENDORS.join(', ')}`);
	}
	let path;
	if (rule.path !== undefined) {
		if (typeof rule.path !== 'string' || rule.path.length > 500) throw new Error('path must be a regex string');
		path = new RegExp(rule.path); // throws SyntaxError on a bad pattern
	}
	const times = rule.times === undefined ? 1 : Number(rule.times);
	if (!Number.isInteger(times) || times < 1 || times > MAX_TIMES) throw new Error(`times must be 1–${MAX_TIMES}`);
	return {
		vendor: rule.vendor,
		path,
		fault,
		remaining: times,
		retryAfter: checkRetryAfter(rule.retryAfter),
		delayMs: checkDelay(rule.delayMs),
	};
}

/** Parses `--fault` CLI values: JSON, or the short form vendor/fault[/times] (vendor any or an asterisk = all). */
export function parseFaultArgument(text) {
	if (text.trim().startsWith('{')) return JSON.parse(text);
	const [vendor, fault, times] = text.split('/');
	const anyVendor = !vendor || vendor === '*' || vendor === 'any';
	return { ...(anyVendor ? {} : { vendor }), fault, ...(times ? { times: Number(times) } : {}) };
}

export function createFaults() {
	let rules = [];
	return {
		set(list) {
			const array = Array.isArray(list) ? list : [list];
			if (array.length > MAX_RULES) throw new Error(`at most ${MAX_RULES} fault rules`);
			rules = array.map(normalizeRule);
		},
		clear() {
			rules = [];
		},
		list() {
			return rules.map((r) => ({
				...(r.vendor ? { vendor: r.vendor } : {}),
				...(r.path ? { path: r.path.source } : {}),
				fault: r.fault,
				remaining: r.remaining,
				...(r.retryAfter ? { retryAfter: r.retryAfter } : {}),
				delayMs: r.delayMs,
			}));
		},
		/** The fault for this request, if any; consumes one use of the matching rule. */
		take(vendor, path, headers) {
			const asked = headers['x-sim-fault'];
			if (typeof asked === 'string' && asked !== '') {
				return normalizeRule({
					fault: asked.trim(),
					retryAfter: headers['x-sim-retry-after'],
					delayMs: headers['x-sim-delay-ms'],
				});
			}
			const rule = rules.find(
				(r) => r.remaining > 0 && (!r.vendor || r.vendor === vendor) && (!r.path || r.path.test(path)),
			);
			if (!rule) return null;
			rule.remaining -= 1;
			rules = rules.filter((r) => r.remaining > 0);
			return rule;
		},
	};
}
