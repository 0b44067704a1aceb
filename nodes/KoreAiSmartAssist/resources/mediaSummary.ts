import type { IDataObject } from 'n8n-workflow';

import type { MediaTarget, WaitedListing } from '../transport/mediaFetch';
import { explainStatus } from '../transport/mediaListing';

/** The JSON a Get operation returns: the status in Kore.ai's words and ours, and the file list. */
export function listingSummary(target: MediaTarget, waited: WaitedListing): IDataObject {
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
