/**
 * The requests the simulator received, for in-process tests: what a spec asserts about the
 * questions a node asked (a search's query parameters, a body's dates, which file was fetched,
 * in which order). Each entry: { vendor, route, method, path, query, headers }, plus what a route
 * adds about itself when it answers (`body`: the JSON body it read; `sessionId`: the Kore.ai
 * session a media link belongs to); a request a fault answered instead has neither. Bounded, like the other logs. Listeners run synchronously when a request
 * arrives, before it is answered: a spec can let its clock run "during" a download.
 */
const MAX_LOGGED = 10_000;

export function createRequestLog() {
	let entries = [];
	const listeners = new Set();
	return {
		/** Logs one request and tells the listeners; returns the entry, for the route to add to. */
		record({ vendor, route, method, url, headers }) {
			const entry = {
				vendor,
				route,
				method,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: { ...headers },
			};
			if (entries.length < MAX_LOGGED) entries.push(entry);
			for (const listener of listeners) listener(entry);
			return entry;
		},
		list: () => entries.map((e) => ({ ...e })),
		clear() {
			entries = [];
		},
		/** Calls `listener(entry)` for every request from now on; returns a function that stops it. */
		listen(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
