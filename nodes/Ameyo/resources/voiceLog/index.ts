import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { downloadVoiceLog, voiceLogDownloadDescription } from './download';

export const voiceLogDescription: INodeProperties[] = [
	operationProperty(
		'voiceLog',
		[
			{
				name: 'Download',
				value: 'download',
				action: 'Download a voice log',
				description: 'Stream the recording of one call into a binary field, as MP3 or WAV',
			},
		],
		'download',
	),
	...voiceLogDownloadDescription,
];

export const voiceLogOperations = {
	download: downloadVoiceLog,
};
