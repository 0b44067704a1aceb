import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { interactionGuidProperty } from '../../properties';
import { contentDownloadDescription, downloadContent } from './download';
import { contentDownloadAllDescription, downloadAllContent } from './downloadAll';
import { contentGetTranscriptDescription, getTranscript } from './getTranscript';

const showOnlyForContent = { resource: ['content'] };

export const contentDescription: INodeProperties[] = [
	operationProperty(
		'content',
		[
			{
				name: 'Download',
				value: 'download',
				action: 'Download a content file',
				description: 'Stream one recording, transcript, voicemail, screen recording or attachment into a binary field',
			},
			{
				name: 'Download All',
				value: 'downloadAll',
				action: 'Download all content files of an interaction',
				description: 'One binary item per content file of the interaction, optionally only some types',
			},
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				action: 'Get a transcript',
				description: 'A call or chat transcript as JSON in the shared transcript shape',
			},
		],
		'download',
	),
	interactionGuidProperty(showOnlyForContent, 'The interaction the content belongs to (from Interaction → Search or a trigger)'),
	...contentDownloadDescription,
	...contentDownloadAllDescription,
	...contentGetTranscriptDescription,
];

export const contentOperations = {
	download: downloadContent,
	downloadAll: downloadAllContent,
	getTranscript,
};
