/**
 * Kore.ai SmartAssist: recordings v2 (status progression, signed links on the media port),
 * recordings v1 (data: URLs), voicemail, and analytics call details. Every call needs the `auth`
 * header: an HS256 JWT signed with the client secret whose `appId` is the client id (jwt.mjs).
 * Errors use Kore's envelope `{ errors: [{ msg, code }] }`. Rate limits (documented): analytics
 * 60/min per account, platform APIs 60/min per bot → 429 without Retry-After (undocumented).
 * Tests may replace the seeded calls with their own (setCalls / putCall, koreCalls.mjs).
 */
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';

import { readBody } from '../http.mjs';
import { verifyHs256 } from '../jwt.mjs';
import { fileId, fileStem, planFromSessionId } from './koreData.mjs';
import { createKoreMedia } from './koreMedia.mjs';
import { koreCallDetails } from './koreCallDetails.mjs';
import { koreCallSession, scripted } from './koreCalls.mjs';

const MAX_TRACKED = 10_000;

/** Sliding 60 s request counter per key (account or bot); real time, like a real rate limiter. */
function createRateLimiter() {
	const hits = new Map();
	return (key, perMinute) => {
		if (!perMinute) return true;
		const now = performance.now();
		const recent = (hits.get(key) ?? []).filter((t) => t > now - 60_000);
		if (recent.length >= perMinute) {
			hits.set(key, recent);
			return false;
		}
		recent.push(now);
		if (!hits.has(key) && hits.size >= MAX_TRACKED) hits.clear();
		hits.set(key, recent);
		return true;
	};
}

function parsedOrText(text) {
	try {
		return JSON.parse(text ?? '');
	} catch {
		return text;
	}
}

export function createKore({ data, media, clock, options, mediaUrl, secret, secrets }) {
	const { credentials } = data;
	const links = createKoreMedia({ mediaUrl, secret, clock, options });
	const polls = new Map(); // sessionId → answers given so far
	const mediaAnswers = new Map(); // sessionId → media host answers given so far (scripted calls)
	const usedJti = new Set();
	const allow = createRateLimiter();
	const fail = (reply, status, msg) => reply.json(status, { errors: [{ msg, code: status }] });

	/** The JWT check; false after answering 401. */
	function authorized({ req, reply }) {
		const result = verifyHs256(req.headers.auth, {
			secret: credentials.clientSecret,
			appId: credentials.clientId,
			nowSeconds: Math.floor(Date.now() / 1000), // the client's clock minted exp: compare to real time
		});
		let problem = result.ok ? null : result.reason;
		// A valid JWT is a secret of its own (it signs in until it expires).
		if (result.ok) secrets?.issued('kore', req.headers.auth.trim());
		if (!problem && options.koreEnforceJti) {
			const jti = result.payload.jti;
			if (typeof jti !== 'string' || jti === '') problem = 'JWT jti required by this app';
			else if (usedJti.has(jti)) problem = 'JWT jti already used';
			else {
				if (usedJti.size >= MAX_TRACKED) usedJti.clear();
				usedJti.add(jti);
			}
		}
		if (problem) fail(reply, 401, problem);
		return !problem;
	}

	/** JWT, bot id, platform rate limit: what every /api/…/bot/{botId}/… call checks. */
	function botGuard(r) {
		if (!authorized(r)) return false;
		let problem;
		if (r.params.botId !== credentials.botId) problem = [404, `Bot ${r.params.botId} not found`];
		else if (!allow(`bot:${credentials.botId}`, options.korePlatformPerMinute)) {
			problem = [429, 'Rate limit exceeded for this bot. Try again later.'];
		}
		if (problem) fail(r.reply, ...problem);
		return !problem;
	}

	function planOf(sessionId) {
		const own = data.bySessionId.get(sessionId)?.plan;
		if (own?.kind === 'script') return own; // a test's own call: its script, whatever its id ends with
		return planFromSessionId(sessionId) ?? own ?? { kind: 'media_unavailable' };
	}

	/** Counts one more answer for this session; returns how many it had been given before. */
	function count(counters, sessionId) {
		const seen = counters.get(sessionId) ?? 0;
		if (!counters.has(sessionId) && counters.size >= MAX_TRACKED) counters.clear();
		counters.set(sessionId, seen + 1);
		return seen;
	}

	/**
	 * The status this call sees; `progress` plans advance by one answer per call, `script` plans
	 * answer their list in turn (a number: the HTTP status the listing fails with).
	 */
	function statusOf(sessionId, plan) {
		if (plan.kind === 'script') return scripted(plan.statuses, count(polls, sessionId));
		if (plan.kind !== 'progress') return plan.kind === 'voicemail' ? 'media_unavailable' : plan.kind;
		const seen = polls.get(sessionId) ?? 0;
		if (seen >= plan.polls) return 'success';
		if (!polls.has(sessionId) && polls.size >= MAX_TRACKED) polls.clear();
		polls.set(sessionId, seen + 1);
		return seen === plan.polls - 1 ? 'media_in_progress' : 'call_in_progress';
	}

	function filesOf(sessionId, plan) {
		const stem = fileStem(sessionId);
		const count = plan.files ?? 1;
		return Array.from({ length: count }, (_, i) => ({
			fileName: i === 0 ? `${stem}-merged.wav` : `${stem}-leg${i + 1}.wav`,
			file: plan.file ?? (i === 0 ? media.callWav : media.voicemailWav),
			id: fileId(sessionId, i),
		}));
	}

	function mediaPath(sessionId, id) {
		const session = data.bySessionId.get(sessionId);
		const d = new Date(session ? session.startMs : clock.start);
		const dd = String(d.getUTCDate()).padStart(2, '0');
		const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
		return `/api/getMediaStream/smartassistrecording/SIM/${data.orgId}/${credentials.botId}/${d.getUTCFullYear()}/${dd}-${mm}-${d.getUTCFullYear()}/${id}.wav`;
	}

	function recordingsV2(r) {
		if (!botGuard(r)) return;
		const sessionId = r.query.get('sessionId');
		if (!sessionId) return fail(r.reply, 400, 'sessionId is required');
		const plan = planOf(sessionId);
		const status = statusOf(sessionId, plan);
		if (typeof status === 'number') return fail(r.reply, status, STATUS_CODES[status] ?? 'Error');
		if (status !== 'success') return r.reply.json(200, { status });
		// A scripted call's media host answers its own list, in turn, whichever link is asked.
		const answer = plan.media ? () => scripted(plan.media, count(mediaAnswers, sessionId)) : undefined;
		const recording = filesOf(sessionId, plan).map((f) => ({
			fileName: f.fileName,
			fileUrl: links.signedUrl(mediaPath(sessionId, f.id), f.file, { sessionId, answer }),
		}));
		return r.reply.json(200, { status, recording });
	}

	function recordingsV1(r) {
		if (!botGuard(r)) return;
		const sessionId = r.query.get('sessionId');
		const userId = r.query.get('userId');
		if (!sessionId && !userId) return fail(r.reply, 400, 'sessionId or userId is required');
		const ids = sessionId ? [sessionId] : data.sessions.filter((s) => s.userId === userId).map((s) => s.sessionId);
		const recording = [];
		for (const id of ids) {
			const plan = planOf(id);
			const ready =
				plan.kind === 'success' ||
				(plan.kind === 'progress' && (polls.get(id) ?? 0) >= plan.polls) ||
				(plan.kind === 'script' && polls.has(id) && scripted(plan.statuses, polls.get(id) - 1) === 'success');
			if (!ready) continue;
			for (const f of filesOf(id, plan)) recording.push(`data:audio/wav;base64,${f.file.buffer.toString('base64')}`);
		}
		return r.reply.json(200, { recording });
	}

	function voicemail(r) {
		if (!botGuard(r)) return;
		const sessionId = r.query.get('sessionId');
		if (!sessionId) return fail(r.reply, 400, 'sessionId is required');
		const transcription = (r.query.get('transcription') ?? '').toLowerCase();
		if (transcription !== 'true' && transcription !== 'false') return fail(r.reply, 400, 'transcription must be true or false');
		const plan = planOf(sessionId);
		if (plan.kind !== 'voicemail') return r.reply.json(200, { status: 'media_unavailable' });
		const path = mediaPath(sessionId, fileId(sessionId, 'voicemail'));
		const body = {
			status: 'success',
			[plan.voicemailKey]: [{ fileName: `voicemail_${sessionId}.wav`, fileUrl: links.signedUrl(path, media.voicemailWav) }],
		};
		if (transcription === 'true') body.transcriptions = [voicemailTranscription(sessionId)];
		return r.reply.json(200, body);
	}

	function voicemailTranscription(sessionId) {
		const session = data.bySessionId.get(sessionId);
		const at = new Date(session ? session.startMs + 30_000 : clock.start).toISOString();
		const userId = session?.userId ?? 'u-voicemail-caller';
		return {
			_id: `ms-${fileId(sessionId, 'transcription').slice(2)}`,
			botId: credentials.botId,
			type: 'incoming',
			status: 'received',
			components: [{ _id: `cp-${fileId(sessionId, 'component').slice(2)}`, cT: 'text', data: { text: data.voicemailText }, thumbnails: [] }],
			createdBy: userId,
			createdOn: at,
			lmodifiedOn: at,
			sessionId,
			chnl: 'korevg',
			lang: 'en',
			author: { id: userId, type: 'VOICEMAIL' },
			timestampValue: Date.parse(at),
		};
	}

	async function callDetails(r) {
		const text = await readBody(r.req);
		r.entry.body = parsedOrText(text);
		if (!authorized(r)) return;
		const { req, reply, params } = r;
		if (!req.headers.accountid || !req.headers.iid) return fail(reply, 400, 'accountId and iId headers are required');
		if (params.accountId !== credentials.accountId || req.headers.accountid !== credentials.accountId) {
			return fail(reply, 403, 'The app has no access to this account');
		}
		if (req.headers.iid !== credentials.botId) return fail(reply, 403, 'The app has no access to this iId');
		if (!allow(`account:${credentials.accountId}`, options.koreAnalyticsPerMinute)) {
			return fail(reply, 429, 'Rate limit exceeded for this account. Try again later.');
		}
		const answer = koreCallDetails({ text, query: r.query, sessions: data.sessions });
		if (answer.error) return fail(reply, 400, answer.error);
		return reply.json(200, answer.body);
	}

	/** A test's own calls in place of the seeded ones: the call-details search answers these only. */
	function setCalls(calls) {
		const sessions = (calls ?? []).map((call) => koreCallSession(call, { botId: credentials.botId, media }));
		data.sessions = sessions.sort((a, b) => a.startMs - b.startMs);
		data.bySessionId = new Map(sessions.map((s) => [s.sessionId, s]));
		polls.clear();
		mediaAnswers.clear();
	}

	/** Adds a call, or replaces the one with its session id (e.g. now ended); answers given count on. */
	function putCall(call) {
		const session = koreCallSession(call, { botId: credentials.botId, media });
		const others = data.sessions.filter((s) => s.sessionId !== session.sessionId);
		data.sessions = [...others, session].sort((a, b) => a.startMs - b.startMs);
		data.bySessionId.set(session.sessionId, session);
	}

	/** The files a session's recording listing names once ready: name, type, size and hash. */
	function recordingFiles(sessionId) {
		return filesOf(sessionId, planOf(sessionId)).map((f) => ({
			fileName: f.fileName,
			contentType: f.file.contentType,
			bytes: f.file.bytes,
			sha256: f.file.sha256,
		}));
	}

	return {
		links,
		planOf,
		filesOf,
		setCalls,
		putCall,
		recordingFiles,
		routes: [
			{ method: 'GET', path: /^\/api\/public\/bot\/(?<botId>[^/]+)\/v2\/recordings$/, name: 'recordings.v2', handle: recordingsV2 },
			{ method: 'GET', path: /^\/api\/1\.1\/public\/bot\/(?<botId>[^/]+)\/recordings$/, name: 'recordings.v1', handle: recordingsV1 },
			{ method: 'GET', path: /^\/api\/public\/bot\/(?<botId>[^/]+)\/voicemail$/, name: 'voicemail', handle: voicemail },
			{
				method: 'POST',
				path: /^\/agentassist\/api\/public\/analytics\/account\/(?<accountId>[^/]+)\/v2\/calldetails$/i,
				name: 'calldetails',
				handle: callDetails,
			},
		],
		errorBody: (status, message) => ({ errors: [{ msg: message, code: status }] }),
	};
}
