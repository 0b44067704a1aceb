import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { contentDownloadBinaryDescription, downloadBinaryContent } from './downloadBinary';
import { contentGetPlainTextDescription, getPlainText } from './getPlainText';
import { contentGetStructuredTextDescription, getStructuredText } from './getStructuredText';

const showOnlyForContent = { resource: ['content'] };

export const contentDescription: INodeProperties[] = [
	operationProperty(
		'content',
		[
			{
				name: 'Download Binary Content',
				value: 'downloadBinary',
				action: 'Download the binary content of an interaction',
				description: 'Stream the binary content (attachment, file) of an interaction into a binary field',
			},
			{
				name: 'Get Plain Text',
				value: 'getPlainText',
				action: 'Get the plain text of an interaction',
				description: 'The plain text of an interaction, e.g. the body of an e-mail',
			},
			{
				name: 'Get Structured Text',
				value: 'getStructuredText',
				action: 'Get the structured text of an interaction',
				description: 'The structured text (a chat transcript) as JSON in the shared transcript shape',
			},
		],
		'getStructuredText',
	),
	{
		displayName: 'Interaction ID',
		name: 'interactionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '00001a57JGQ00BW8',
		description: 'The interaction the content belongs to (from Interaction → Get Many)',
		displayOptions: { show: showOnlyForContent },
	},
	...contentGetPlainTextDescription,
	...contentGetStructuredTextDescription,
	...contentDownloadBinaryDescription,
];

export const contentOperations = {
	getPlainText,
	getStructuredText,
	downloadBinary: downloadBinaryContent,
};
