/**
 * Rules about URLs that every vendor applies alike: what a host setting typed into a credential
 * may contain, how a URL is shown in a message, and which addresses are internal to a network.
 */

export interface HostFieldRules {
	/** The field as the user sees it, e.g. "Base URL" or "Token URL Override". */
	field: string;
	/** An example of a good value, shown when the value is not a URL at all. */
	example: string;
	/** Accept "host:port" without a scheme and read it as https:// (for a host-only field). */
	assumeHttps?: boolean;
}

export type HostFieldResult = { ok: true; url: URL } | { ok: false; problem: string };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The one rule for a host setting: an http(s) URL with no user name or password (they would
 * travel to whatever host the URL names), no query and no fragment (nothing a request path is
 * appended to can keep). A message names the field and never repeats a typed password.
 */
export function checkHostField(value: unknown, rules: HostFieldRules): HostFieldResult {
	const text = typeof value === 'string' ? value.trim() : '';
	const { field } = rules;
	if (text === '') return { ok: false, problem: `The ${field} is empty` };
	const candidate = rules.assumeHttps && !HAS_SCHEME.test(text) ? `https://${text}` : text;
	// Whatever precedes an "@" may be a password: a value that has one is never quoted.
	const shown = text.includes('@') ? '' : ` "${text.length > 100 ? `${text.slice(0, 97)}...` : text}"`;
	if (!URL.canParse(candidate)) {
		return { ok: false, problem: `The ${field}${shown} is not a URL: use e.g. ${rules.example}` };
	}
	const url = new URL(candidate);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, problem: `The ${field}${shown} must start with https:// or http://` };
	}
	if (url.username !== '' || url.password !== '') {
		return { ok: false, problem: `The ${field} must not contain a user name or password` };
	}
	if (url.search !== '' || url.hash !== '' || /[?#]/.test(candidate)) {
		return { ok: false, problem: `The ${field} must not contain a query (?…) or fragment (#…)` };
	}
	return { ok: true, url };
}

/** The origin of a URL (relative ones resolved against `base`), or a fixed phrase: safe in any message. */
export function originOf(candidate: string, base?: string): string {
	return URL.canParse(candidate, base) ? new URL(candidate, base).origin : 'an address that is not a URL';
}

/**
 * A URL for a message: origin and path only. The query of a signed link or a redirect can hold
 * a session id or a signature, and a user:password@ part a password.
 */
export function describeUrl(candidate: string): string {
	const shown = URL.canParse(candidate)
		? `${new URL(candidate).origin}${new URL(candidate).pathname}`
		: 'an address that is not a URL';
	return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}

/** A redirect's Location for a message: origin and path (resolved against `base` when relative), never its query. */
export function describeLocation(location: string, base?: string): string {
	if (URL.canParse(location, base)) return describeUrl(new URL(location, base).href);
	const path = location.split(/[?#]/)[0];
	return path.startsWith('/') && !path.startsWith('//') && path.length <= 120 ? path : 'an address that is not a URL';
}

function ipv4Octets(hostname: string): number[] | undefined {
	const parts = hostname.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
	const octets = parts.map(Number);
	return octets.every((o) => o <= 255) ? octets : undefined;
}

function isInternalIpv4([a, b]: number[]): boolean {
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d, as URL writes it) stands for. */
function mappedIpv4(ipv6: string): number[] | undefined {
	const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ipv6);
	if (!match) return undefined;
	const high = parseInt(match[1], 16);
	const low = parseInt(match[2], 16);
	return [high >> 8, high & 255, low >> 8, low & 255];
}

/** Names that lead to a cloud metadata service wherever they resolve at all. */
const INTERNAL_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/**
 * True for a literal address of this machine or a private network: loopback, RFC 1918,
 * carrier-grade NAT, link-local (169.254.0.0/16 holds cloud metadata services), unspecified,
 * and their IPv6 forms (::1, ::, fc00::/7, fe80::/10, IPv4-mapped), and the names of cloud
 * metadata services. Other host names are not resolved here (see vendorLinks).
 */
export function isInternalAddress(hostname: string): boolean {
	// A fully qualified name ("localhost.") is the same name.
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost') || INTERNAL_NAMES.has(host)) return true;
	const v4 = ipv4Octets(host);
	if (v4) return isInternalIpv4(v4);
	if (!host.startsWith('[') || !host.endsWith(']')) return false;
	const v6 = host.slice(1, -1);
	const mapped = mappedIpv4(v6);
	if (mapped) return isInternalIpv4(mapped);
	return v6 === '::1' || v6 === '::' || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

/** The URL the HTTP client really requests: a relative `url` is appended to `baseURL`, not resolved. */
export function effectiveUrl(url: string | undefined, baseURL: string | undefined): string {
	const target = url ?? '';
	if (/^[a-z][a-z0-9+.-]*:/i.test(target) || !baseURL) return target;
	return `${baseURL.replace(/\/+$/, '')}/${target.replace(/^\/+/, '')}`;
}

/**
 * A request that names only a path goes under `base`, the credential's one base-URL rule. The
 * Test button sends such a request: n8n takes a test's base URL only as an expression, which
 * would be a second copy of the rule, so `authenticate` places it instead.
 */
export function underBase<R extends { url?: string; baseURL?: string }>(request: R, base: string): R {
	return request.baseURL === undefined && !/^[a-z][a-z0-9+.-]*:/i.test(request.url ?? '') ? { ...request, baseURL: base } : request;
}

/** True when `candidate` is an http(s) URL on exactly this origin (scheme, host and port). */
export function isSameOrigin(candidate: string, origin: string): boolean {
	if (!URL.canParse(candidate)) return false;
	const url = new URL(candidate);
	return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' && url.origin === origin;
}
