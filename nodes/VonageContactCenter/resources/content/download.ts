import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection, outputFileField } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { startVonageRun, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';
import {
	contentKeyParameter,
	downloadContentFile,
	interactionGuidParameter,
	NAMED_CONTENT_KEYS,
} from './contentFile';

const showOnlyForDownload = { resource: ['content'], operation: ['download'] };

export const contentDownloadDescription: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'contentKey',
		type: 'options',
		options: NAMED_CONTENT_KEYS,
		default: 'callRecording',
		displayOptions: { show: showOnlyForDownload },
	},
	{
		displayName: 'Content ID',
		name: 'contentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '017f2106-ff1b-8d35-89e5-1e01b327a159',
		description: 'The contentKey of the file in the interaction\'s content list (Interaction → Get)',
		displayOptions: { show: { ...showOnlyForDownload, contentKey: ['contentId'] } },
	},
	outputFileField(showOnlyForDownload),
	optionsCollection(showOnlyForDownload, [
		{
			displayName: 'Byte Range',
			name: 'byteRange',
			type: 'string',
			default: '',
			placeholder: '0-1048575',
			description:
				'Only this part of the file, as first-last byte (inclusive) or first- for the rest',
		},
		...requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	]),
];

const BYTE_RANGE = /^(\d+)-(\d*)$/;

function byteRangeOption(fx: IExecuteFunctions, itemIndex: number): string | undefined {
	const { byteRange } = fx.getNodeParameter('options', itemIndex, {}) as { byteRange?: string };
	const text = (byteRange ?? '').replace(/^bytes=/, '').trim();
	if (text === '') return undefined;
	const match = BYTE_RANGE.exec(text);
	if (!match || (match[2] !== '' && Number(match[2]) < Number(match[1]))) {
		throw new NodeOperationError(fx.getNode(), `Byte range "${text}" is not valid`, {
			itemIndex,
			description: 'Use first-last such as 0-1023, or first- such as 1048576-',
		});
	}
	return text;
}

export const downloadContent = perItemOperation(startVonageRun, async (fx, run, itemIndex) => {
	const guid = interactionGuidParameter(fx, itemIndex);
	const contentKey = contentKeyParameter(fx, itemIndex);
	const range = byteRangeOption(fx, itemIndex);
	const binaryPropertyName = fx.getNodeParameter('binaryPropertyName', itemIndex) as string;
	return [await downloadContentFile(fx, run, { guid, contentKey, binaryPropertyName, itemIndex, range })];
});
