/**
 * One entry point for every request: find the vendor (by path prefix, or the media port), count
 * it, apply a fault if one is due, run the route, and answer errors in the vendor's envelope.
 * `/__sim/…` (control.mjs) is the simulator's own API: never faulted, never counted.
 */
import { faultForm, retryAfterHeader } from './faults.mjs';
import { Reply } from './http.mjs';

/** What a proxy in front of the API answers when it, not the API, handles the request. */
const PROXY_PAGE = `<!DOCTYPE html>
<html><head><title>Service temporarily unavailable</title></head>
<body><h1>Please wait</h1><p>The gateway is checking your browser.</p></body></html>
`;

const VENDOR_PREFIXES = [
	['vonage', /^\/(auth\/|interaction-content(\/|$)|conversation-analyzer(\/|$))/i],
	['ameyo', /^\/ameyorestapi(\/|$)/],
	['kore', /^\/(api\/|agentassist\/)/],
	['genesys', /^\/genesys(\/|$)/],
];

function vendorOf(path) {
	return VENDOR_PREFIXES.find(([, prefix]) => prefix.test(path))?.[0];
}

function decodeParams(groups) {
	const params = {};
	for (const [key, value] of Object.entries(groups ?? {})) params[key] = decodeURIComponent(value);
	return params;
}

/**
 * @param vendors { name: { routes, errorBody(status, message, path) } }
 * @param fixedVendor set for the media port: every request there is Kore's
 * @param onRequest called with each request before anything else (the media port logs the
 *        credentials it was sent)
 * @param requestLog requestLog.mjs: every vendor request, for in-process tests; the entry goes to
 *        the route as `entry`, which may add to it (a body, a session id)
 */
export function createRouter({ vendors, faults, stats, timers, control, log, fixedVendor, onRequest, stalls, accountLimit, perMinute, requestLog }) {
	return async function handle(req, res) {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		onRequest?.(req, url);
		const vendor = fixedVendor ?? vendorOf(path);
		let status = 0;
		if (log) res.on('close', () => log(`${req.method} ${req.url} → ${status || 'aborted'} ${Date.now() - started}ms`));
		const reply = new Reply(req, res, {
			sleep: timers.sleep,
			onStall: (kind) => stalls?.begin({ kind, vendor, path }, res),
			onStatus: (s) => {
				status = s;
				if (vendor && !path.startsWith('/__sim/')) stats.status(vendor, s);
			},
		});
		if (!fixedVendor && path.startsWith('/__sim/')) return control(req, reply, url);
		if (!vendor) return reply.json(404, { message: `No simulated API at ${path}` });

		const { routes, errorBody } = vendors[vendor];
		const method = req.method === 'HEAD' ? 'GET' : req.method;
		const matches = routes.map((route) => ({ route, match: route.path.exec(path) })).filter((m) => m.match);
		const found = matches.find((m) => m.route.method === method);
		stats.request(vendor, found ? found.route.name : 'unmatched');
		const entry = requestLog?.record({ vendor, route: found ? found.route.name : 'unmatched', method: req.method, url, headers: req.headers });
		const fail = (code, message, headers = {}) => reply.json(code, errorBody(code, message, path), headers);
		if (!found) {
			if (matches.length > 0) return fail(405, `Method ${req.method} not allowed`, { Allow: matches.map((m) => m.route.method).join(', ') });
			return fail(404, `Not found: ${path}`);
		}

		let fault;
		try {
			fault = faults.take(vendor, path, req.headers, method);
		} catch (error) {
			return reply.json(400, { message: `x-sim-fault: ${error.message}` });
		}
		if (fault) {
			stats.faultInjected(fault.fault, faultForm(fault), vendor);
			const retryAfter = (fallback) => {
				const value = retryAfterHeader(fault, Date.now(), fallback);
				return value === undefined ? {} : { 'Retry-After': value };
			};
			if (fault.fault === '429') return fail(429, fault.message ?? 'Too many requests', retryAfter('1'));
			if (fault.fault === '500') return fail(500, fault.message ?? 'Internal server error (simulated)');
			if (fault.fault === '502') return fail(502, fault.message ?? 'Bad gateway (simulated)');
			if (fault.fault === '503') return fail(503, fault.message ?? 'Service unavailable (simulated)', retryAfter(undefined));
			if (fault.fault === 'html200') return reply.text(200, PROXY_PAGE, 'text/html; charset=utf-8');
			if (fault.fault === 'redirect-foreign') {
				return reply.send(fault.redirectStatus, { Location: `${fault.to}${path}${url.search}` }, '');
			}
			if (fault.fault === 'stall-headers') {
				// Accepted, never answered: the connection stays open until the client gives up.
				reply.sent = true;
				reply.onStall('before the headers');
				return;
			}
			reply.fault = fault; // reset | short | slow | stall-body | internal-link: the route answers, its body is degraded
		}

		const wait = fixedVendor ? undefined : accountLimit?.refuse(vendor, path, perMinute?.(vendor));
		if (wait !== undefined) {
			return fail(429, 'Rate limit exceeded for this account. Try again later.', { 'Retry-After': String(wait) });
		}

		let params;
		try {
			params = decodeParams(found.match.groups);
		} catch {
			return fail(400, 'Malformed percent-encoding in the path');
		}
		try {
			await found.route.handle({ req, res, reply, params, query: url.searchParams, path, entry: entry ?? {} });
			if (!reply.sent) fail(500, 'The simulator route did not answer');
		} catch (error) {
			log?.(`route ${vendor}.${found.route.name} threw: ${error.stack ?? error}`);
			if (!reply.sent) fail(500, 'Internal server error');
			else res.destroy();
		}
	};
}
