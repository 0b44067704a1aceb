import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { perItemOperation } from '../../shared/node/operation';
import { operationProperty, outputFileField } from '../../shared/node/properties';
import { fileItem } from '../../shared/files/binaryDownload';
import { redactOption, sealRedacted, textFormatOption, transcriptChoice, transcriptOutput } from '../../shared/transcripts/output';
import { downloadMediaFiles } from '../transport/downloadMedia';
import { startKoreBotRun, type KoreRun } from '../transport/koreApi';
import {
	describeTarget,
	fetchListingWhenReady,
	type MediaKind,
	type MediaTarget,
	type WaitedListing,
	type WhenNoMedia,
} from '../transport/mediaFetch';
import { explainStatus, type MediaFile } from '../transport/mediaListing';
import { KORE } from '../vendor';
import {
	binaryPropertyName,
	botOptionsProperty,
	sessionProperties,
	waitProperties,
	waitSettings,
	whenNoMedia,
	whenNoMediaProperty,
} from './mediaSettings';
import { botIdParameter, optionalUserId, sessionIdParameter } from './idReaders';
import { voicemailTranscript } from './voicemail/voicemailTranscript';

/**
 * Recording and Voicemail are one flow: a session's listing (waited for when asked), reported by
 * Get or streamed file by file by Download. Only the target (which API, recording's user filter,
 * voicemail's transcription) and voicemail's transcript differ.
 */

const userIdOption: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	placeholder: 'jane.doe@example.com',
	description:
		'The user of the conversation (e-mail or enterprise ID); Kore.ai lists it as a filter for recordings, most accounts do not need it',
};

const includeRawOption: INodeProperties = {
	displayName: 'Include Raw Transcription',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to keep Kore.ai\'s original transcription entries in the transcript\'s "raw" field',
};

const voicemailTranscriptionProperty: INodeProperties = {
	displayName: 'Include Transcription',
	name: 'transcription',
	type: 'boolean',
	default: true,
	description: 'Whether to ask Kore.ai for the transcription too, given in the shared transcript shape',
	displayOptions: { show: { resource: ['voicemail'] } },
};

const showForMedia = { resource: ['recording', 'voicemail'] };
const showForMediaDownload = { resource: ['recording', 'voicemail'], operation: ['download'] };
const EXTRA_OPTIONS: Record<MediaKind, INodeProperties[]> = { recording: [userIdOption], voicemail: [includeRawOption, redactOption, textFormatOption] };

/** Recording's and Voicemail's Operation: the same two operations, each in its resource's words. */
function mediaOperation(kind: MediaKind, download: string, get: { action: string; description: string }): INodeProperties {
	return operationProperty(
		kind,
		[
			{ name: 'Download', value: 'download', action: `Download the ${kind} of a call`, description: download },
			{ name: 'Get', value: 'get', ...get },
		],
		'download',
	);
}

/** Both resources' Operation, the parameters they share in this order, then each operation's options. */
export const mediaDescription: INodeProperties[] = [
	mediaOperation('recording', 'Stream each recording file of a session into a binary item', {
		action: 'Get the recording status of a call',
		description: 'The recording status and the list of files (short-lived links) of a session',
	}),
	mediaOperation('voicemail', 'Stream each voicemail file of a session into a binary item, with its transcription', {
		action: 'Get the voicemail of a call',
		description: 'The voicemail status, its files (short-lived links) and its transcription as JSON',
	}),
	...sessionProperties(showForMedia),
	voicemailTranscriptionProperty,
	// A session may have several files (per leg, merged).
	outputFileField(showForMediaDownload, 'each file'),
	...waitProperties(showForMedia),
	whenNoMediaProperty(showForMediaDownload),
	...(['recording', 'voicemail'] as const).flatMap((resource) =>
		['get', 'download'].map((operation) => botOptionsProperty({ resource: [resource], operation: [operation] }, EXTRA_OPTIONS[resource])),
	),
];

/** Which recording or voicemail an item asks for, validated before any request. */
function mediaTarget(fx: IExecuteFunctions, kind: MediaKind, run: KoreRun, itemIndex: number): MediaTarget {
	const botId = botIdParameter(fx, run, itemIndex);
	const sessionId = sessionIdParameter(fx, itemIndex);
	if (kind === 'voicemail') {
		const transcription = fx.getNodeParameter('transcription', itemIndex, true) === true;
		return { kind, botId, sessionId, itemIndex, transcription };
	}
	const { userId } = fx.getNodeParameter('options', itemIndex, {}) as { userId?: string };
	return { kind, botId, sessionId, itemIndex, userId: optionalUserId(fx, userId, itemIndex) };
}

/** `{ transcript }` in the shared shape when the transcription was asked for, else nothing. */
function transcriptPart(fx: IExecuteFunctions, target: MediaTarget, waited: WaitedListing): IDataObject {
	if (!target.transcription) return {};
	const { includeRaw } = fx.getNodeParameter('options', target.itemIndex, {}) as { includeRaw?: boolean };
	const transcript = voicemailTranscript(target.sessionId, waited.listing.transcriptions ?? [], includeRaw === true);
	return { transcript: transcriptOutput(transcript, transcriptChoice(fx, target.itemIndex)) };
}

/** A voicemail item with Redact on is checked whole: file names and vendor fields as well as the transcript. */
function sealVoicemail(fx: IExecuteFunctions, target: MediaTarget, json: IDataObject): IDataObject {
	if (target.kind !== 'voicemail') return json;
	return sealRedacted(json, transcriptChoice(fx, target.itemIndex), [target.sessionId, target.botId]);
}

/** The JSON Get returns: the status in Kore.ai's words and ours, and the file list. */
function listingSummary(target: MediaTarget, waited: WaitedListing): IDataObject {
	const { listing } = waited;
	const summary: IDataObject = {
		sessionId: target.sessionId,
		botId: target.botId,
		kind: target.kind,
		status: listing.status,
		ready: listing.state === 'ready' && listing.files.length > 0,
		statusDescription: explainStatus(listing.status),
		// The links are short-lived bearer URLs: use them at once, or download with this node.
		files: listing.files.map((file) => ({ ...file })),
	};
	if (waited.polls > 1) {
		summary.polls = waited.polls;
		summary.waitedSeconds = Math.round(waited.waitedMs / 1000);
	}
	return summary;
}

/**
 * The files to download, or why there are none: not ready (with or without waiting), nothing
 * available (an error or an empty result, as the user chose), or a status nobody documented.
 */
function downloadableFiles(fx: IExecuteFunctions, target: MediaTarget, waited: WaitedListing, onNoMedia: WhenNoMedia): MediaFile[] {
	const { listing } = waited;
	const node = fx.getNode();
	const what = describeTarget(target);
	const status = `${listing.status}: ${explainStatus(listing.status)}`;
	const { itemIndex } = target;

	if (listing.state === 'ready' && listing.files.length > 0) return listing.files;

	if (listing.state === 'notReady') {
		if (waited.timedOut) {
			throw new NodeOperationError(
				node,
				`${KORE.displayName}: the ${what} is still not ready after waiting ${Math.round(waited.waitedMs / 1000)} s (${status})`,
				{ itemIndex, description: `Asked ${waited.polls} times. Raise "Max Wait" or run the workflow again later.` },
			);
		}
		throw new NodeOperationError(node, `${KORE.displayName}: the ${what} is not ready yet (${status})`, {
			itemIndex,
			description: 'Turn on "Wait for Media" to wait for it, or run the workflow again later.',
		});
	}

	if (listing.state === 'unavailable' || listing.state === 'ready') {
		if (onNoMedia === 'returnNothing') return [];
		const why = listing.state === 'ready' ? `${listing.status}, but the list of files was empty` : status;
		throw new NodeOperationError(node, `${KORE.displayName}: no ${target.kind} is available for session ${target.sessionId} (${why})`, {
			itemIndex,
			description: 'Set "When No Media" to "Return Nothing" to skip such sessions without an error.',
		});
	}

	throw new NodeOperationError(
		node,
		`${KORE.displayName}: unexpected status "${listing.status}" for the ${what}`,
		{ itemIndex, description: 'Kore.ai documents success, call_in_progress, media_in_progress, media_unavailable and failed.' },
	);
}

/** Get: the status and the signed file links, whatever the status is; Get reports, it does not judge. */
function getMedia(kind: MediaKind) {
	return perItemOperation(startKoreBotRun, async (fx, run, itemIndex) => {
		const target = mediaTarget(fx, kind, run, itemIndex);
		const waited = await fetchListingWhenReady(fx, run, target, waitSettings(fx, itemIndex));
		return [{ json: sealVoicemail(fx, target, { ...listingSummary(target, waited), ...transcriptPart(fx, target, waited) }) }];
	});
}

/**
 * Download: one binary item per file (a call may have several recordings, e.g. per leg or
 * merged); voicemail items carry the session's transcript when asked for.
 */
function downloadMedia(kind: MediaKind) {
	return perItemOperation(startKoreBotRun, async (fx, run, itemIndex) => {
		const target = mediaTarget(fx, kind, run, itemIndex);
		const field = binaryPropertyName(fx, itemIndex);
		const wait = waitSettings(fx, itemIndex);
		const onNoMedia = whenNoMedia(fx, itemIndex);
		const waited = await fetchListingWhenReady(fx, run, target, wait);
		const files = downloadableFiles(fx, target, waited, onNoMedia);
		const describe = { status: waited.listing.status, ...transcriptPart(fx, target, waited) };
		const stored = await downloadMediaFiles(fx, run, target, files);
		const about = { sessionId: target.sessionId, botId: target.botId, kind: target.kind, ...describe };
		return stored.map((file, fileIndex) => {
			const item = fileItem(file, field, { ...about, fileIndex, fileCount: stored.length }, KORE.id);
			return { ...item, json: sealVoicemail(fx, target, item.json) };
		});
	});
}

/** Get and Download of Recording or Voicemail, as the node's custom operations. */
export function mediaOperations(kind: MediaKind) {
	return { get: getMedia(kind), download: downloadMedia(kind) };
}
