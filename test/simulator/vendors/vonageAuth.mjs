/**
 * VCC's OAuth2 client-credentials token endpoint (`POST /Auth/connect/token`) and the bearer check
 * every VCC API shares. Both documented ways to send the client are accepted: form fields
 * client_id/client_secret, or HTTP Basic (the official sample). Tokens expire after
 * `tokenTtlSeconds` of simulator time; there is no refresh token.
 */
import { randomBytes } from 'node:crypto';

import { parseBasicAuth, readBody } from '../http.mjs';

export const VONAGE_SCOPES = ['interaction-content:read', 'interaction-content:delete'];
const MAX_TOKENS = 50_000;

export function createVonageAuth({ credentials, clock, stats, options, secrets }) {
	const tokens = new Map(); // token → { expiresAt, scopes }

	function prune() {
		const now = clock.now();
		for (const [token, info] of tokens) if (info.expiresAt <= now) tokens.delete(token);
		// Still too many (a client that never reuses tokens): forget the oldest.
		for (const token of tokens.keys()) {
			if (tokens.size <= MAX_TOKENS) break;
			tokens.delete(token);
		}
	}

	/** The OAuth error envelope (RFC 6749 §5.2), as IdentityServer answers it. */
	const oauthError = (reply, status, error, description) =>
		reply.json(status, { error, ...(description ? { error_description: description } : {}) });

	async function handleToken({ req, reply }) {
		const text = await readBody(req);
		if (text === null) return oauthError(reply, 413, 'invalid_request', 'request too large');
		const contentType = String(req.headers['content-type'] ?? '');
		if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
			return oauthError(reply, 400, 'invalid_request', 'content type must be application/x-www-form-urlencoded');
		}
		const form = new URLSearchParams(text);
		const basic = parseBasicAuth(req.headers.authorization);
		const clientId = basic?.user ?? form.get('client_id');
		const clientSecret = basic?.password ?? form.get('client_secret');
		if (form.get('grant_type') !== 'client_credentials') return oauthError(reply, 400, 'unsupported_grant_type');
		if (clientId !== credentials.clientId || clientSecret !== credentials.clientSecret) {
			return oauthError(reply, 400, 'invalid_client');
		}
		const requested = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
		if (requested.some((s) => !VONAGE_SCOPES.includes(s))) return oauthError(reply, 400, 'invalid_scope');
		const scopes = requested.length > 0 ? requested : ['interaction-content:read'];
		prune();
		const token = randomBytes(24).toString('hex');
		tokens.set(token, { expiresAt: clock.now() + options.tokenTtlSeconds * 1000, scopes });
		stats.tokenIssued();
		secrets?.issued('vonage', token);
		return reply.json(200, {
			access_token: token,
			expires_in: options.tokenTtlSeconds,
			token_type: 'Bearer',
			scope: scopes.join(' '),
		});
	}

	/** 'ok' | 'unauthorized' (missing, unknown or expired) | 'forbidden' (no read scope). */
	function checkBearer(req) {
		const match = /^\s*bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
		const info = match ? tokens.get(match[1]) : undefined;
		if (!info || info.expiresAt <= clock.now()) return 'unauthorized';
		return info.scopes.includes('interaction-content:read') ? 'ok' : 'forbidden';
	}

	return { handleToken, checkBearer };
}
