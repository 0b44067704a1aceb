import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/itemRunner';
import { startKoreRun } from '../../transport/koreApi';
import { fetchListingWhenReady } from '../../transport/mediaFetch';
import { botOptionsProperty, waitSettings } from '../mediaParameters';
import { listingSummary } from '../mediaSummary';
import { recordingTarget, userIdOption } from './target';

const showOnlyForGet = { resource: ['recording'], operation: ['get'] };

export const recordingGetDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForGet, [userIdOption]),
];

/** The status and the signed file links, whatever the status is: Get reports, it does not judge. */
export async function getRecording(this: IExecuteFunctions) {
	const run = await startKoreRun(this, 'bot');
	return await runForEachItem(this, async (itemIndex) => {
		const target = recordingTarget(this, run, itemIndex);
		const waited = await fetchListingWhenReady(this, run, target, waitSettings(this, itemIndex));
		return [{ json: listingSummary(target, waited) }];
	});
}
