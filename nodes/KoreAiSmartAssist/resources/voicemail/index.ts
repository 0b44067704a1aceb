import type { INodeProperties } from 'n8n-workflow';

import { downloadMedia, getMedia } from '../media';

const showOnlyForVoicemail = { resource: ['voicemail'] };

export const voicemailDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForVoicemail },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download the voicemail of a call',
				description: 'Stream each voicemail file of a session into a binary item, with its transcription',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the voicemail of a call',
				description: 'The voicemail status, its files (short-lived links) and its transcription as JSON',
			},
		],
		default: 'download',
	},
];

export const voicemailOperations = {
	get: getMedia('voicemail'),
	download: downloadMedia('voicemail'),
};
