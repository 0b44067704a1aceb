/**
 * Kore.ai's self-signed JWT, checked the way the platform documents it: HS256 only, signed with
 * the app's client secret, `appId` = the client id, `exp` (when present) not passed. `alg: none`
 * and every other algorithm are refused, so a client that forgets to sign is caught.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (value) => Buffer.from(value).toString('base64url');

/** Mints a token (used by tests and the demo; the simulator itself only verifies). */
export function signHs256(payload, secret, header = { alg: 'HS256', typ: 'JWT' }) {
	const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
	return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function decodeJson(part) {
	try {
		const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

/**
 * @returns { ok: true, payload } or { ok: false, reason } (reason is safe to show: no secrets)
 */
export function verifyHs256(token, { secret, appId, nowSeconds }) {
	if (typeof token !== 'string' || token.trim() === '') return { ok: false, reason: 'auth header missing' };
	const parts = token.trim().split('.');
	if (parts.length !== 3) return { ok: false, reason: 'JWT malformed' };
	const [headPart, payloadPart, signaturePart] = parts;
	const header = decodeJson(headPart);
	const payload = decodeJson(payloadPart);
	if (!header || !payload) return { ok: false, reason: 'JWT malformed' };
	if (header.alg !== 'HS256') return { ok: false, reason: `JWT algorithm ${String(header.alg)} not allowed` };
	const expected = createHmac('sha256', secret).update(`${headPart}.${payloadPart}`).digest();
	const given = Buffer.from(signaturePart, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'JWT signature invalid' };
	}
	if (payload.appId !== appId) return { ok: false, reason: 'JWT appId does not match a client app' };
	if (payload.exp !== undefined) {
		if (typeof payload.exp !== 'number') return { ok: false, reason: 'JWT exp malformed' };
		if (payload.exp <= nowSeconds) return { ok: false, reason: 'JWT expired' };
	}
	return { ok: true, payload };
}
