import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/callOptions';
import { splitIntoWindows } from '../../../shared/dateWindows';
import { runForEachItem } from '../../../shared/itemRunner';
import { assertDate } from '../../../shared/validation';
import { requestJson } from '../../../shared/vendorRequest';
import {
	startVonageRun,
	vonageGet,
	VONAGE_API,
	VONAGE_REQUESTS_PER_MINUTE,
} from '../../transport/vonageApi';

const showOnlyForSearch = { resource: ['interaction'], operation: ['search'] };

/** VCC rejects a search range over 7 days; longer ranges are split into windows. */
const MAX_WINDOW_DAYS = 7;
/** Largest page the official sample client asks for. */
const MAX_PAGE_SIZE = 1000;

/** The search filters VCC supports; the trigger offers the same ones. */
export const INTERACTION_FILTERS: INodeProperties[] = [
	{
		displayName: 'Agent ID',
		name: 'handlingAgentId',
		type: 'string',
		default: '',
		description: 'Only interactions handled by this agent',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Inbound', value: 'inbound' },
			{ name: 'Outbound', value: 'outbound' },
			{ name: 'Internal', value: 'internal' },
		],
		default: 'inbound',
	},
	{
		displayName: 'From (Starts With)',
		name: 'connectFrom',
		type: 'string',
		default: '',
		placeholder: '+1415',
		description: 'Only interactions whose calling number starts with this',
	},
	{
		displayName: 'To (Starts With)',
		name: 'connectTo',
		type: 'string',
		default: '',
		description: 'Only interactions whose called number starts with this',
	},
];

export const interactionSearchDescription: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Interactions that started at or after this time',
		displayOptions: { show: showOnlyForSearch },
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			'Interactions that started before this time. Ranges longer than 7 days are split into 7-day searches for you.',
		displayOptions: { show: showOnlyForSearch },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: showOnlyForSearch },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...showOnlyForSearch, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForSearch },
		options: INTERACTION_FILTERS,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForSearch },
		options: requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	},
];

interface SearchPage {
	items?: IDataObject[];
	meta?: { nextContinuationToken?: string | null };
}

function cleanFilters(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (typeof value === 'string' && value.trim() !== '') qs[key] = value.trim();
	}
	return qs;
}

export async function searchInteractions(this: IExecuteFunctions) {
	const run = await startVonageRun(this);
	return await runForEachItem(this, async (itemIndex) => {
		const node = this.getNode();
		const start = assertDate(node, this.getNodeParameter('start', itemIndex), 'Start', itemIndex);
		const end = assertDate(node, this.getNodeParameter('end', itemIndex), 'End', itemIndex);
		if (start.getTime() >= end.getTime()) {
			throw new NodeOperationError(node, 'Start must be before End', { itemIndex });
		}
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex) as number);
		const filters = cleanFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);

		const found: INodeExecutionData[] = [];
		for (const window of splitIntoWindows(start, end, MAX_WINDOW_DAYS)) {
			let continuationToken: string | undefined;
			do {
				const qs: IDataObject = {
					...filters,
					start: window.start.toISOString(),
					end: window.end.toISOString(),
					limit: Math.min(MAX_PAGE_SIZE, limit - found.length),
				};
				if (continuationToken) qs.continuationToken = continuationToken;
				const { body } = await requestJson<SearchPage>(
					this,
					VONAGE_API,
					vonageGet(run, '/interaction-content/interactions', qs),
					{ ...run.call, itemIndex, subject: `search ${qs.start as string} to ${qs.end as string}` },
				);
				for (const interaction of body?.items ?? []) {
					if (found.length >= limit) break;
					found.push({ json: interaction });
				}
				continuationToken = body?.meta?.nextContinuationToken ?? undefined;
			} while (continuationToken && found.length < limit);
			if (found.length >= limit) break;
		}
		return found;
	});
}
