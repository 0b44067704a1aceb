/**
 * Vonage interactions a test writes by hand (sim.vonage.setInteractions / putInteraction) instead
 * of the seeded ones, listed the way the Interaction Content search lists them:
 *   { guid, start, direction?: 'inbound' (default) | 'outbound' | 'internal', agentId?: '1342',
 *     content: [{ contentKey, type, contentType?: 'audio/wav', lastModified?,
 *       bytes?: the file (default the call WAV),
 *       answers?: [502, 200]  what its download answers, in turn (the last one repeats); 200 serves
 *         it, another status fails in the API's envelope with `errorMessage` (default the status
 *         text); default [200] }] }
 */
import { STATUS_CODES } from 'node:http';

import { sha256 } from '../media.mjs';

const DIRECTIONS = ['inbound', 'outbound', 'internal'];
const MAX_SCRIPT = 100;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function epoch(value) {
	const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value;
	if (!Number.isFinite(ms)) throw new Error('start must be a Date, an ISO date or epoch milliseconds');
	return Math.floor(ms / 1000) * 1000; // whole seconds, as `start` shows them
}

function contentEntry(c, media) {
	if (!c || typeof c.contentKey !== 'string' || c.contentKey === '' || typeof c.type !== 'string') {
		throw new Error('a content entry needs a contentKey and a type');
	}
	const answers = c.answers ?? [200];
	if (!Array.isArray(answers) || answers.length === 0 || answers.length > MAX_SCRIPT || !answers.every((s) => Number.isInteger(s) && s >= 200 && s <= 599)) {
		throw new Error(`answers must be a list of 1–${MAX_SCRIPT} HTTP statuses`);
	}
	const buffer = c.bytes === undefined ? media.callWav.buffer : Buffer.from(c.bytes);
	const contentType = c.contentType ?? 'audio/wav';
	const file = { buffer, contentType, sha256: sha256(buffer), bytes: buffer.length };
	const listing = {
		contentKey: c.contentKey,
		type: c.type,
		contentType,
		contentLength: buffer.length,
		...(c.lastModified ? { lastModified: c.lastModified } : {}),
	};
	return { key: c.contentKey, type: c.type, file, listing, answers: [...answers], errorMessage: c.errorMessage };
}

/** A hand-written interaction → the shape vonageData.mjs builds, its content with scripted answers. */
/** @param guidProblem VCC's GUID check (vonage.mjs): a written GUID must be one the API accepts */
export function vonageInteraction(x, { media, guidProblem }) {
	const problem = typeof x?.guid === 'string' ? guidProblem(x.guid) : 'an interaction needs a guid';
	if (problem) throw new Error(problem);
	const direction = x.direction ?? 'inbound';
	if (!DIRECTIONS.includes(direction)) throw new Error(`direction must be one of ${DIRECTIONS.join(', ')}`);
	const startMs = epoch(x.start);
	const contents = (x.content ?? []).map((c) => contentEntry(c, media));
	const listing = {
		guid: x.guid,
		start: iso(startMs),
		connectFrom: x.connectFrom ?? '+14155550100',
		connectTo: x.connectTo ?? '22222',
		direction,
		handlingAgents: [{ id: x.agentId ?? '1342' }],
		content: contents.map((c) => c.listing),
	};
	return { guid: x.guid, startMs, channel: 'call', listing, contents: new Map(contents.map((c) => [c.key.toLowerCase(), c])) };
}

/** The status a scripted content's download answers the n-th time (0-based), and its message. */
export function scriptedAnswer(content, n) {
	const status = content.answers[Math.min(n, content.answers.length - 1)];
	return { status, message: content.errorMessage ?? STATUS_CODES[status] ?? 'Error' };
}
