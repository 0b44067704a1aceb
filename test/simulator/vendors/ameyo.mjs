/**
 * Ameyo (Exotel) `/ameyorestapi`: session login and downloadVoiceLog. Sessions end after
 * `sessionTtlSeconds` without use (idle timeout: the server-configured timeout the docs mention),
 * and a `forceLogin: true` login ends the user's earlier sessions, as the docs warn it ends the
 * UI session. Unauthenticated requests get the 401 JSON envelope, or — with the per-run switch
 * `ameyoLoginPage` — an HTML login page with status 200, like older servers.
 */
import { randomBytes } from 'node:crypto';

import { fileSource } from '../media.mjs';
import { readBody } from '../http.mjs';
import { AMEYO_ODDITIES } from './ameyoData.mjs';

const MAX_SESSIONS = 10_000;
const SESSION_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ameyo - Login</title></head>
<body class="login-page"><form method="post" action="/app/login" id="loginForm">
<input type="text" name="userId" placeholder="User ID"><input type="password" name="password">
<button type="submit">Login</button></form></body></html>
`;
const ODD_HTML = `<!DOCTYPE html>
<html><head><title>Ameyo</title></head><body><h3>Voice log</h3><p>Request processed.</p></body></html>
`;
const ERROR_500_HTML = `<!DOCTYPE html>
<html><head><title>HTTP Status 500 – Internal Server Error</title></head><body><h1>HTTP Status 500 – Internal Server Error</h1>
<p><b>Type</b> Exception Report</p><p><b>Message</b> Could not read voice log from storage</p></body></html>
`;

/** The documented envelope: {"message":"invalid.authentication.token","code":909090,"info":"…","status":401}. */
export const ameyoError = (status, message, code, info) => ({ message, code, info, status });

export function createAmeyo({ data, credentials, clock, stats, options, secrets }) {
	const sessions = new Map(); // sessionId → { userId, expiresAt }

	function newSessionId(userId) {
		const random = randomBytes(96);
		let body = '';
		for (const byte of random) body += SESSION_ALPHABET[byte % SESSION_ALPHABET.length];
		return `${data.prefix}-ses-${userId}-${body}-${1000 + (random[0] % 9000)}`;
	}

	function prune() {
		const now = clock.now();
		for (const [id, s] of sessions) if (s.expiresAt <= now) sessions.delete(id);
		for (const id of sessions.keys()) {
			if (sessions.size <= MAX_SESSIONS) break;
			sessions.delete(id);
		}
	}

	async function login({ req, reply }) {
		const text = await readBody(req);
		let body;
		try {
			body = JSON.parse(text ?? '');
		} catch {
			body = null;
		}
		if (!body || typeof body !== 'object') {
			return reply.json(400, ameyoError(400, 'invalid.request.body', 909001, 'Request body must be JSON'));
		}
		if (body.userId !== credentials.userId || body.token !== credentials.password) {
			return reply.json(401, ameyoError(401, 'invalid.user.credentials', 909091, 'Invalid userId or token'));
		}
		prune();
		const active = [...sessions.entries()].filter(([, s]) => s.userId === body.userId);
		if (active.length > 0) {
			if (body.forceLogin !== true) {
				return reply.json(409, ameyoError(409, 'user.already.logged.in', 909092, 'Use forceLogin to end the other session'));
			}
			for (const [id] of active) sessions.delete(id);
		}
		const sessionId = newSessionId(body.userId);
		sessions.set(sessionId, { userId: body.userId, expiresAt: clock.now() + options.sessionTtlSeconds * 1000 });
		stats.sessionIssued();
		secrets?.issued('ameyo', sessionId);
		return reply.json(200, {
			userId: body.userId,
			terminalInfo: typeof body.terminalInfo === 'string' && body.terminalInfo ? body.terminalInfo : '0.0.0.0',
			sessionId,
		});
	}

	/** The session of this request (idle timeout slides on use), or null after answering. */
	function authenticate({ req, reply }) {
		const id = req.headers.sessionid; // Node lowercases header names: Sessionid, sessionId, …
		const session = typeof id === 'string' ? sessions.get(id.trim()) : undefined;
		if (session && session.expiresAt > clock.now()) {
			session.expiresAt = clock.now() + options.sessionTtlSeconds * 1000;
			return session;
		}
		if (session) sessions.delete(id.trim());
		if (options.ameyoLoginPage) reply.text(200, LOGIN_PAGE, 'text/html;charset=UTF-8');
		else reply.json(401, ameyoError(401, 'invalid.authentication.token', 909090, 'Session id is missing, invalid or expired'));
		return null;
	}

	function oddAnswer(reply, crtObjectId) {
		switch (crtObjectId) {
			case AMEYO_ODDITIES.emptyBody:
				return reply.send(200, { 'Content-Type': 'audio/mpeg' }, '');
			case AMEYO_ODDITIES.nullBody:
				return reply.send(200, { 'Content-Type': 'application/json' }, 'null');
			case AMEYO_ODDITIES.htmlBody:
				return reply.text(200, ODD_HTML, 'text/html;charset=UTF-8');
			case AMEYO_ODDITIES.commandError:
				return reply.json(512, ameyoError(512, 'command.execution.failed', 512001, 'Voice log conversion failed'));
			case AMEYO_ODDITIES.notFound:
				return reply.json(404, ameyoError(404, 'voicelog.not.found', 404001, `No voice log for ${crtObjectId}`));
			case AMEYO_ODDITIES.serverErrorHtml:
				return reply.text(500, ERROR_500_HTML, 'text/html;charset=utf-8');
			default:
				return undefined;
		}
	}

	function downloadVoiceLog(r) {
		if (!authenticate(r)) return;
		const { reply, query } = r;
		const missing = ['campaignId', 'crtObjectId', 'targetFormat', 'filters'].filter((k) => !query.get(k));
		if (missing.length > 0) {
			return reply.json(400, ameyoError(400, 'missing.mandatory.parameter', 909002, `Missing: ${missing.join(', ')}`));
		}
		const crtObjectId = query.get('crtObjectId');
		const odd = oddAnswer(reply, crtObjectId);
		if (odd !== undefined) return odd;
		const campaignId = query.get('campaignId');
		if (!data.campaigns.includes(campaignId)) {
			return reply.json(403, ameyoError(403, 'campaign.not.assigned', 909003, `User has no access to campaign ${campaignId}`));
		}
		let filters;
		try {
			filters = JSON.parse(query.get('filters'));
		} catch {
			filters = null;
		}
		if (!filters || typeof filters !== 'object' || typeof filters.callId !== 'string') {
			return reply.json(400, ameyoError(400, 'invalid.filters', 909004, 'filters must be URL-encoded JSON with a callId'));
		}
		const recording = data.byCrtObjectId.get(crtObjectId);
		if (!recording || recording.campaignId !== campaignId || recording.callId !== filters.callId) {
			return reply.json(404, ameyoError(404, 'voicelog.not.found', 404001, `No voice log for ${crtObjectId}`));
		}
		const format = query.get('targetFormat').toLowerCase();
		const file = data.formats[format];
		if (!file) {
			return reply.json(512, ameyoError(512, 'unsupported.target.format', 512002, `Cannot convert to ${format}`));
		}
		return reply.file(
			fileSource(file),
			file.contentType,
			{ 'Content-Disposition': `attachment; filename="${crtObjectId}.${format}"` },
			{ ranges: false },
		);
	}

	return {
		routes: [
			{ method: 'POST', path: /^\/ameyorestapi\/session\/userLogin$/, name: 'login', handle: login },
			{ method: 'GET', path: /^\/ameyorestapi\/cc\/downloadVoiceLog$/, name: 'downloadVoiceLog', handle: downloadVoiceLog },
		],
		errorBody: (status, message) => ameyoError(status, message, status * 1000, message),
	};
}
