/**
 * A stand-in for VCC's Interaction Content API, on nock, with the rules the real API enforces:
 * the search selects interactions by their start, in [start, end), over at most 7 days (a longer
 * range is a 400), pages with a continuation token that is only valid for the query it came from,
 * and filters by direction and handling agent; each interaction lists its content (call
 * recording, transcripts…), downloaded one file per request; a client-credentials token endpoint
 * signs them. README.md's "Vonage Contact Center" section says what the node makes of it. Tests change `interactions`
 * between polls the way VCC's data changes between a trigger's polls.
 */
import nock from 'nock';

import { ACCEPT, API, AUTH } from './fixtures';

export interface FakeContent {
	contentKey: string;
	type: string;
	contentType?: string;
	lastModified?: string;
	/** The file's bytes; default: a few bytes naming the content. */
	body?: Buffer;
	/** Answer this status for the file instead of the bytes. */
	status?: number;
	/** Statuses answered for the file, one per download, before the bytes are served. */
	failures?: number[];
	/** The error body's message, for a status or failure (default "failure <status>"). */
	errorMessage?: string;
}

export interface FakeInteraction {
	guid: string;
	start: Date;
	direction?: string;
	agentId?: string;
	content: FakeContent[];
}

export interface SearchRequest {
	start: string;
	end: string;
	limit: number;
	continuationToken?: string;
	direction?: string;
	handlingAgentId?: string;
}

const MAX_RANGE_MS = 7 * 86_400_000;

function listing(x: FakeInteraction) {
	return {
		guid: x.guid,
		start: x.start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		connectFrom: '+14155550100',
		connectTo: '22222',
		direction: x.direction ?? 'inbound',
		handlingAgents: [{ id: x.agentId ?? '1342' }],
		content: x.content.map((c) => ({
			contentKey: c.contentKey,
			type: c.type,
			contentType: c.contentType ?? 'audio/wav',
			contentLength: (c.body ?? fileBytes(x.guid, c.contentKey)).length,
			...(c.lastModified ? { lastModified: c.lastModified } : {}),
		})),
	};
}

export function fileBytes(guid: string, contentKey: string): Buffer {
	return Buffer.from(`RIFF-${guid}-${contentKey}`);
}

export class FakeVonage {
	interactions: FakeInteraction[] = [];

	readonly searches: SearchRequest[] = [];

	readonly downloads: string[] = [];

	/** Items per page the server gives at most, whatever `limit` asks (to exercise tokens). */
	serverPageSize = 1000;

	/** Statuses the next searches answer instead of results, in order. */
	searchFailures: Array<{ status: number; body?: unknown; headers?: Record<string, string> }> = [];

	tokensIssued = 0;

	/** While set, every download answers this status: the content service is down. */
	downloadOutage: number | undefined;

	/** Called on every download, e.g. to let the clock run as a large file would. */
	onDownload: () => void = () => {};

	install(): void {
		nock(AUTH)
			.persist()
			.post('/Auth/connect/token')
			.reply(() => {
				this.tokensIssued++;
				return [200, { access_token: 'token-1', expires_in: 7200, token_type: 'Bearer' }];
			});
		const api = nock(API, { reqheaders: { accept: ACCEPT, authorization: 'Bearer token-1' } }).persist();
		api.get('/interaction-content/interactions').query(true).reply((uri) => this.search(uri));
		api
			.get(/^\/interaction-content\/interactions\/[^/]+\/content\/[^/]+$/)
			.reply((uri) => this.content(uri));
	}

	private search(uri: string): [number, unknown, Record<string, string>?] {
		const query = new URL(uri, API).searchParams;
		const request: SearchRequest = {
			start: query.get('start') ?? '',
			end: query.get('end') ?? '',
			limit: Number(query.get('limit') ?? 100),
			...(query.get('continuationToken') ? { continuationToken: query.get('continuationToken') as string } : {}),
			...(query.get('direction') ? { direction: query.get('direction') as string } : {}),
			...(query.get('handlingAgentId') ? { handlingAgentId: query.get('handlingAgentId') as string } : {}),
		};
		this.searches.push(request);
		const failure = this.searchFailures.shift();
		if (failure) return [failure.status, failure.body ?? { message: `failure ${failure.status}` }, failure.headers];
		const start = Date.parse(request.start);
		const end = Date.parse(request.end);
		if (!(end > start)) return [400, { message: "'end' must be later than 'start'" }];
		if (end - start > MAX_RANGE_MS) return [400, { message: 'The time range between start and end must not exceed 7 days' }];
		if (!(request.limit >= 1 && request.limit <= 1000)) return [400, { message: "'limit' must be an integer between 1 and 1000" }];
		const key = `${request.start}|${request.end}|${request.direction ?? ''}|${request.handlingAgentId ?? ''}`;
		let offset = 0;
		if (request.continuationToken) {
			const [tokenKey, tokenOffset] = Buffer.from(request.continuationToken, 'base64url').toString().split('#');
			if (tokenKey !== key) return [400, { message: 'The continuation token does not belong to this query' }];
			offset = Number(tokenOffset);
		}
		const matching = this.interactions
			.filter((x) => x.content.length > 0)
			.filter((x) => x.start.getTime() >= start && x.start.getTime() < end)
			.filter((x) => !request.direction || (x.direction ?? 'inbound') === request.direction)
			.filter((x) => !request.handlingAgentId || (x.agentId ?? '1342') === request.handlingAgentId)
			// The API does not promise an order: newest first here, so the trigger must sort.
			.sort((a, b) => b.start.getTime() - a.start.getTime());
		const size = Math.min(request.limit, this.serverPageSize);
		const page = matching.slice(offset, offset + size);
		const next = offset + size < matching.length ? Buffer.from(`${key}#${offset + size}`).toString('base64url') : null;
		return [200, { items: page.map(listing), meta: { nextContinuationToken: next } }];
	}

	private content(uri: string): [number, unknown, Record<string, string>?] {
		const match = /\/interactions\/([^/]+)\/content\/([^/?]+)/.exec(uri);
		const guid = decodeURIComponent(match?.[1] ?? '');
		const contentKey = decodeURIComponent(match?.[2] ?? '');
		this.downloads.push(`${guid}/${contentKey}`);
		this.onDownload();
		if (this.downloadOutage) return [this.downloadOutage, { message: 'Service Unavailable' }];
		const file = this.interactions.find((x) => x.guid === guid)?.content.find((c) => c.contentKey === contentKey);
		if (!file) return [404, { message: `Content '${contentKey}' was not found for interaction '${guid}'` }];
		const status = file.failures?.shift() ?? file.status;
		if (status) return [status, { message: file.errorMessage ?? `failure ${status}` }];
		const body = file.body ?? fileBytes(guid, contentKey);
		return [200, body, { 'Content-Type': file.contentType ?? 'audio/wav', 'Content-Length': String(body.length) }];
	}
}
