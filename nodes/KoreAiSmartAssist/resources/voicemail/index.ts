import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/properties';
import { downloadMedia, getMedia } from '../media';

export const voicemailDescription: INodeProperties[] = [
	operationProperty(
		'voicemail',
		[
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
		'download',
	),
];

export const voicemailOperations = {
	get: getMedia('voicemail'),
	download: downloadMedia('voicemail'),
};
