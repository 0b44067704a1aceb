import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { downloadSessionMedia } from '../mediaDownload';
import { botOptionsProperty } from '../mediaParameters';
import { recordingTarget, userIdOption } from './target';

const showOnlyForDownload = { resource: ['recording'], operation: ['download'] };

export const recordingDownloadDescription: INodeProperties[] = [
	botOptionsProperty(showOnlyForDownload, [userIdOption]),
];

/** One binary item per recording file (a call may have several, e.g. per leg or merged). */
export async function downloadRecording(this: IExecuteFunctions) {
	return await downloadSessionMedia(this, recordingTarget, (_target, waited) => ({
		status: waited.listing.status,
	}));
}
