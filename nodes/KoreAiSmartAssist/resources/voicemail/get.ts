import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/itemRunner';
import { startKoreRun } from '../../transport/koreApi';
import { fetchListingWhenReady } from '../../transport/mediaFetch';
import { botOptionsProperty, waitSettings } from '../mediaParameters';
import { listingSummary } from '../mediaSummary';
import { includeRawOption, transcriptPart, voicemailTarget } from './target';

const showOnlyForGet = { resource: ['voicemail'], operation: ['get'] };

export const voicemailGetDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForGet, [includeRawOption]),
];

export async function getVoicemail(this: IExecuteFunctions) {
	const run = await startKoreRun(this, 'bot');
	return await runForEachItem(this, async (itemIndex) => {
		const target = voicemailTarget(this, run, itemIndex);
		const waited = await fetchListingWhenReady(this, run, target, waitSettings(this, itemIndex));
		return [{ json: { ...listingSummary(target, waited), ...transcriptPart(this, target, waited) } }];
	});
}
