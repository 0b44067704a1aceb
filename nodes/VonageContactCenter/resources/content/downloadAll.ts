import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection, outputFileField } from '../../../shared/node/properties';
import { asNodeError, errorItem } from '../../../shared/node/errorItems';
import { perItemOperation } from '../../../shared/node/operation';
import { requestJson } from '../../../shared/http/request';
import {
	interactionPath,
	startVonageRun,
	vonageGet,
	VONAGE_API,
	VONAGE_REQUESTS_PER_MINUTE,
	type VonageRun,
} from '../../transport/vonageApi';
import { readContentList } from '../interaction/interactionAnswer';
import { CONTENT_TYPES } from '../../properties';
import { isOfTypes, type ContentEntry } from '../../transport/endpoints';
import { downloadContentFile, interactionGuidParameter } from './contentFile';

const showOnlyForDownloadAll = { resource: ['content'], operation: ['downloadAll'] };

export const contentDownloadAllDescription: INodeProperties[] = [
	{
		displayName: 'Content Types',
		name: 'contentTypes',
		type: 'multiOptions',
		options: CONTENT_TYPES,
		default: [],
		description: 'Only files of these types. Leave empty for every file of the interaction.',
		displayOptions: { show: showOnlyForDownloadAll },
	},
	outputFileField(showOnlyForDownloadAll, 'each file'),
	optionsCollection(showOnlyForDownloadAll, [
		{
			displayName: 'Refresh Content List',
			name: 'refreshContentList',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask VCC for the content list even when the input item (from Search or Get) already carries the content list of the same interaction',
		},
		...requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	]),
];

/**
 * The content list the input item already carries when it is this interaction as Search or Get
 * gave it. Reusing it halves the requests of a bulk export (search → download all), which
 * matters under VCC's fair-use rate.
 */
function contentListFromInput(fx: IExecuteFunctions, itemIndex: number, guid: string): ContentEntry[] | undefined {
	const json = fx.getInputData()[itemIndex]?.json;
	if (typeof json?.guid !== 'string' || json.guid.toLowerCase() !== guid.toLowerCase()) return undefined;
	return Array.isArray(json.content) ? (json.content as ContentEntry[]) : undefined;
}

async function contentList(fx: IExecuteFunctions, run: VonageRun, itemIndex: number, guid: string): Promise<ContentEntry[]> {
	const { refreshContentList } = fx.getNodeParameter('options', itemIndex, {}) as { refreshContentList?: boolean };
	const listed = refreshContentList ? undefined : contentListFromInput(fx, itemIndex, guid);
	if (listed) return listed;
	const context = { vendor: VONAGE_API.vendor, itemIndex, subject: `interaction ${guid}` };
	const { statusCode, body } = await requestJson<unknown>(
		fx,
		VONAGE_API,
		vonageGet(run, interactionPath(guid)),
		{ ...run.call, ...context },
	);
	return readContentList(fx.getNode(), body, { ...context, statusCode }) as ContentEntry[];
}

/**
 * With Continue On Fail, a file that fails becomes one error item (naming the file) among the
 * files of its interaction, and the remaining files are still fetched: every file stored has an
 * output item. Without it, the first failure fails the node as any other error does.
 */
function failedFileItem(
	fx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	guid: string,
	entry: ContentEntry,
): INodeExecutionData {
	const item = errorItem(asNodeError(fx, error, itemIndex), itemIndex);
	return { ...item, json: { ...item.json, interactionId: guid, contentKey: entry.contentKey, type: entry.type ?? entry.contentKey } };
}

export const downloadAllContent = perItemOperation(startVonageRun, async (fx, run, itemIndex) => {
	const guid = interactionGuidParameter(fx, itemIndex);
	const wanted = fx.getNodeParameter('contentTypes', itemIndex, []) as string[];
	const binaryPropertyName = fx.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const entries = (await contentList(fx, run, itemIndex, guid)).filter(
		(entry) => typeof entry?.contentKey === 'string' && isOfTypes(entry, wanted),
	);
	const files: INodeExecutionData[] = [];
	// One at a time: the pacer already spaces them, and each file streams to the store
	// before the next starts, so memory stays flat however many files there are.
	for (const entry of entries) {
		const { contentKey, type, contentType, contentLength, lastModified } = entry;
		try {
			files.push(
				await downloadContentFile(fx, run, {
					guid,
					contentKey,
					binaryPropertyName,
					itemIndex,
					describe: { type: type ?? contentKey, listedContentType: contentType, listedContentLength: contentLength, lastModified },
				}),
			);
		} catch (error) {
			if (!fx.continueOnFail()) throw asNodeError(fx, error, itemIndex);
			files.push(failedFileItem(fx, error, itemIndex, guid, entry));
		}
	}
	return files;
});
