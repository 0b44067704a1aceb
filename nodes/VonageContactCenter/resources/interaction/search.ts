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
import { startVonageRun, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';
import { searchPages, SEARCH_PAGE_SIZE, SEARCH_WINDOW_DAYS } from './searchPages';

const showOnlyForSearch = { resource: ['interaction'], operation: ['search'] };

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
		for (const window of splitIntoWindows(start, end, SEARCH_WINDOW_DAYS)) {
			const pages = searchPages(this, run, {
				window,
				filters,
				pageSize: () => Math.min(SEARCH_PAGE_SIZE, limit - found.length),
				itemIndex,
			});
			for await (const interactions of pages) {
				for (const interaction of interactions) {
					if (found.length >= limit) break;
					found.push({ json: interaction });
				}
				if (found.length >= limit) break;
			}
			if (found.length >= limit) break;
		}
		return found;
	});
}
