/**
 * A stand-in for the two Kore.ai SmartAssist APIs the trigger uses, on nock, with the rules the
 * real ones enforce: analytics call details (a POST whose dates are UTC wall-clock times with an
 * inclusive end, over at most 7 days; `limit` at most 100; `offset` a page number, at most 10;
 * a channel filter) and recordings v2 (a status per session, e.g. call_in_progress or
 * media_in_progress, and when ready signed media links on another host, which refuses
 * credentials: a link carries its own signature and expiry). README.md's "Kore.ai SmartAssist"
 * section says what the node makes of them. Tests change calls and
 * recording statuses between polls the way Kore.ai's data changes between a trigger's polls.
 */
import nock from 'nock';

import { api, BOT, CALL_DETAILS_PATH, media, MEDIA, RECORDINGS_PATH, signedUrl, wav } from './fixtures';

export interface FakeCall {
	sessionId: string;
	start: Date;
	/** No end: the call is still going on. */
	end?: Date;
	channel?: string;
	/** Recording statuses answered in turn (the last one repeats); default success. */
	recording?: string[];
	/** Statuses the media host answers for the recording in turn (the last one repeats); 200 serves it. */
	media?: number[];
}

export interface CallDetailsRequest {
	startDate: string;
	endDate: string;
	timeZoneOffset: number;
	channels?: string[];
	offset: number;
	limit: number;
	accountId?: string;
	iId?: string;
}

const MAX_RANGE_MS = 7 * 86_400_000;
const wall = (date: Date) => date.toISOString().slice(0, 19);

function utc(text: string): number {
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}

export function recordingBytes(sessionId: string): Buffer {
	return Buffer.concat([wav, Buffer.from(sessionId)]);
}

export class FakeKore {
	calls: FakeCall[] = [];

	readonly callDetails: CallDetailsRequest[] = [];

	readonly recordingChecks: string[] = [];

	readonly mediaFetches: string[] = [];

	/** Statuses the next call-details requests answer instead of results, in order. */
	callDetailsFailures: Array<{ status: number; body?: unknown }> = [];

	/** Called on every media download, e.g. to let the clock run as a large file would. */
	onMediaFetch: () => void = () => {};

	install(): void {
		const scope = api().persist();
		const answer = (uri: string, body: Record<string, unknown>, headers: Record<string, string | string[] | undefined>) =>
			this.callDetailsAnswer(uri, body, headers);
		scope.post(CALL_DETAILS_PATH).query(true).reply(function (this: nock.ReplyFnContext, uri, body) {
			return answer(uri, body as Record<string, unknown>, this.req.headers);
		});
		scope.get(RECORDINGS_PATH).query(true).reply((uri) => this.recordingAnswer(uri));
		media()
			.persist()
			.get(/^\/getMediaStream\/[^/?]+\.wav$/)
			.query(true)
			.reply((uri) => {
				const sessionId = decodeURIComponent(/getMediaStream\/([^/?]+)\.wav/.exec(uri)?.[1] ?? '');
				this.mediaFetches.push(sessionId);
				this.onMediaFetch();
				const answers = this.calls.find((c) => c.sessionId === sessionId)?.media ?? [200];
				const status = answers.length > 1 ? (answers.shift() as number) : answers[0];
				if (status !== 200) return [status, `<html><title>media host ${status}</title></html>`, { 'Content-Type': 'text/html' }];
				const bytes = recordingBytes(sessionId);
				return [200, bytes, { 'Content-Type': 'audio/wav', 'Content-Length': String(bytes.length) }];
			});
	}

	callDetailsAnswer(uri: string, body: Record<string, unknown>, headers: Record<string, string | string[] | undefined>): [number, unknown] {
		const query = new URL(uri, 'https://platform.kore.ai').searchParams;
		const request: CallDetailsRequest = {
			startDate: String(body.startDate),
			endDate: String(body.endDate),
			timeZoneOffset: Number(body.timeZoneOffset),
			channels: body.channels as string[] | undefined,
			offset: Number(query.get('offset') ?? 0),
			limit: Number(query.get('limit') ?? 100),
			accountId: headers.accountid as string | undefined,
			iId: headers.iid as string | undefined,
		};
		this.callDetails.push(request);
		const failure = this.callDetailsFailures.shift();
		if (failure) return [failure.status, failure.body ?? { errors: [{ msg: `failure ${failure.status}` }] }];
		if (request.timeZoneOffset !== 0) return [400, { errors: [{ msg: 'this fake only speaks UTC' }] }];
		const from = utc(request.startDate);
		const to = utc(request.endDate);
		if (Number.isNaN(from) || Number.isNaN(to) || to < from) return [400, { errors: [{ msg: 'bad dates' }] }];
		if (to - from > MAX_RANGE_MS) return [400, { errors: [{ msg: "The days' range can't be more than seven days" }] }];
		if (!(request.limit >= 1 && request.limit <= 100)) return [400, { errors: [{ msg: 'limit must be between 1 and 100' }] }];
		if (!(request.offset >= 0 && request.offset <= 10)) return [400, { errors: [{ msg: 'offset must be between 0 and 10' }] }];
		const wantVoice = (request.channels ?? []).map((c) => c.toLowerCase()).includes('voice');
		const matching = this.calls
			.filter((c) => c.start.getTime() >= from && c.start.getTime() <= to + 999)
			.filter((c) => !wantVoice || (c.channel ?? 'Voice') === 'Voice');
		const data = matching.slice(request.offset * request.limit, (request.offset + 1) * request.limit).map((c) => ({
			conversationId: `c-${c.sessionId}`,
			sessionId: c.sessionId,
			channel: c.channel ?? 'Voice',
			Direction: 'Inbound',
			botId: BOT,
			finalStatus: c.end ? 'CLOSED' : 'ACTIVE',
			sessionStartTime: wall(c.start),
			...(c.end ? { sessionEndTime: wall(c.end) } : {}),
		}));
		return [200, { numResults: data.length, data }];
	}

	private recordingAnswer(uri: string): [number, unknown] {
		const sessionId = new URL(uri, 'https://platform.kore.ai').searchParams.get('sessionId') ?? '';
		this.recordingChecks.push(sessionId);
		const call = this.calls.find((c) => c.sessionId === sessionId);
		const answers = call?.recording ?? ['success'];
		const status = answers.length > 1 ? (answers.shift() as string) : answers[0];
		if (status.startsWith('http_')) return [Number(status.slice(5)), { errors: [{ msg: `failure ${status}` }] }];
		if (status !== 'success') return [200, { status }];
		return [
			200,
			{ status, recording: [{ fileName: `${sessionId}-merged.wav`, fileUrl: signedUrl(`/getMediaStream/${sessionId}.wav`) }] },
		];
	}
}

export { MEDIA };
