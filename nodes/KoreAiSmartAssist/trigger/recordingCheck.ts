import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { filesInFields, type DownloadedFile } from '../../shared/files/binaryDownload';
import { ownError } from '../../shared/http/vendorErrors';
import { downloadMediaFiles } from '../transport/downloadMedia';
import { fetchListing, type MediaTarget } from '../transport/mediaFetch';
import { explainStatus } from '../transport/mediaListing';
import { asPollError } from '../../shared/trigger/runPoll';
import type { KoreTriggerRuns, KoreTriggerSettings } from './settings';
import { KORE } from '../vendor';

/**
 * One look at an ended call's recording: ready (downloaded into an item), not ready yet (ask
 * again on a later poll), or none to be had. Answers that say something about this one call (it
 * is unknown, its signed link is refused) are outcomes. Any other failure is thrown: the poll
 * judges it with the shared rules for failing work (nodes/shared/failedWork.ts), which fail the
 * poll only for the credential or throttling.
 */

export type RecordingOutcome =
	| { kind: 'ready'; item: INodeExecutionData }
	| { kind: 'notReady'; status: string; error?: unknown }
	| { kind: 'none'; status: string; detail?: string };

/** About this call, not the service: 400 (bad session id), 404 / 410 (gone). */
const ABOUT_THIS_CALL = new Set(['400', '404', '410']);
/** A signed link that keeps being refused may be renewed by Kore.ai later: ask again. */
const LINK_REFUSED = new Set(['401', '403', '404', '410']);

export interface SessionRef {
	sessionId: string;
	record: IDataObject;
}

/** The call as Kore.ai's call details list it, plus what the trigger knows about its recording. */
export function sessionJson(session: SessionRef, settings: KoreTriggerSettings, recording?: IDataObject): IDataObject {
	return {
		...session.record,
		sessionId: session.sessionId,
		botId: settings.botId,
		...(recording ?? {}),
		source: KORE.id,
	};
}

export function withoutRecordingItem(
	session: SessionRef,
	settings: KoreTriggerSettings,
	status: string,
	extra: IDataObject = {},
): INodeExecutionData {
	return {
		json: sessionJson(session, settings, {
			recordingStatus: status,
			recordingStatusDescription: explainStatus(status),
			...extra,
		}),
	};
}

function httpCodeOf(error: unknown): string | undefined {
	const known = ownError(error) as { httpCode?: string | null } | undefined;
	return known?.httpCode ?? undefined;
}

export async function checkRecording(
	fx: IPollFunctions,
	runs: KoreTriggerRuns,
	settings: KoreTriggerSettings,
	session: SessionRef,
): Promise<RecordingOutcome> {
	const target: MediaTarget = { kind: 'recording', botId: settings.botId, sessionId: session.sessionId, itemIndex: 0 };
	let listing;
	try {
		listing = await fetchListing(fx, runs.bot, target);
	} catch (error) {
		const code = httpCodeOf(error);
		if (code === undefined || !ABOUT_THIS_CALL.has(code)) throw asPollError(fx, error);
		return { kind: 'none', status: `http_${code}`, detail: (error as Error).message };
	}

	if (listing.state === 'notReady' || listing.state === 'unknown') return { kind: 'notReady', status: listing.status };
	if (listing.state === 'unavailable' || listing.files.length === 0) return { kind: 'none', status: listing.status };

	let files: DownloadedFile[];
	try {
		files = await downloadMediaFiles(fx, runs.bot, target, listing.files);
	} catch (error) {
		const code = httpCodeOf(error);
		// A link the media host keeps refusing (after one fresh link): Kore.ai may renew it; ask again
		// later, until Max Wait. Anything else (over the binary-store cap, a lapsed link whose fresh
		// listing lost the file, the media host failing) goes to the shared rules.
		if (code !== undefined && LINK_REFUSED.has(code)) return { kind: 'notReady', status: 'download_refused', error };
		throw asPollError(fx, error);
	}

	const { binary, described } = filesInFields(files, settings.binaryPropertyName);
	return {
		kind: 'ready',
		item: {
			json: sessionJson(session, settings, {
				recordingStatus: listing.status,
				recordingStatusDescription: explainStatus(listing.status),
				files: described,
			}),
			binary,
		},
	};
}
