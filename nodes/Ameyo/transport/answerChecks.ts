import type { INode } from 'n8n-workflow';

import { describeLocation } from '../../shared/http/urlRules';
import { describeVendorBody, vendorApiError, vendorHttpError, type FailureContext } from '../../shared/http/vendorErrors';
import { readSmallBody } from '../../shared/http/responseBodies';
import type { AnswerVerdict, BodyStream, HttpResult } from '../../shared/http/types';
import { isTextKind, sniff, SNIFF_BYTES, VOICE_FORMATS, type VoiceFormat } from './audioFormat';
import { isPeekable, peekStream } from './peekStream';
import { scrubSecrets } from './secrets';
import { isSignedOutAnswer } from './session';

/**
 * Ameyo's answers, judged before n8n calls them a success or a failure (VendorApi.checkAnswer):
 * signed-out answers of any status, the non-standard 512, redirects, and 200s that are not the
 * recording.
 */

export interface AnswerContext extends FailureContext {
	node: INode;
	secrets: string[];
}

const NO_RETRY_512 =
	'Ameyo reports command errors (bad input, an unknown user or campaign, a missing assignment) with the non-standard status 512; trying again would not help.';

function scrubBody(answer: HttpResult<unknown>, secrets: string[]): void {
	if (typeof answer.body === 'string') answer.body = scrubSecrets(answer.body, secrets);
}

function redirectError(answer: HttpResult<unknown>, context: AnswerContext) {
	// Origin and path only: the query of a redirect can hold the session id.
	const location =
		typeof answer.headers.location === 'string' && answer.headers.location !== ''
			? describeLocation(answer.headers.location)
			: 'another address';
	return vendorApiError(
		context.node,
		{ status: answer.statusCode, location },
		{
			message: `${context.vendor}: the server redirected to ${location} (HTTP ${answer.statusCode}${context.subject ? `, ${context.subject}` : ''})`,
			description:
				'Redirects are not followed, so the session id never leaves the configured server. If the server moved, put its new address in the credential.',
			httpCode: String(answer.statusCode),
			itemIndex: context.itemIndex,
		},
	);
}

/** Checks shared by every Ameyo request; returns undefined when the answer needs a closer look. */
function commonVerdict(answer: HttpResult<unknown>, context: AnswerContext): AnswerVerdict | undefined {
	const { statusCode, headers } = answer;
	if (statusCode >= 400) {
		scrubBody(answer, context.secrets);
		if (isSignedOutAnswer(statusCode, headers, answer.body)) return 'signedOut';
		if (statusCode === 512) throw vendorHttpError(context.node, 512, answer.body, context, NO_RETRY_512);
		return 'accept';
	}
	if (statusCode >= 300) {
		if (isSignedOutAnswer(statusCode, headers, answer.body)) return 'signedOut';
		discard(answer.body);
		throw redirectError(answer, context);
	}
	return undefined;
}

/** For JSON requests (the campaign list): a 200 can still be Ameyo's invalid-token envelope. */
export function jsonAnswerCheck(context: AnswerContext) {
	return async (answer: HttpResult<unknown>): Promise<AnswerVerdict> => {
		const verdict = commonVerdict(answer, context);
		if (verdict) return verdict;
		return isSignedOutAnswer(answer.statusCode, answer.headers, answer.body) ? 'signedOut' : 'accept';
	};
}

export interface VoiceLogTarget {
	format: VoiceFormat;
	campaignId: number;
	crtObjectId: string;
	/** Filled in on success: the Content-Type the server itself sent, for the output item. */
	servedContentType?: string;
}

/**
 * For downloadVoiceLog: the status is not trusted. A 404 names the recording; a 2xx must start
 * like the requested audio, else the item fails with what came back instead. Once accepted,
 * the Content-Type is set to the verified format so the stored file is labelled correctly
 * whatever the server claimed.
 */
export function voiceLogAnswerCheck(context: AnswerContext, target: VoiceLogTarget) {
	const { label, mimeType } = VOICE_FORMATS[target.format];
	const where = `crtObjectId ${target.crtObjectId} in campaign ${target.campaignId}`;
	return async (answer: HttpResult<unknown>): Promise<AnswerVerdict> => {
		const verdict = commonVerdict(answer, context);
		if (verdict === 'accept' && answer.statusCode === 404) {
			const vendorSays = describeVendorBody(answer.body);
			throw vendorApiError(
				context.node,
				{ status: 404, message: vendorSays ?? 'not found' },
				{
					message: `${context.vendor}: no recording for ${where} (HTTP 404)`,
					description: `${vendorSays ? `The server said: ${vendorSays}. ` : ''}Check the campaign ID and the CRT object ID; recordings can also be missing when the call was not recorded or has been purged.`,
					httpCode: '404',
					itemIndex: context.itemIndex,
				},
			);
		}
		if (verdict) return verdict;

		const { head, ended } = await peekHead(answer);
		const found = sniff(head);
		if (found.kind === target.format) {
			// A body that ended within the peek is all there is: hand over the bytes themselves.
			if (ended) answer.body = head;
			const served = answer.headers['content-type'];
			target.servedContentType = typeof served === 'string' ? served : undefined;
			answer.headers['content-type'] = mimeType;
			return 'accept';
		}

		let body: unknown = head;
		if (isTextKind(found.kind)) {
			// Not audio: read what the server said instead (bounded) for the message.
			// The bytes peeked were put back, so the stream still holds the whole body.
			body = scrubSecrets(ended ? head.toString('utf8') : await readRest(answer.body), context.secrets);
			if (isSignedOutAnswer(answer.statusCode, answer.headers, body)) return 'signedOut';
		} else {
			discard(answer.body);
		}
		const vendorSays = isTextKind(found.kind) && found.kind !== 'null' ? describeVendorBody(body) : undefined;
		throw vendorApiError(
			context.node,
			{ status: answer.statusCode, found: found.kind, message: vendorSays ?? found.what },
			{
				message: `${context.vendor}: expected ${label} audio for ${where} but the server sent ${found.what} (HTTP ${answer.statusCode})`,
				description: [
					vendorSays ? `The server said: ${vendorSays}.` : undefined,
					found.kind === 'empty' || found.kind === 'null'
						? 'Older Ameyo servers answer like this when the recording is missing or not yet converted.'
						: undefined,
					'Nothing was stored.',
				]
					.filter(Boolean)
					.join(' '),
				httpCode: String(answer.statusCode),
				itemIndex: context.itemIndex,
			},
		);
	};
}

async function peekHead(answer: HttpResult<unknown>): Promise<{ head: Buffer; ended: boolean }> {
	const { body } = answer;
	if (isPeekable(body)) return await peekStream(body, SNIFF_BYTES);
	// n8n 1.x hands back a Buffer for some bodies: already whole, nothing to put back.
	if (Buffer.isBuffer(body)) return { head: body, ended: true };
	if (body === undefined || body === null || body === '') return { head: Buffer.alloc(0), ended: true };
	return { head: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), ended: true };
}

async function readRest(body: unknown): Promise<string> {
	const stream = body as BodyStream;
	return typeof stream?.[Symbol.asyncIterator] === 'function' ? await readSmallBody(stream) : '';
}

function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (typeof stream?.destroy === 'function') stream.destroy();
}
