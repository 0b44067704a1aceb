import {
	sleep,
	type IDataObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { encodePathSegment } from '../../shared/http/pathSegments';
import type { FileFunctions } from '../../shared/http/types';
import { vendorApiError } from '../../shared/http/vendorErrors';
import { koreJson, koreRequest, type KoreRun, type KoreScope } from './koreApi';
import { parseMediaListing, type MediaListing } from './mediaListing';
import { KORE } from '../vendor';

/**
 * The recordings (v2) and voicemail calls, and the wait for media that is still being produced.
 */

export type MediaKind = 'recording' | 'voicemail';

export interface MediaTarget {
	kind: MediaKind;
	botId: string;
	sessionId: string;
	itemIndex: number;
	/** Recordings: the documented (optional in practice) user filter. */
	userId?: string;
	/** Voicemail: ask for the transcription too. */
	transcription?: boolean;
}

const SCOPES: Record<MediaKind, KoreScope> = {
	recording: 'SmartAssist Recordings',
	voicemail: 'SmartAssist Voicemail',
};

export function describeTarget(target: MediaTarget): string {
	return `${target.kind} of session ${target.sessionId}`;
}

export function subjectOf(target: MediaTarget): string {
	return `session ${target.sessionId}, bot ${target.botId}`;
}

function listingRequest(run: KoreRun, target: MediaTarget): IHttpRequestOptions {
	const bot = encodePathSegment(target.botId);
	if (target.kind === 'voicemail') {
		return koreRequest(run, 'GET', `/api/public/bot/${bot}/voicemail`, {
			qs: { sessionId: target.sessionId, transcription: target.transcription === true ? 'true' : 'false' },
		});
	}
	const qs: IDataObject = { sessionId: target.sessionId };
	if (target.userId) qs.userId = target.userId;
	return koreRequest(run, 'GET', `/api/public/bot/${bot}/v2/recordings`, { qs });
}

/** One recordings / voicemail call, read into a listing. */
export async function fetchListing(fx: FileFunctions, run: KoreRun, target: MediaTarget): Promise<MediaListing> {
	const body = await koreJson<unknown>(fx, run, listingRequest(run, target), {
		itemIndex: target.itemIndex,
		subject: subjectOf(target),
		scope: SCOPES[target.kind],
	});
	const listing = parseMediaListing(body);
	if ('problem' in listing) {
		throw vendorApiError(fx.getNode(), { message: listing.problem }, {
			message: `${KORE.displayName}: ${listing.problem} (${subjectOf(target)})`,
			description: `The ${target.kind} API answered HTTP 200 without the documented "status" field.`,
			itemIndex: target.itemIndex,
		});
	}
	return listing;
}

export interface WaitSettings {
	enabled: boolean;
	intervalMs: number;
	maxWaitMs: number;
}

export interface WaitedListing {
	listing: MediaListing;
	polls: number;
	waitedMs: number;
	/** Still not ready when Max Wait ran out. */
	timedOut: boolean;
}

/**
 * Asks again, every interval, while the call or its media is still in progress, until Max Wait
 * is used up. Each poll is a paced request like any other, so waiting cannot break the limits.
 */
export async function fetchListingWhenReady(
	fx: FileFunctions,
	run: KoreRun,
	target: MediaTarget,
	wait: WaitSettings,
): Promise<WaitedListing> {
	const started = Date.now();
	for (let polls = 1; ; polls++) {
		const listing = await fetchListing(fx, run, target);
		const waitedMs = Date.now() - started;
		if (listing.state !== 'notReady' || !wait.enabled) return { listing, polls, waitedMs, timedOut: false };
		const remainingMs = wait.maxWaitMs - waitedMs;
		if (remainingMs <= 0) return { listing, polls, waitedMs, timedOut: true };
		await sleep(Math.min(wait.intervalMs, remainingMs));
	}
}

export type WhenNoMedia = 'error' | 'returnNothing';
