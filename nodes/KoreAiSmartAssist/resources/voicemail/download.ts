import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadSessionMedia } from '../mediaDownload';
import { botOptionsProperty } from '../mediaParameters';
import { includeRawOption, transcriptPart, voicemailTarget } from './target';

const showOnlyForDownload = { resource: ['voicemail'], operation: ['download'] };

export const voicemailDownloadDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForDownload, [includeRawOption]),
];

/** One binary item per voicemail file; each carries the session's transcript when asked for. */
export async function downloadVoicemail(this: IExecuteFunctions) {
	return await downloadSessionMedia(this, voicemailTarget, (target, waited) => ({
		status: waited.listing.status,
		...transcriptPart(this, target, waited),
	}));
}
