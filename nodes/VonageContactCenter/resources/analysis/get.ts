import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { batchedOperation } from '../../../shared/node/operation';
import { expectList, type AnswerContext } from '../../../shared/http/expectedAnswers';
import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { asNodeError, errorItem } from '../../../shared/node/errorItems';
import { normaliseTranscript } from '../../../shared/transcripts/model';
import {
	plainTextOutput,
	redactOption,
	sealRedacted,
	textFormatOption,
	transcriptChoice,
	transcriptOutput,
	type TranscriptChoice,
} from '../../../shared/transcripts/output';
import { assertGuid, splitList } from '../../../shared/node/inputChecks';
import { requestJson } from '../../../shared/http/request';
import { ANALYZER_INTERACTIONS_PATH, startVonageRun, vonageGet, VONAGE_API, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';
import { VONAGE } from '../../vendor';

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
	optionsCollection(showOnlyForAnalysisGet, [redactOption, textFormatOption, ...requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE)]),
];

/** One GUID asked for, in input order (item order, or list order for a typed list), and what it gave. */
interface CallSlot {
	itemIndex: number;
	/** Undefined when the GUID was malformed (Continue On Fail: `output` is its error item). */
	guid?: string;
	output: INodeExecutionData[];
}

/**
 * Reads every GUID up front, so a malformed one fails before any request is sent. With
 * Continue On Fail it becomes an error item in its place instead, and the valid ones still run.
 */
function collectCalls(fx: IExecuteFunctions): CallSlot[] {
	const node = fx.getNode();
	const asked =
		fx.getNodeParameter('guidSource', 0) === 'list'
			? splitList(fx.getNodeParameter('callGuids', 0)).map((value) => ({ value: value as unknown, itemIndex: 0 }))
			: fx.getInputData().map((_, itemIndex) => ({ value: fx.getNodeParameter('callGuid', itemIndex), itemIndex }));
	return asked.map(({ value, itemIndex }) => {
		try {
			return { itemIndex, guid: assertGuid(node, value, 'Call GUID', itemIndex), output: [] };
		} catch (error) {
			if (!fx.continueOnFail()) throw asNodeError(fx, error, itemIndex);
			return { itemIndex, output: [errorItem(error, itemIndex)] };
		}
	});
}

/**
 * The analyzer's own `transcript` text is redacted and formatted like its shared-shape copy: it
 * holds the same words (so an AI Agent, reading the text, gets it once). `callTimeBreakDown` and
 * the analyzer's other figures stay as Vonage sent them.
 */
function analysisItem(result: IDataObject, guid: string, choice: TranscriptChoice): IDataObject {
	const json: IDataObject = { ...result, guid: typeof result.guid === 'string' ? result.guid : guid };
	if (typeof result.transcript === 'string') {
		if (choice.asTool === true) delete json.transcript;
		else json.transcript = plainTextOutput(result.transcript, choice).text;
		json.normalizedTranscript = transcriptOutput(normaliseTranscript({
			vendor: VONAGE.id,
			interactionId: guid,
			channel: 'voice',
			language: typeof result.language === 'string' ? result.language : undefined,
			document: result.transcript,
			includeRaw: false,
		}), choice);
	}
	return sealRedacted(json, choice, [guid]);
}

/** The analyzer's answer: a list of results, one per GUID it knows, matched case-insensitively. */
function resultsByGuid(body: unknown, context: AnswerContext, node: INode): Map<string, IDataObject> {
	const byGuid = new Map<string, IDataObject>();
	for (const result of expectList(node, body, { what: 'a list of call analyses', entriesWith: 'guid' }, context)) {
		byGuid.set(String(result.guid).toLowerCase(), result);
	}
	return byGuid;
}

export const getAnalysis = batchedOperation(startVonageRun, async (fx, run) => {
	const includeTranscript = fx.getNodeParameter('includeTranscript', 0) as boolean;
	const choice = transcriptChoice(fx, 0);
	const slots = collectCalls(fx);
	const calls = slots.filter((slot): slot is CallSlot & { guid: string } => slot.guid !== undefined);

	for (let offset = 0; offset < calls.length; offset += ANALYZER_BATCH_SIZE) {
		const batch = calls.slice(offset, offset + ANALYZER_BATCH_SIZE);
		const guids = [...new Set(batch.map((c) => c.guid))];
		const context = {
			vendor: VONAGE_API.vendor,
			itemIndex: batch[0].itemIndex,
			subject: `calls ${guids[0]}${guids.length > 1 ? ` (+${guids.length - 1} more)` : ''}`,
		};
		try {
			const { statusCode, body } = await requestJson<unknown>(
				fx,
				VONAGE_API,
				vonageGet(run, ANALYZER_INTERACTIONS_PATH, {
					calls: guids.join(','),
					transcript: includeTranscript,
				}),
				{ ...run.call, ...context },
			);
			const byGuid = resultsByGuid(body, { ...context, statusCode }, fx.getNode());
			for (const call of batch) {
				const result = byGuid.get(call.guid);
				call.output.push({
					// A GUID the analyzer does not know comes back as an item saying so, not silence.
					json: result ? analysisItem(result, call.guid, choice) : { guid: call.guid, status: 'notFound' },
					pairedItem: { item: call.itemIndex },
				});
			}
		} catch (error) {
			if (!fx.continueOnFail()) throw asNodeError(fx, error, batch[0].itemIndex);
			// One error item per input item the batch served, in the place of its first GUID.
			const reported = new Set<number>();
			for (const call of batch) {
				if (reported.has(call.itemIndex)) continue;
				reported.add(call.itemIndex);
				call.output.push(errorItem(error, call.itemIndex));
			}
		}
	}
	return [slots.flatMap((slot) => slot.output)];
});
