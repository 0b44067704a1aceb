import type { IDataObject } from 'n8n-workflow';

import { describeVendorBody } from '../../shared/http/vendorErrors';
import { signedUrlExpiry } from './signedUrl';

/**
 * What the recordings (v2) and voicemail endpoints answer: a status and, on success, a list of
 * short-lived signed file URLs. Read defensively: the voicemail list key is spelled two ways in
 * Kore.ai's own documentation, and the statuses are a documented but open set.
 */

export type MediaState = 'ready' | 'notReady' | 'unavailable' | 'unknown';

/** Statuses Kore.ai documents: what each means for a download, and in words. */
const STATUSES: Record<string, [MediaState, string]> = {
	success: ['ready', 'the files are ready to download'],
	call_in_progress: ['notReady', 'the call is still going on'],
	media_in_progress: ['notReady', 'the call has ended but the media file is still being produced'],
	media_unavailable: ['unavailable', 'the server has no media for this session'],
	failed: ['unavailable', 'Kore.ai could not produce the media for this session'],
};

export interface MediaFile {
	fileName?: string;
	fileUrl: string;
	/** When the signed URL stops working, from its `e=` parameter. */
	expiresAt?: string;
}

export interface MediaListing {
	status: string;
	state: MediaState;
	files: MediaFile[];
	/** Voicemail only: the `transcriptions` array as sent. */
	transcriptions?: unknown[];
}

const FILE_LIST_KEYS = ['recording', 'recordings', 'voicemail_recording', 'voicemail recording', 'voicemailRecording', 'voicemail', 'files'];

function fileFrom(entry: unknown): MediaFile | undefined {
	// v1 answered bare strings; keep a URL string usable rather than dropping it.
	if (typeof entry === 'string') return /^https?:\/\//i.test(entry) ? withExpiry({ fileUrl: entry }) : undefined;
	if (typeof entry !== 'object' || entry === null) return undefined;
	const obj = entry as IDataObject;
	const fileUrl = [obj.fileUrl, obj.url, obj.fileURL].find((v): v is string => typeof v === 'string' && v !== '');
	if (!fileUrl) return undefined;
	const fileName = [obj.fileName, obj.filename, obj.name].find((v): v is string => typeof v === 'string' && v !== '');
	return withExpiry(fileName ? { fileName, fileUrl } : { fileUrl });
}

function withExpiry(file: MediaFile): MediaFile {
	const expiry = signedUrlExpiry(file.fileUrl);
	return expiry ? { ...file, expiresAt: expiry.toISOString() } : file;
}

/** The listing, or what makes the answer unreadable as one. */
export function parseMediaListing(body: unknown): MediaListing | { problem: string } {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { problem: `unexpected answer: ${describeVendorBody(body) ?? 'an empty body'}` };
	}
	const obj = body as IDataObject;
	const status = typeof obj.status === 'string' ? obj.status.trim() : '';
	if (status === '') {
		// A 200 that is really an error envelope, or something else entirely.
		return { problem: `answer without a status: ${describeVendorBody(body) ?? 'no details'}` };
	}
	let files: MediaFile[] = [];
	for (const key of FILE_LIST_KEYS) {
		const list = obj[key];
		if (Array.isArray(list) && list.length > 0) {
			files = list.map(fileFrom).filter((f): f is MediaFile => f !== undefined);
			break;
		}
	}
	const listing: MediaListing = { status, state: STATUSES[status.toLowerCase()]?.[0] ?? 'unknown', files };
	if (Array.isArray(obj.transcriptions)) listing.transcriptions = obj.transcriptions as unknown[];
	return listing;
}

export function explainStatus(status: string): string {
	return STATUSES[status.toLowerCase()]?.[1] ?? `Kore.ai answered the status "${status}"`;
}
