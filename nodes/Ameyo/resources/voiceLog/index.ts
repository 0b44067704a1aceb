import type { INodeProperties } from 'n8n-workflow';

import { downloadVoiceLog, voiceLogDownloadDescription } from './download';

const showOnlyForVoiceLog = { resource: ['voiceLog'] };

export const voiceLogDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForVoiceLog },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download a voice log',
				description: 'Stream the recording of one call into a binary field, as MP3 or WAV',
			},
		],
		default: 'download',
	},
	...voiceLogDownloadDescription,
];

export const voiceLogOperations = {
	download: downloadVoiceLog,
};
