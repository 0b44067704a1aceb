/**
 * Where the Context Services / UCS REST API lives, and the one rule that decides whether a URL
 * is "on the configured server": same scheme, host and port (default ports normalised) and a
 * path inside the configured base path. The credential (before it signs anything) and the node
 * (before it follows a content URL or a redirect) both use it, so credentials never go elsewhere.
 */

import { checkHostField } from '../../shared/http/urlRules';

export interface ConfiguredServer {
	/** The base URL without trailing slashes, e.g. https://gms.example.com:8443/genesys/1/cs */
	baseUrl: string;
	/** scheme://host[:port] as WHATWG URL normalises it (default ports dropped, host lower-cased). */
	origin: string;
	/** The base path without a trailing slash ('' for the server root). */
	basePath: string;
}

/** The configured server, or what is wrong with the Base URL, worded for the person who typed it. */
export type BaseUrlResult = { ok: true; server: ConfiguredServer } | { ok: false; problem: string };

function tryUrl(text: string, base?: string): URL | undefined {
	try {
		return new URL(text, base);
	} catch {
		return undefined;
	}
}

export function parseBaseUrl(value: unknown): BaseUrlResult {
	const checked = checkHostField(value, { field: 'Base URL', example: 'http://ucshost:8080' });
	if (!checked.ok) return { ok: false, problem: checked.problem };
	const { url } = checked;
	const basePath = url.pathname.replace(/\/+$/, '');
	return { ok: true, server: { baseUrl: `${url.origin}${basePath}`, origin: url.origin, basePath } };
}

export type ServerCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Decides whether `candidate` (absolute, or relative to the server root) is on the configured
 * server. On success the normalised href is returned: request exactly that, never the original
 * string, so what was checked is what is fetched.
 */
export function checkOnConfiguredServer(server: ConfiguredServer, candidate: string): ServerCheck {
	const url = tryUrl(candidate, `${server.origin}/`);
	if (!url) return { ok: false, reason: 'it is not a valid URL' };
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, reason: `its scheme ${url.protocol} is not http or https` };
	}
	if (url.username !== '' || url.password !== '') {
		return { ok: false, reason: 'it carries a user name or password' };
	}
	if (url.origin !== server.origin) {
		return { ok: false, reason: `it points at ${url.origin}, not at the configured server ${server.origin}` };
	}
	// Segment-wise: base /genesys/1/cs admits /genesys/1/cs/… but not /genesys/1/csx/….
	if (server.basePath !== '' && url.pathname !== server.basePath && !url.pathname.startsWith(`${server.basePath}/`)) {
		return { ok: false, reason: `its path ${url.pathname} is outside the configured base path ${server.basePath}` };
	}
	return { ok: true, url: url.href };
}

