/**
 * Vonage Contact Center: token endpoint, Interaction Content API (search with continuation
 * tokens and the 7-day limit, one interaction, content downloads with Range) and, from
 * vonageAnalyzer.mjs, the Conversation Analyzer. Errors use each API's documented envelope:
 * `{ message }` here, `{ error: { code, message } }` for the Analyzer. Tests may replace the seeded
 * interactions with their own (setInteractions / putInteraction, vonageInteractions.mjs).
 */
import { createHash } from 'node:crypto';

import { fileSource, largeFileSize, largeFileSource } from '../media.mjs';
import { createVonageAnalyzer } from './vonageAnalyzer.mjs';
import { createVonageAuth } from './vonageAuth.mjs';
import { scriptedAnswer, vonageInteraction } from './vonageInteractions.mjs';

const ACCEPT_VALUES = ['application/vnd.newvoicemedia.v2+json', 'application/vnd.newvoicemedia.v3+json'];
const MISSING_VERSION = `Invalid api-version! Valid values: ${ACCEPT_VALUES.map((v) => `'${v}'`).join(', ')}`;
const INVALID_VERSION = "Invalid api-version! Valid values: 'application/vnd.newvoicemedia.v3+json'";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_KEY = /^[0-9a-zA-Z!\-_.,*'()]{1,36}$/;
const MAX_RANGE_MS = 7 * 86_400_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const DIRECTIONS = ['inbound', 'outbound', 'internal'];

/** Media types listed in an Accept header, parameters dropped. */
export function acceptedTypes(header) {
	return String(header ?? '')
		.split(',')
		.map((part) => part.split(';')[0].trim().toLowerCase())
		.filter(Boolean);
}

/** The GUID check VCC documents: length first, then UUID syntax. Returns an error message or null. */
export function guidProblem(guid) {
	if (guid.length !== 36) return 'GUID must be 36 characters in length';
	if (!GUID.test(guid)) return `GUID '${guid}' is not a valid UUID string`;
	return null;
}

function isoDate(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return NaN;
	return Date.parse(value);
}

const MAX_TRACKED = 10_000;

export function createVonage({ data, credentials, clock, stats, options, secrets, media }) {
	const auth = createVonageAuth({ credentials, clock, stats, options, secrets });
	const byGuid = new Map(data.interactions.map((x) => [x.guid.toLowerCase(), x]));
	const downloads = new Map(); // guid/contentKey → downloads answered so far (scripted content)
	const fail = (reply, status, message) => reply.json(status, { message });

	/** Bearer, then api-version: the checks every Interaction Content call makes. */
	function guard({ req, reply }) {
		const bearer = auth.checkBearer(req);
		if (bearer === 'unauthorized') return fail(reply, 401, 'Authorization has been denied for this request.');
		if (bearer === 'forbidden') return fail(reply, 403, 'The access token does not grant interaction-content:read.');
		const types = acceptedTypes(req.headers.accept);
		if (types.length === 0) return fail(reply, 400, MISSING_VERSION);
		if (!types.some((t) => ACCEPT_VALUES.includes(t))) return fail(reply, 400, INVALID_VERSION);
		return null;
	}

	/** A written or seeded interaction, or a generated benchmark one (never listed by search). */
	function findInteraction(guid) {
		const own = byGuid.get(guid.toLowerCase());
		if (own) return own; // a test's own interaction wins over the benchmark GUID scheme
		const size = largeFileSize(guid);
		if (size === undefined) return undefined;
		const lastModified = new Date(clock.start - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
		const file = { contentType: 'audio/wav', bytes: size };
		const listing = {
			guid: guid.toLowerCase(),
			start: new Date(clock.start - 3_700_000).toISOString().replace(/\.\d+Z$/, 'Z'),
			connectFrom: '+14155550100',
			connectTo: '22222',
			direction: 'inbound',
			handlingAgents: [{ id: '1342' }],
			content: [{ contentKey: 'callRecording', type: 'callRecording', contentType: 'audio/wav', contentLength: size, lastModified, properties: {} }],
		};
		const content = { key: 'callRecording', type: 'callRecording', file, source: () => largeFileSource(size) };
		return { guid, listing, contents: new Map([['callrecording', content]]), large: true };
	}

	function queryKey(query) {
		const parts = ['start', 'end', 'handlingAgentId', 'connectFrom', 'connectTo', 'direction'].map((k) => query.get(k) ?? '');
		return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 16);
	}

	function search({ reply, query }) {
		const start = isoDate(query.get('start'));
		const end = isoDate(query.get('end'));
		if (Number.isNaN(start)) return fail(reply, 400, "'start' is required and must be an ISO 8601 date-time");
		if (Number.isNaN(end)) return fail(reply, 400, "'end' is required and must be an ISO 8601 date-time");
		if (end <= start) return fail(reply, 400, "'end' must be later than 'start'");
		if (end - start > MAX_RANGE_MS) return fail(reply, 400, 'The time range between start and end must not exceed 7 days');
		const limit = query.has('limit') ? Number(query.get('limit')) : DEFAULT_LIMIT;
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
			return fail(reply, 400, `'limit' must be an integer between 1 and ${MAX_LIMIT}`);
		}
		const direction = query.get('direction');
		if (direction && !DIRECTIONS.includes(direction.toLowerCase())) {
			return fail(reply, 400, `'direction' must be one of ${DIRECTIONS.join(', ')}`);
		}
		const key = queryKey(query);
		let offset = 0;
		const token = query.get('continuationToken');
		if (token) {
			try {
				const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
				if (decoded.k !== key || !Number.isInteger(decoded.o) || decoded.o < 0) throw new Error('mismatch');
				offset = decoded.o;
			} catch {
				return fail(reply, 400, 'The continuation token is invalid or does not belong to this query');
			}
		}
		const agent = query.get('handlingAgentId');
		const from = query.get('connectFrom');
		const to = query.get('connectTo');
		const matching = data.interactions.filter(
			(x) =>
				x.startMs >= start &&
				x.startMs < end &&
				(!agent || x.listing.handlingAgents.some((a) => a.id === agent) || x.listing.content.some((c) => c.owningAgent?.id === agent)) &&
				(!from || x.listing.connectFrom.startsWith(from)) &&
				(!to || x.listing.connectTo.startsWith(to)) &&
				(!direction || x.listing.direction === direction.toLowerCase()),
		);
		// A page holds at most `limit` items; `vonagePageSize` makes the server give fewer (a token follows).
		const size = options.vonagePageSize ? Math.min(limit, options.vonagePageSize) : limit;
		const items = matching.slice(offset, offset + size).map((x) => x.listing);
		const next = offset + size < matching.length ? Buffer.from(JSON.stringify({ o: offset + size, k: key })).toString('base64url') : null;
		return reply.json(200, { items, meta: { nextContinuationToken: next } });
	}

	function getInteraction({ reply, params }) {
		const problem = guidProblem(params.guid);
		if (problem) return fail(reply, 400, problem);
		const interaction = findInteraction(params.guid);
		if (!interaction) return fail(reply, 404, `Interaction '${params.guid}' was not found`);
		return reply.json(200, interaction.listing);
	}

	function getContent({ reply, params }) {
		const problem = guidProblem(params.guid);
		if (problem) return fail(reply, 400, problem);
		if (!CONTENT_KEY.test(params.contentKey)) {
			return fail(reply, 400, "contentKey must be 1-36 characters of 0-9 a-z A-Z ! - _ . , * ' ( )");
		}
		const interaction = findInteraction(params.guid);
		if (!interaction) return fail(reply, 404, `Interaction '${params.guid}' was not found`);
		const content = interaction.contents.get(params.contentKey.toLowerCase());
		if (!content) return fail(reply, 404, `Content '${params.contentKey}' was not found for interaction '${params.guid}'`);
		if (content.answers) {
			const id = `${interaction.guid.toLowerCase()}/${content.key.toLowerCase()}`;
			const seen = downloads.get(id) ?? 0;
			if (!downloads.has(id) && downloads.size >= MAX_TRACKED) downloads.clear();
			downloads.set(id, seen + 1);
			const { status, message } = scriptedAnswer(content, seen);
			if (status !== 200) return fail(reply, status, message);
		}
		const source = content.source ? content.source() : fileSource(content.file);
		const lastModified = interaction.listing.content.find((c) => c.contentKey === content.key)?.lastModified;
		return reply.file(source, content.file.contentType, lastModified ? { 'Last-Modified': new Date(lastModified).toUTCString() } : {});
	}

	const guarded = (handler) => (r) => guard(r) ?? handler(r);
	const analyzer = createVonageAnalyzer({ data, checkBearer: auth.checkBearer });

	const routes = [
		{ method: 'POST', path: /^\/Auth\/connect\/token$/i, name: 'token', handle: auth.handleToken },
		{ method: 'GET', path: /^\/interaction-content\/interactions\/?$/, name: 'search', handle: guarded(search) },
		{ method: 'GET', path: /^\/interaction-content\/interactions\/(?<guid>[^/]+)$/, name: 'interaction', handle: guarded(getInteraction) },
		{
			method: 'GET',
			path: /^\/interaction-content\/interactions\/(?<guid>[^/]+)\/content\/(?<contentKey>[^/]+)$/,
			name: 'content',
			handle: guarded(getContent),
		},
		...analyzer.routes,
	];

	/** Error body for faults and unknown paths, in the envelope of the API the path belongs to. */
	function errorBody(status, message, path) {
		if (path.startsWith('/conversation-analyzer')) return analyzer.errorBody(status, message);
		if (/^\/Auth\//i.test(path)) return { error: status === 429 ? 'slow_down' : 'server_error', error_description: message };
		return { message };
	}

	/** A test's own interactions in place of the seeded ones: the search lists these only. */
	function setInteractions(list) {
		const written = (list ?? []).map((x) => vonageInteraction(x, { media, guidProblem }));
		data.interactions = written.sort((a, b) => a.startMs - b.startMs || a.guid.localeCompare(b.guid));
		byGuid.clear();
		for (const x of written) byGuid.set(x.guid.toLowerCase(), x);
		downloads.clear();
	}

	/** Adds an interaction, or replaces the one with its guid (new content); answers given count on. */
	function putInteraction(x) {
		const written = vonageInteraction(x, { media, guidProblem });
		const others = data.interactions.filter((y) => y.guid.toLowerCase() !== written.guid.toLowerCase());
		data.interactions = [...others, written].sort((a, b) => a.startMs - b.startMs || a.guid.localeCompare(b.guid));
		byGuid.set(written.guid.toLowerCase(), written);
	}

	return { routes, errorBody, findInteraction, setInteractions, putInteraction };
}
