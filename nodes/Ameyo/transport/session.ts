import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { asSignInFailure, isSignInTimeout } from '../../shared/http/signInFailure';
import { describeLocation } from '../../shared/http/urlRules';
import { describeVendorBody } from '../../shared/http/vendorErrors';
import { authMode, LOGIN_PATH, serverBaseUrl, sessionBinding } from './endpoints';
import { scrubSecrets, secretValues } from './secrets';

/**
 * The Ameyo session: logging in, choosing the session a request may carry, and recognising
 * the many ways a server says "signed out".
 */

/** A plain request, so the credential's preAuthentication and the Test button share one login. */
export interface PlainRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: IDataObject;
	body?: IDataObject;
	skipTls: boolean;
}

export interface PlainResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export type SendPlain = (request: PlainRequest) => Promise<PlainResponse>;

/** The credential fields a login stores: the session and what it was issued for. */
export interface IssuedSession extends IDataObject {
	sessionToken: string;
	sessionIssuedFor: string;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export function ignoresTlsErrors(credentials: ICredentialDataDecryptedObject): boolean {
	return credentials.ignoreSslIssues === true;
}

function storedSessionMatches(credentials: ICredentialDataDecryptedObject): boolean {
	try {
		return credentials.sessionIssuedFor === sessionBinding(credentials);
	} catch {
		return false;
	}
}

/**
 * The session a request to the configured server may carry: the pasted one, or the stored one
 * only if it was issued by this server for this user (the URL or user may have been edited
 * since the last login).
 */
export function sessionToSend(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (authMode(credentials) === 'sessionId') return text(credentials.pastedSessionToken) || undefined;
	const stored = text(credentials.sessionToken);
	return stored !== '' && storedSessionMatches(credentials) ? stored : undefined;
}

/** A stored login session that belongs to another server or user: log in again first. */
export function storedSessionIsStale(credentials: ICredentialDataDecryptedObject): boolean {
	return authMode(credentials) === 'login' && text(credentials.sessionToken) !== '' && !storedSessionMatches(credentials);
}

export class AmeyoLoginError extends Error {}

const TLS_TRUST_CODES = new Set([
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'CERT_UNTRUSTED',
]);

/**
 * A connection failure in words that say what to fix; only the code is kept, never the request.
 * Network codes n8n knows (ECONNREFUSED, ENOTFOUND…) are put in words: n8n would otherwise
 * swap the whole message for its generic sentence, losing the host and the advice.
 */

export function describeConnectionFailure(error: unknown, baseUrl: string): string {
	const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
	const code = text(e.code) || text(e.cause?.code);
	const message = text(e.message);
	const { host, hostname } = new URL(baseUrl);
	if (TLS_TRUST_CODES.has(code)) {
		return `The TLS certificate of ${host} is not trusted (${code}): if the server uses a private CA or a self-signed certificate, turn on "Ignore SSL Issues" in the credential`;
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return `Could not find the host ${hostname} in DNS: check the server URL`;
	}
	if (code === 'ECONNREFUSED') {
		return `Nothing answers at ${host} (connection refused): check the host and port in the server URL`;
	}
	if (code === 'EPROTO' || /wrong version number|ssl3_get_record|packet length too long/i.test(message)) {
		return `The TLS handshake with ${host} failed (${code || 'EPROTO'}): does this port speak plain http? Check the protocol in the server URL`;
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT') {
		return `${host} did not answer in time: check the server URL and the network between n8n and the server`;
	}
	if (code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
		return `The connection to ${host} failed (the peer or the network dropped it): check the server URL and the network`;
	}
	return `Could not reach ${host}${code ? ` (${code})` : ''}: check the server URL`;
}

function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return Buffer.isBuffer(body) ? parsedBody(body.toString('utf8')) : body;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*<(!doctype html|html|head|body|title)/i.test(body);
}

/** Where a redirect pointed, as origin and path: its query can hold a session id or a token. */
function redirectTarget(location: unknown, baseUrl: string): string {
	const target = text(location);
	return target === '' ? 'another address' : describeLocation(target, baseUrl);
}

/** Header values must be plain visible ASCII; anything else is not a session id we can send. */
const SESSION_ID_SHAPE = /^[\x21-\x7e]{8,4096}$/;

/**
 * POST /ameyorestapi/session/userLogin. Throws an AmeyoLoginError whose message says whether the
 * password, the server URL or the network is at fault, and never carries a secret.
 */
export async function logIn(send: SendPlain, credentials: ICredentialDataDecryptedObject): Promise<IssuedSession> {
	const baseUrl = serverBaseUrl(credentials);
	const userId = text(credentials.userId);
	const token = typeof credentials.token === 'string' ? credentials.token : '';
	if (userId === '') throw new AmeyoLoginError('The Ameyo credential has no user ID');
	if (token === '') throw new AmeyoLoginError('The Ameyo credential has no password or access key');
	const host = new URL(baseUrl).host;
	const secrets = secretValues(credentials);
	const say = (message: string) => new AmeyoLoginError(scrubSecrets(message, secrets));

	let response: PlainResponse;
	try {
		response = await send({
			method: 'POST',
			url: `${baseUrl}${LOGIN_PATH}`,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: {
				userId,
				token,
				forceLogin: credentials.forceLogin !== false,
				terminalInfo: text(credentials.terminalInfo) || 'n8n',
			},
			skipTls: ignoresTlsErrors(credentials),
		});
	} catch (error) {
		const failed = say(`Ameyo login failed: ${describeConnectionFailure(error, baseUrl)}`);
		// No answer in time is a failed try like a 504 from a gateway: the login is tried again with
		// the request that needed it, under the same Max Tries.
		throw isSignInTimeout(error) ? asSignInFailure(failed, 504) : failed;
	}

	const { statusCode } = response;
	const body = parsedBody(response.body);
	const vendorSays = describeVendorBody(body);
	const detail = `HTTP ${statusCode}${vendorSays ? `: ${vendorSays}` : ''}`;
	if (looksLikeHtml(body)) {
		throw say(
			`${host} answered the Ameyo login with an HTML page instead of the REST API (${detail}): check the protocol, host and port of the server URL (the REST API usually listens on :8443)`,
		);
	}
	if (statusCode === 404 || statusCode === 405) {
		throw say(
			`There is no Ameyo login API at ${baseUrl}${LOGIN_PATH} (${detail}): check the protocol, host and port of the server URL`,
		);
	}
	if (statusCode >= 300 && statusCode < 400) {
		throw say(
			`${host} redirected the Ameyo login to ${redirectTarget(response.headers.location, baseUrl)} (HTTP ${statusCode}); the password is not sent on: put the address the server expects in the server URL`,
		);
	}
	if (statusCode === 401 || statusCode === 403) {
		throw say(
			`Ameyo refused the login of user "${userId}" on ${host} (${detail}): check the user ID and the password or access key`,
		);
	}
	if (statusCode >= 400) {
		const failed = say(
			`Ameyo login of user "${userId}" on ${host} failed (${detail}): check the user ID, the password or access key, and that the user may use the REST API`,
		);
		// Ameyo's non-standard 512 is a command error (an unknown user, say): another try cannot help.
		throw statusCode === 512 ? failed : asSignInFailure(failed, statusCode, response.headers['retry-after']);
	}
	const sessionId = text((body as { sessionId?: unknown } | null)?.sessionId);
	if (!SESSION_ID_SHAPE.test(sessionId)) {
		throw say(
			`Ameyo login on ${host} answered without a usable session id (${detail}): check the server URL and that the user may use the REST API`,
		);
	}
	return { sessionToken: sessionId, sessionIssuedFor: sessionBinding(credentials) };
}

/** Keys Ameyo puts in `message` / `info` when the session is missing, expired or unknown. */
const SIGNED_OUT_KEYS = /invalid\.authentication\.token|invalid\.session(\.id)?|session\.(expired|invalid|not\.found)|user\.not\.logged\.in/i;
const SIGNED_OUT_CODE = 909090;

function isLoginPage(html: string): boolean {
	return /<input[^>]+type\s*=\s*["']?password/i.test(html) || /<title[^>]*>[^<]*(log\s?in|sign\s?in)[^<]*</i.test(html);
}

/**
 * True when an answer means "no valid session": 401, Ameyo's invalid-token / invalid-session
 * envelopes whatever their status (seen with 200 and 403), a login page, or a redirect to one.
 */
export function isSignedOutAnswer(statusCode: number, headers: IDataObject, body: unknown): boolean {
	if (statusCode === 401) return true;
	if (statusCode >= 300 && statusCode < 400) return /log_?in|sign_?in/i.test(text(headers.location));
	const parsed = parsedBody(body);
	if (typeof parsed === 'string') return looksLikeHtml(parsed) && isLoginPage(parsed);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
	const envelope = parsed as { message?: unknown; info?: unknown; code?: unknown; status?: unknown };
	return (
		SIGNED_OUT_KEYS.test(`${text(envelope.message)} ${text(envelope.info)}`) ||
		Number(envelope.code) === SIGNED_OUT_CODE ||
		Number(envelope.status) === 401
	);
}
