import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/itemRunner';
import { downloadMediaFiles } from '../../transport/downloadMedia';
import { startKoreRun } from '../../transport/koreApi';
import { downloadableFiles, fetchListingWhenReady } from '../../transport/mediaFetch';
import {
	binaryPropertyName,
	botOptionsProperty,
	waitSettings,
	whenNoMedia,
} from '../mediaParameters';
import { recordingTarget, userIdOption } from './target';

const showOnlyForDownload = { resource: ['recording'], operation: ['download'] };

export const recordingDownloadDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForDownload, [userIdOption]),
];

/** One binary item per recording file (a call may have several, e.g. per leg or merged). */
export async function downloadRecording(this: IExecuteFunctions) {
	const run = await startKoreRun(this, 'bot');
	return await runForEachItem(this, async (itemIndex) => {
		const target = recordingTarget(this, run, itemIndex);
		const field = binaryPropertyName(this, itemIndex);
		const wait = waitSettings(this, itemIndex);
		const onNoMedia = whenNoMedia(this, itemIndex);
		const waited = await fetchListingWhenReady(this, run, target, wait);
		const files = downloadableFiles(this, target, waited, onNoMedia);
		return await downloadMediaFiles(this, run, {
			target,
			files,
			binaryPropertyName: field,
			describe: { status: waited.listing.status },
		});
	});
}
