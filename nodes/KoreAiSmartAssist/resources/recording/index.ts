import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/properties';
import { downloadMedia, getMedia } from '../media';

export const recordingDescription: INodeProperties[] = [
	operationProperty(
		'recording',
		[
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
		'download',
	),
];

export const recordingOperations = {
	get: getMedia('recording'),
	download: downloadMedia('recording'),
};
