/**
 * Kore.ai calls a test writes by hand (sim.kore.setCalls / putCall) instead of the seeded ones:
 * a session at the dates the test sets, whose recording listing answers a script, in turn:
 *   { sessionId, start, end?: none = still going on, channel?: 'Voice' | 'Web/Mobile Client',
 *     recording?: ['media_in_progress', …, 'success' | 503 …]  statuses, or an HTTP status the
 *       listing fails with (Kore's error envelope); the last one repeats; default ['success'],
 *     media?: [502, 200]  what the media host answers for the recording, in turn (the last one
 *       repeats); 200 serves it, default [200],
 *     bytes?: the recording (default the call WAV) }
 * The call-details record is the documented one, as the seeded calls have it (times UTC).
 */
import { sha256 } from '../media.mjs';
import { fileId } from './koreData.mjs';

const CHANNELS = ['Voice', 'Web/Mobile Client'];
const MAX_SCRIPT = 100;
const wall = (ms) => new Date(ms).toISOString().slice(0, 19);

function epoch(name, value) {
	const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
	if (!Number.isFinite(ms)) throw new Error(`${name} must be a Date, an ISO date or epoch milliseconds`);
	return Math.floor(ms / 1000) * 1000; // whole seconds, as sessionStartTime shows them
}

function script(name, list, fallback, check) {
	if (list === undefined) return fallback;
	if (!Array.isArray(list) || list.length === 0 || list.length > MAX_SCRIPT || !list.every(check)) {
		throw new Error(`${name} must be a list of 1–${MAX_SCRIPT} answers`);
	}
	return [...list];
}

const httpStatus = (s) => Number.isInteger(s) && s >= 200 && s <= 599;

/** A hand-written call → a session as koreData.mjs builds them, with a 'script' plan. */
export function koreCallSession(call, { botId, media }) {
	if (!call || typeof call.sessionId !== 'string' || call.sessionId === '') throw new Error('a call needs a sessionId');
	const { sessionId } = call;
	const startMs = epoch('start', call.start);
	const endMs = call.end === undefined ? undefined : epoch('end', call.end);
	const channel = call.channel ?? 'Voice';
	if (!CHANNELS.includes(channel)) throw new Error(`channel must be one of ${CHANNELS.join(', ')}`);
	const statuses = script('recording', call.recording, ['success'], (s) => (typeof s === 'string' && s !== '') || (httpStatus(s) && s >= 400));
	const mediaStatuses = script('media', call.media, [200], httpStatus);
	const file = call.bytes === undefined ? media.callWav : recordingFile(Buffer.from(call.bytes));
	const ended = endMs !== undefined;
	const record = {
		conversationId: `c-${fileId(sessionId, 'conversation').slice(2)}`,
		sessionId,
		channel,
		Direction: 'Inbound',
		finalStatus: ended ? 'CLOSED' : 'ACTIVE',
		smartStatus: ended ? 'CLOSED' : 'ACTIVE',
		botId,
		sessionStartTime: wall(startMs),
		...(ended ? { sessionEndTime: wall(endMs) } : {}),
	};
	return { sessionId, startMs, record, plan: { kind: 'script', statuses, media: mediaStatuses, file, files: 1 } };
}

function recordingFile(buffer) {
	return { buffer, contentType: 'audio/wav', sha256: sha256(buffer), bytes: buffer.length };
}

/** The answer number `n` (0-based) of a script: the last one repeats. */
export function scripted(list, n) {
	return list[Math.min(n, list.length - 1)];
}
