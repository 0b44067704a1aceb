/**
 * One request budget per vendor account, whoever sends: every client (n8n workers, executions,
 * the bench's processes) holding the account's credentials draws on it, as a vendor counts them.
 * A sliding 60 s window of accepted requests, on real time like a real limiter; a request over the
 * limit is answered 429 with `Retry-After`: the whole seconds until the oldest accepted request
 * leaves the window, i.e. when one would be accepted again. Refused requests are not counted.
 *
 * The simulator has one account per vendor, so the vendor names the account. Sign-in (VCC's token
 * endpoint, Ameyo's login) is not counted: a client does it once per token or session.
 */
import { performance } from 'node:perf_hooks';

const SIGN_IN = /^\/(auth\/|ameyorestapi\/session\/)/i;

export function createAccountLimit() {
	const accepted = new Map(); // vendor → times (ms, performance clock), oldest first
	return {
		/** undefined: accepted (and counted); otherwise the Retry-After seconds of the 429. */
		refuse(vendor, path, perMinute) {
			if (!perMinute || SIGN_IN.test(path)) return undefined;
			const now = performance.now();
			const times = accepted.get(vendor) ?? [];
			while (times.length > 0 && times[0] <= now - 60_000) times.shift();
			accepted.set(vendor, times);
			if (times.length < perMinute) {
				times.push(now);
				return undefined;
			}
			return Math.max(1, Math.ceil((times[0] + 60_000 - now) / 1000));
		},
	};
}
