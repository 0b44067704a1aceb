import type { INodeProperties } from 'n8n-workflow';

import { downloadMedia, getMedia } from '../media';

const showOnlyForRecording = { resource: ['recording'] };

export const recordingDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForRecording },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download the recording of a call',
				description: 'Stream each recording file of a session into a binary item',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the recording status of a call',
				description: 'The recording status and the list of files (short-lived links) of a session',
			},
		],
		default: 'download',
	},
];

export const recordingOperations = {
	get: getMedia('recording'),
	download: downloadMedia('recording'),
};
