/**
 * What credential a request carries, for the servers that must never see one: a foreign host a
 * redirect pointed at, or Kore.ai's media host, which serves pre-signed links. By header
 * (Authorization — Bearer or Basic —, Kore's `auth`, Ameyo's `Sessionid`, Cookie), by body field
 * (OAuth `client_secret`, a login `password`/`token`) and, when the secrets are known, by value
 * anywhere in the URL, the headers or the body (a JWT or session id under another name).
 */
const HEADERS = ['authorization', 'proxy-authorization', 'auth', 'sessionid', 'cookie', 'x-api-key'];
const BODY_FIELDS = ['client_secret', 'password', 'token', 'sessionId'];
/** Too short to tell apart from ordinary text (a user id, a campaign number). */
const MIN_SECRET_LENGTH = 8;

function bodyFields(text, contentType) {
	if (!text) return [];
	if (/json/i.test(contentType)) {
		try {
			const value = JSON.parse(text);
			return value && typeof value === 'object' ? Object.keys(value) : [];
		} catch {
			return [];
		}
	}
	if (/x-www-form-urlencoded/i.test(contentType)) return [...new URLSearchParams(text).keys()];
	return [];
}

/**
 * @param request { url, headers (lower-case names, as node:http gives them), body?: string }
 * @param secrets the secret values to look for (credential fields, issued tokens and sessions)
 * @returns the kinds found, e.g. ['authorization: Basic', 'body: client_secret', 'secret value'];
 *          empty when the request carries none
 */
export function credentialsCarried({ url, headers, body = '' }, secrets = []) {
	const found = [];
	for (const name of HEADERS) {
		const value = headers[name];
		if (value === undefined || value === '') continue;
		const scheme = name.endsWith('authorization') ? /^\s*(\w+)/.exec(String(value))?.[1] : undefined;
		found.push(scheme ? `${name}: ${scheme}` : name);
	}
	for (const field of bodyFields(body, String(headers['content-type'] ?? ''))) {
		if (BODY_FIELDS.includes(field)) found.push(`body: ${field}`);
	}
	const everything = `${url}\n${JSON.stringify(headers)}\n${body}`;
	if (secrets.some((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH && everything.includes(s))) {
		found.push('secret value');
	}
	return found;
}
