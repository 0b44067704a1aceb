import { createHmac, randomUUID } from 'crypto';

/**
 * HS256 JSON Web Tokens (RFC 7519 / RFC 7515) with node's crypto only: community nodes may not
 * bundle a JWT library. The pieces are exposed separately so a test can feed the exact bytes of
 * a published example (RFC 7515 appendix A.1) through the same signer the credential uses.
 */

export function base64UrlEncode(input: Buffer | string): string {
	return (typeof input === 'string' ? Buffer.from(input, 'utf8') : input).toString('base64url');
}

/** The base64url HMAC-SHA256 of `signingInput` ("<header>.<payload>", both already encoded). */
export function signHs256(signingInput: string, key: Buffer | string): string {
	return createHmac('sha256', key).update(signingInput, 'ascii').digest('base64url');
}

/** A compact JWS from already-encoded header and payload segments. */
export function compactHs256(encodedHeader: string, encodedPayload: string, key: Buffer | string): string {
	const signingInput = `${encodedHeader}.${encodedPayload}`;
	return `${signingInput}.${signHs256(signingInput, key)}`;
}

/** Header and claims serialised as JSON in the order given (what JWT libraries do too). */
export function signJwtHs256(claims: Record<string, unknown>, key: Buffer | string): string {
	const header = { alg: 'HS256', typ: 'JWT' };
	return compactHs256(base64UrlEncode(JSON.stringify(header)), base64UrlEncode(JSON.stringify(claims)), key);
}

export interface KoreClaims {
	[claim: string]: string | number;
	/** Kore.ai matches the app by this claim, spelled exactly so. */
	appId: string;
	sub: string;
	iat: number;
	exp: number;
	/** Apps with "Enforce JTI" reject a token without one, and a token seen before. */
	jti: string;
}

/**
 * Long enough for clock drift between n8n and Kore.ai, short enough that a token caught in a log
 * is useless soon. Each request gets its own token, so it never needs to outlive one request.
 */
export const KORE_TOKEN_LIFETIME_SECONDS = 300;

export function koreClaims(clientId: string, nowMs: number, jti: string): KoreClaims {
	const iat = Math.floor(nowMs / 1000);
	return { appId: clientId, sub: clientId, iat, exp: iat + KORE_TOKEN_LIFETIME_SECONDS, jti };
}

/** A fresh token for one Kore.ai request: new iat/exp and a random jti every time. */
export function mintKoreToken(
	clientId: string,
	clientSecret: string,
	nowMs: number = Date.now(),
	jti: string = randomUUID(),
): string {
	return signJwtHs256(koreClaims(clientId, nowMs, jti), clientSecret);
}
