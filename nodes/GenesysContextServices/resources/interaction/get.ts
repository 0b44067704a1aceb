import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { plainTextOutput, redactionLevel, sealRedacted } from '../../../shared/transcripts/output';
import {
	assertOnConfiguredServer,
	genesysGet,
	getJson,
	GENESYS_REQUESTS_PER_MINUTE,
	interactionPath,
	startGenesysRun,
	type GenesysRun,
} from '../../transport/genesysApi';
import { assertGenesysId } from '../../transport/ids';
import { normaliseInteraction } from '../../transport/interactionResource';
import {
	CONTENT_KINDS,
	fetchBinaryContent,
	fetchPlainText,
	fetchStructuredText,
	structuredTextOutput,
	structuredTextTranscript,
	type ContentKind,
	type TranscriptOptions,
} from '../content/contentFetch';
import { transcriptOptions } from '../content/getStructuredText';
import { readInteraction } from './interactionAnswer';

const showOnlyForInteractionGet = { resource: ['interaction'], operation: ['get'] };

export const interactionGetDescription: INodeProperties[] = [
	{
		displayName: 'Interaction ID',
		name: 'interactionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '00001a57JGQ00BW8',
		description: 'The Genesys interaction ID',
		displayOptions: { show: showOnlyForInteractionGet },
	},
	{
		displayName: 'Include Content',
		name: 'includeContent',
		type: 'multiOptions',
		options: [
			{ name: 'Binary Content', value: 'binaryContent', description: 'Into a binary field of the item' },
			{ name: 'Plain Text', value: 'plainText', description: 'As plainText' },
			{
				name: 'Structured Text',
				value: 'structuredText',
				description: 'As transcript, in the shared transcript shape',
			},
		],
		default: [],
		description:
			'Content to fetch by following the URLs in the interaction. Only URLs on the server of the credential are followed.',
		displayOptions: { show: showOnlyForInteractionGet },
	},
	{
		displayName: 'Put Binary Content in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the binary content in',
		displayOptions: { show: { ...showOnlyForInteractionGet, includeContent: ['binaryContent'] } },
	},
	optionsCollection(showOnlyForInteractionGet, [...transcriptOptions, ...requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)]),
];

/** Resource values that are links to content (absolute with any scheme, or from the server root). */
function isLink(value: string): boolean {
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('/');
}

async function withContent(
	fx: IExecuteFunctions,
	run: GenesysRun,
	resource: IDataObject,
	requestedId: string,
	kinds: ContentKind[],
	itemIndex: number,
): Promise<INodeExecutionData> {
	const json = normaliseInteraction(resource);
	const item: INodeExecutionData = { json };
	const id = typeof resource.interaction_id === 'string' ? resource.interaction_id : requestedId;
	const options = fx.getNodeParameter('options', itemIndex, {}) as TranscriptOptions;
	for (const kind of kinds) {
		const { field, label } = CONTENT_KINDS[kind];
		const value = typeof resource[field] === 'string' ? (resource[field] as string).trim() : '';
		// No such field: the interaction has no content of this kind.
		if (value === '') continue;
		if (!isLink(value)) {
			// Some servers put the content itself in the field rather than a link to it: it
			// comes out once, as plainText or transcript, and with Redact on only redacted.
			if (redactionLevel(options) !== 'off') delete json[field];
			if (kind === 'plainText') json.plainText = plainTextOutput(value, options).text;
			if (kind === 'structuredText') {
				const mime = typeof resource.structured_text_mime === 'string' ? resource.structured_text_mime : undefined;
				json.transcript = structuredTextOutput(fx, structuredTextTranscript(fx, id, value, mime, options, itemIndex), itemIndex);
			}
			continue;
		}
		// Checked here, before any request, and again by the transport for every redirect.
		const url = assertOnConfiguredServer(fx, run, value, `the ${label} URL`, itemIndex);
		if (kind === 'plainText') {
			json.plainText = plainTextOutput(String((await fetchPlainText(fx, run, url, id, itemIndex)).text), options).text;
		} else if (kind === 'structuredText') {
			const listedMimeType = typeof resource.structured_text_mime === 'string' ? resource.structured_text_mime : undefined;
			const transcript = await fetchStructuredText(fx, run, url, id, { ...options, listedMimeType }, itemIndex);
			json.transcript = structuredTextOutput(fx, transcript, itemIndex);
		} else {
			const binaryPropertyName = fx.getNodeParameter('binaryPropertyName', itemIndex) as string;
			const file = await fetchBinaryContent(fx, run, url, id, binaryPropertyName, itemIndex);
			const { fileName, mimeType, bytes } = file.json;
			json.binaryContent = { fileName, mimeType, bytes };
			item.binary = file.binary;
		}
	}
	return { ...item, json: sealRedacted(json, options, [id, requestedId]) };
}

export const getInteraction = perItemOperation(startGenesysRun, async (fx, run, itemIndex) => {
	const node = fx.getNode();
	const id = assertGenesysId(node, fx.getNodeParameter('interactionId', itemIndex), 'Interaction ID', itemIndex);
	const kinds = fx.getNodeParameter('includeContent', itemIndex, []) as ContentKind[];
	const context = { vendor: run.call.vendor, itemIndex, subject: `interaction ${id}` };
	const { statusCode, body } = await getJson(fx, run, genesysGet(run, interactionPath(id)), {
		...run.call,
		...context,
	});
	const resources = readInteraction(node, body, { ...context, statusCode });
	const items: INodeExecutionData[] = [];
	for (const resource of resources) items.push(await withContent(fx, run, resource, id, kinds, itemIndex));
	return items;
});
