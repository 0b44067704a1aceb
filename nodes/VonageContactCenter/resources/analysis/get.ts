import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/callOptions';
import { asNodeError, errorItem } from '../../../shared/itemRunner';
import { normaliseTranscript, transcriptJson } from '../../../shared/transcript';
import { assertGuid, splitList } from '../../../shared/validation';
import { requestJson } from '../../../shared/vendorRequest';
import { startVonageRun, vonageGet, VONAGE_API, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';

const showOnlyForAnalysisGet = { resource: ['analysis'], operation: ['get'] };

/** Conversation Analyzer answers at most 50 calls per request. */
export const ANALYZER_BATCH_SIZE = 50;

export const analysisGetDescription: INodeProperties[] = [
	{
		displayName: 'Calls From',
		name: 'guidSource',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'One call GUID per input item (e.g. from Interaction → Search)',
			},
			{ name: 'List', value: 'list', description: 'GUIDs typed in, separated by commas or new lines' },
		],
		default: 'items',
		displayOptions: { show: showOnlyForAnalysisGet },
	},
	{
		displayName: 'Call GUID',
		name: 'callGuid',
		type: 'string',
		required: true,
		default: '={{ $json.guid }}',
		description: 'The call GUID of each input item; all items are sent together, 50 per request',
		displayOptions: { show: { ...showOnlyForAnalysisGet, guidSource: ['items'] } },
	},
	{
		displayName: 'Call GUIDs',
		name: 'callGuids',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'Any number of call GUIDs; they are sent 50 per request',
		displayOptions: { show: { ...showOnlyForAnalysisGet, guidSource: ['list'] } },
	},
	{
		displayName: 'Include Transcript',
		name: 'includeTranscript',
		type: 'boolean',
		default: true,
		description: 'Whether to ask for the transcript too (also given in the shared transcript shape)',
		displayOptions: { show: showOnlyForAnalysisGet },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForAnalysisGet },
		options: requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	},
];

interface CallRequest {
	guid: string;
	itemIndex: number;
}

/** Reads every GUID up front, so a malformed one fails before any request is sent. */
function collectCalls(fx: IExecuteFunctions, failed: INodeExecutionData[]): CallRequest[] {
	const node = fx.getNode();
	if (fx.getNodeParameter('guidSource', 0) === 'list') {
		return splitList(fx.getNodeParameter('callGuids', 0)).map((value) => ({
			guid: assertGuid(node, value, 'Call GUID', 0),
			itemIndex: 0,
		}));
	}
	const calls: CallRequest[] = [];
	const items = fx.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			calls.push({ guid: assertGuid(node, fx.getNodeParameter('callGuid', itemIndex), 'Call GUID', itemIndex), itemIndex });
		} catch (error) {
			if (!fx.continueOnFail()) throw asNodeError(fx, error, itemIndex);
			failed.push(errorItem(error, itemIndex));
		}
	}
	return calls;
}

function analysisItem(result: IDataObject, guid: string): IDataObject {
	const json: IDataObject = { ...result, guid: typeof result.guid === 'string' ? result.guid : guid };
	if (typeof result.transcript === 'string') {
		json.normalizedTranscript = transcriptJson(normaliseTranscript({
			vendor: 'vonageContactCenter',
			interactionId: guid,
			channel: 'voice',
			language: typeof result.language === 'string' ? result.language : undefined,
			document: result.transcript,
			includeRaw: false,
		}));
	}
	return json;
}

export async function getAnalysis(this: IExecuteFunctions) {
	const run = await startVonageRun(this);
	const includeTranscript = this.getNodeParameter('includeTranscript', 0) as boolean;
	const output: INodeExecutionData[] = [];
	const calls = collectCalls(this, output);

	for (let offset = 0; offset < calls.length; offset += ANALYZER_BATCH_SIZE) {
		const batch = calls.slice(offset, offset + ANALYZER_BATCH_SIZE);
		const guids = [...new Set(batch.map((c) => c.guid))];
		try {
			const { body } = await requestJson<IDataObject[]>(
				this,
				VONAGE_API,
				vonageGet(run, '/conversation-analyzer/interactions', {
					calls: guids.join(','),
					transcript: includeTranscript,
				}),
				{ ...run.call, itemIndex: batch[0].itemIndex, subject: `calls ${guids[0]}${guids.length > 1 ? ` (+${guids.length - 1} more)` : ''}` },
			);
			const byGuid = new Map<string, IDataObject>();
			for (const result of Array.isArray(body) ? body : []) {
				if (typeof result?.guid === 'string') byGuid.set(result.guid.toLowerCase(), result);
			}
			for (const call of batch) {
				const result = byGuid.get(call.guid);
				output.push({
					// A GUID the analyzer does not know comes back as an item saying so, not silence.
					json: result ? analysisItem(result, call.guid) : { guid: call.guid, status: 'notFound' },
					pairedItem: { item: call.itemIndex },
				});
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, batch[0].itemIndex);
			const itemIndexes = [...new Set(batch.map((c) => c.itemIndex))];
			for (const itemIndex of itemIndexes) output.push(errorItem(error, itemIndex));
		}
	}
	return [output];
}
