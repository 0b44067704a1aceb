import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/itemRunner';
import { downloadMediaFiles } from '../transport/downloadMedia';
import { startKoreRun, type KoreRun } from '../transport/koreApi';
import {
	downloadableFiles,
	fetchListingWhenReady,
	type MediaTarget,
	type WaitedListing,
} from '../transport/mediaFetch';
import { binaryPropertyName, waitSettings, whenNoMedia } from './mediaParameters';

/**
 * The Download operation Recording and Voicemail share: wait for the session's listing, then
 * one binary item per file, each described by `describe` (the listing status and any extras).
 */
export async function downloadSessionMedia(
	fx: IExecuteFunctions,
	targetOf: (fx: IExecuteFunctions, run: KoreRun, itemIndex: number) => MediaTarget,
	describe: (target: MediaTarget, waited: WaitedListing) => IDataObject,
): Promise<INodeExecutionData[][]> {
	const run = await startKoreRun(fx, 'bot');
	return await runForEachItem(fx, async (itemIndex) => {
		const target = targetOf(fx, run, itemIndex);
		const field = binaryPropertyName(fx, itemIndex);
		const wait = waitSettings(fx, itemIndex);
		const onNoMedia = whenNoMedia(fx, itemIndex);
		const waited = await fetchListingWhenReady(fx, run, target, wait);
		const files = downloadableFiles(fx, target, waited, onNoMedia);
		return await downloadMediaFiles(fx, run, {
			target,
			files,
			binaryPropertyName: field,
			describe: describe(target, waited),
		});
	});
}
