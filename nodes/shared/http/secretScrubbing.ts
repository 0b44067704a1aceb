import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/**
 * The credential's own secret values, kept out of every message whatever a server echoes back
 * (a proxy repeating an API key, a Basic password, a session id). One rule decides what is
 * secret: the fields the credential masks in the editor (typeOptions.password).
 */

/** Removes anything that looks like a credential (a bearer token, a password field, a JWT) before text reaches a message or a log. */
export function scrubSecretPatterns(text: string): string {
	return text
		.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
		.replace(
			/("?(?:client_secret|password|access_token|accessToken|token|sessionId|session_id|secret|auth)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
			'$1[redacted]',
		)
		.replace(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[redacted-jwt]');
}

/** The names of a credential's masked fields. */
export function passwordFields(credential: { properties: INodeProperties[] }): string[] {
	return credential.properties.filter((p) => p.typeOptions?.password === true).map((p) => p.name);
}

/** Shorter values are left alone: replacing "ab" everywhere would garble every message. */
const MIN_SECRET_LENGTH = 4;

/** The values of those fields, longest first so a secret that contains another goes whole. */
export function secretValues(credentials: ICredentialDataDecryptedObject, fields: string[]): string[] {
	const values = fields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string')
		.flatMap((value) => [value, value.trim()])
		.filter((value) => value.length >= MIN_SECRET_LENGTH);
	return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** The credential's values first, then anything that looks like a credential (scrubSecretPatterns). */
export function scrubText(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
	return scrubSecretPatterns(clean);
}

/** Plain data and errors are walked; sockets, streams and other live objects are left alone. */
function isData(value: object): boolean {
	const prototype: unknown = Object.getPrototypeOf(value);
	return Array.isArray(value) || prototype === Object.prototype || prototype === null || value instanceof Error;
}

function scrubValue(value: unknown, secrets: string[], depth: number, seen: Set<object>): unknown {
	if (typeof value === 'string') return scrubText(value, secrets);
	if (typeof value !== 'object' || value === null || depth > 5 || seen.has(value) || !isData(value)) return value;
	seen.add(value);
	if (Array.isArray(value)) {
		value.forEach((entry, i) => (value[i] = scrubValue(entry, secrets, depth + 1, seen)));
		return value;
	}
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		// The node is n8n's own description of itself, not something a server said.
		if (key === 'node') continue;
		const descriptor = Object.getOwnPropertyDescriptor(record, key);
		if (descriptor?.writable) record[key] = scrubValue(record[key], secrets, depth + 1, seen);
	}
	return value;
}

/**
 * Scrubs an error in place: its message, description, stack and whatever it carries (the
 * vendor's answer, the cause), since n8n shows and stores all of them. Returns the same error.
 */
export function scrubError<E>(error: E, secrets: string[]): E {
	if (typeof error !== 'object' || error === null) return error;
	for (const key of ['message', 'description', 'stack']) {
		const text: unknown = Reflect.get(error, key);
		if (typeof text === 'string') Reflect.set(error, key, scrubText(text, secrets));
	}
	scrubValue(error, secrets, 0, new Set());
	return error;
}
