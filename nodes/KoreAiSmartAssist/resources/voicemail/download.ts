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
import { includeRawOption, transcriptPart, voicemailTarget } from './target';

const showOnlyForDownload = { resource: ['voicemail'], operation: ['download'] };

export const voicemailDownloadDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForDownload, [includeRawOption]),
];

/** One binary item per voicemail file; each carries the session's transcript when asked for. */
export async function downloadVoicemail(this: IExecuteFunctions) {
	const run = await startKoreRun(this, 'bot');
	return await runForEachItem(this, async (itemIndex) => {
		const target = voicemailTarget(this, run, itemIndex);
		const field = binaryPropertyName(this, itemIndex);
		const wait = waitSettings(this, itemIndex);
		const onNoMedia = whenNoMedia(this, itemIndex);
		const waited = await fetchListingWhenReady(this, run, target, wait);
		const files = downloadableFiles(this, target, waited, onNoMedia);
		return await downloadMediaFiles(this, run, {
			target,
			files,
			binaryPropertyName: field,
			describe: { status: waited.listing.status, ...transcriptPart(this, target, waited) },
		});
	});
}
