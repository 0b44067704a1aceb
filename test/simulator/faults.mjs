/**
 * Fault switches. A rule says which requests go wrong and how, for a number of times:
 *   { vendor?: 'vonage'|'ameyo'|'kore'|'genesys', path?: regex source (tested against the path),
 *     method?: 'GET'|'POST'…, fault: one of FAULT_KINDS, times?: n (default 1),
 *     probability?: 0–1 (default 1): a matching request is hit with this chance, drawn from the
 *       simulator's seeded stream, so the same seed and the same requests give the same faults,
 *     at?: [n, …]: hit the n-th request this rule matches (0-based; the next one if another rule
 *       took that one), for each n, instead of `times`/`probability`: a fault at a known place,
 *     burst?: n (default 1): once the rule hits, the next n−1 matching requests are hit too,
 *     retryAfter?: seconds, an HTTP date, or 'none' (429 without the header),
 *     retryAfterRaw?: a value sent as it is (e.g. '1.5', '-1', 'soon': what a client must not trust),
 *     retryAfterDateIn?: seconds from the moment of the answer, sent as an HTTP date,
 *     to?: base URL a 'redirect-foreign' points at (the path and query are kept), or the one
 *       an 'internal-link' puts in place of the media host in a Kore.ai listing's links,
 *     redirectStatus?: 301|302|303|307|308 (default 307, which keeps the method and body),
 *     delayMs?: pause per piece for 'slow' (default 200),
 *     message?: the text a 429/500/502/503 carries in the vendor's error envelope (default a
 *       generic one), e.g. what the vendor says when its store is down }
 * One request can also ask for its own fault with the header `x-sim-fault` (plus optional
 * `x-sim-retry-after`, `x-sim-delay-ms`, `x-sim-location`), which wins over the rules and
 * consumes none.
 *
 * 429/500/502/503 answer instead of the route (in the vendor's own error envelope); 'html200' answers
 * 200 with a proxy's HTML page; 'redirect-foreign' answers a redirect to another server;
 * reset/short/slow let the route run and then degrade its response body (see http.mjs);
 * 'stall-headers' accepts the request and never answers, 'stall-body' sends the headers and half
 * the body and then nothing (both keep the connection open until the client gives up);
 * 'internal-link' lets a Kore.ai listing answer with its links pointing at `to` instead.
 */
import { createRandom } from './random.mjs';

export const FAULT_KINDS = ['429', '500', '502', '503', 'reset', 'slow', 'short', 'html200', 'redirect-foreign', 'stall-headers', 'stall-body', 'internal-link'];
export const VENDORS = ['vonage', 'ameyo', 'kore', 'genesys'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const MAX_RULES = 200;
const MAX_TIMES = 1_000_000;
const MAX_BURST = 100;
const MAX_DELAY_MS = 10_000;
const DEFAULT_DELAY_MS = 200;

function checkRetryAfter(value) {
	if (value === undefined || value === null || value === '') return undefined;
	if (value === 'none') return 'none';
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return String(Math.ceil(value));
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toUTCString();
	throw new Error(`retryAfter must be seconds, an HTTP date or 'none', got ${JSON.stringify(value)}`);
}

function checkRaw(value) {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || !/^[\x20-\x7e]{0,64}$/.test(value)) {
		throw new Error('retryAfterRaw must be up to 64 printable ASCII characters');
	}
	return value;
}

function checkNumber(name, value, min, max, fallback) {
	if (value === undefined || value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be ${min}–${max}`);
	return n;
}

function checkLocation(rule) {
	if (rule.fault !== 'redirect-foreign' && rule.fault !== 'internal-link') return undefined;
	let url;
	try {
		url = new URL(String(rule.to ?? ''));
	} catch {
		throw new Error(`a '${rule.fault}' fault needs \`to\`: the base URL of the other server`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('`to` must be an http(s) URL');
	return url.origin + url.pathname.replace(/\/+$/, '');
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
	if (rule.method !== undefined && !/^[A-Z]{3,7}$/.test(String(rule.method))) throw new Error('method must be an HTTP method');
	const times = rule.times === undefined ? 1 : Number(rule.times);
	if (!Number.isInteger(times) || times < 1 || times > MAX_TIMES) throw new Error(`times must be 1–${MAX_TIMES}`);
	const burst = checkNumber('burst', rule.burst, 1, MAX_BURST, 1);
	if (!Number.isInteger(burst)) throw new Error(`burst must be a whole number`);
	const redirectStatus = checkNumber('redirectStatus', rule.redirectStatus, 301, 308, 307);
	if (!REDIRECT_STATUSES.includes(redirectStatus)) throw new Error(`redirectStatus must be one of ${REDIRECT_STATUSES.join(', ')}`);
	let at;
	if (rule.at !== undefined) {
		if (!Array.isArray(rule.at) || rule.at.length === 0 || rule.at.length > 1000 || !rule.at.every((n) => Number.isInteger(n) && n >= 0)) {
			throw new Error('at must be a list of whole numbers ≥ 0');
		}
		at = [...rule.at].sort((a, b) => a - b);
	}
	if (rule.message !== undefined && (typeof rule.message !== 'string' || rule.message.length > 500)) {
		throw new Error('message must be a text of at most 500 characters');
	}
	const forms = [rule.retryAfter, rule.retryAfterRaw, rule.retryAfterDateIn].filter((v) => v !== undefined && v !== null);
	if (forms.length > 1) throw new Error('give one of retryAfter, retryAfterRaw, retryAfterDateIn');
	return {
		vendor: rule.vendor,
		path,
		method: rule.method,
		fault,
		remaining: at ? at.length : times,
		at,
		seen: 0,
		probability: checkNumber('probability', rule.probability, 0, 1, 1),
		burst,
		burstLeft: 0,
		retryAfter: checkRetryAfter(rule.retryAfter),
		retryAfterRaw: checkRaw(rule.retryAfterRaw),
		retryAfterDateIn: checkNumber('retryAfterDateIn', rule.retryAfterDateIn, 0, 86_400, undefined),
		to: checkLocation(rule),
		redirectStatus,
		delayMs: checkNumber('delayMs', rule.delayMs, 0, MAX_DELAY_MS, DEFAULT_DELAY_MS),
		message: rule.message,
	};
}

/**
 * The Retry-After header a 429/503 of this rule sends, or undefined for none. `defaultValue`
 * is what the status sends when the rule names no form (429: '1'; 503: none).
 */
export function retryAfterHeader(rule, nowMs, defaultValue) {
	if (rule.retryAfterRaw !== undefined) return rule.retryAfterRaw;
	if (rule.retryAfterDateIn !== undefined) return new Date(nowMs + rule.retryAfterDateIn * 1000).toUTCString();
	if (rule.retryAfter === 'none') return undefined;
	return rule.retryAfter ?? defaultValue;
}

/** A short name for what was injected, for the stats ("429 Retry-After: 1.5", "redirect-foreign 307"). */
export function faultForm(rule) {
	if (rule.fault === '429' || rule.fault === '503') {
		if (rule.retryAfterRaw !== undefined) return `${rule.fault} Retry-After: ${JSON.stringify(rule.retryAfterRaw)}`;
		if (rule.retryAfterDateIn !== undefined) return `${rule.fault} Retry-After: HTTP date +${rule.retryAfterDateIn} s`;
		if (rule.retryAfter === 'none') return `${rule.fault} without Retry-After`;
		if (rule.retryAfter !== undefined) return `${rule.fault} Retry-After: ${rule.retryAfter}`;
		return rule.fault === '429' ? '429 Retry-After: 1' : '503 without Retry-After';
	}
	if (rule.fault === 'redirect-foreign') return `redirect-foreign ${rule.redirectStatus}`;
	if (rule.fault === 'internal-link') return `internal-link ${new URL(rule.to).hostname}`;
	return rule.fault;
}

/** Parses `--fault` CLI values: JSON, or the short form vendor/fault[/times] (vendor any or an asterisk = all). */
export function parseFaultArgument(text) {
	if (text.trim().startsWith('{')) return JSON.parse(text);
	const [vendor, fault, times] = text.split('/');
	const anyVendor = !vendor || vendor === '*' || vendor === 'any';
	return { ...(anyVendor ? {} : { vendor }), fault, ...(times ? { times: Number(times) } : {}) };
}

/** @param seed the simulator's seed: probabilities draw from their own stream of it */
export function createFaults({ seed = 1 } = {}) {
	let rules = [];
	const random = createRandom(seed, 'faults');
	const matches = (r, vendor, path, method) =>
		(!r.vendor || r.vendor === vendor) && (!r.path || r.path.test(path)) && (!r.method || r.method === method);
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
				...(r.method ? { method: r.method } : {}),
				fault: r.fault,
				remaining: r.remaining,
				...(r.at ? { at: [...r.at] } : {}),
				...(r.probability < 1 ? { probability: r.probability } : {}),
				...(r.burst > 1 ? { burst: r.burst } : {}),
				...(r.retryAfter ? { retryAfter: r.retryAfter } : {}),
				...(r.retryAfterRaw !== undefined ? { retryAfterRaw: r.retryAfterRaw } : {}),
				...(r.retryAfterDateIn !== undefined ? { retryAfterDateIn: r.retryAfterDateIn } : {}),
				...(r.to ? { to: r.to, redirectStatus: r.redirectStatus } : {}),
				delayMs: r.delayMs,
				...(r.message !== undefined ? { message: r.message } : {}),
			}));
		},
		/** The fault for this request, if any; consumes one use of the matching rule. */
		take(vendor, path, headers, method = 'GET') {
			const asked = headers['x-sim-fault'];
			if (typeof asked === 'string' && asked !== '') {
				return normalizeRule({
					fault: asked.trim(),
					retryAfter: headers['x-sim-retry-after'],
					delayMs: headers['x-sim-delay-ms'],
					to: headers['x-sim-location'],
				});
			}
			const matching = rules.filter((r) => matches(r, vendor, path, method));
			// Positions count every matching request, whichever rule ends up hitting it.
			for (const rule of matching) rule.seen += 1;
			for (const rule of matching) {
				if (rule.burstLeft > 0) {
					rule.burstLeft -= 1;
				} else if (rule.at) {
					if (rule.at[0] > rule.seen - 1) continue;
					rule.at.shift();
					rule.remaining -= 1;
					rule.burstLeft = rule.burst - 1;
				} else {
					// A draw only for a request the rule matches: the same requests, the same faults.
					if (rule.probability < 1 && !random.chance(rule.probability)) continue;
					rule.remaining -= 1;
					rule.burstLeft = rule.burst - 1;
				}
				rules = rules.filter((r) => r.remaining > 0 || r.burstLeft > 0);
				return rule;
			}
			return null;
		},
	};
}
