import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions, type RequestBehaviour } from '../../../shared/callOptions';
import { asNodeError, errorItem } from '../../../shared/itemRunner';
import { effectiveUrl } from '../../transport/endpoints';
import { getJson, GENESYS_REQUESTS_PER_MINUTE, startGenesysRun } from '../../transport/genesysApi';
import { assertGenesysId, assertServiceId } from '../../transport/ids';
import { normaliseInteraction } from '../../transport/interactionResource';
import { readInteractionList } from './interactionAnswer';

const showOnlyForGetMany = { resource: ['interaction'], operation: ['getMany'] };

export const interactionGetManyDescription: INodeProperties[] = [
	{
		displayName: 'By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'customer', description: 'All interactions of one customer' },
			{ name: 'Service', value: 'service', description: 'All interactions of one Context Services service' },
		],
		default: 'customer',
		displayOptions: { show: showOnlyForGetMany },
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '00001a57JGQ00BVU',
		displayOptions: { show: { ...showOnlyForGetMany, by: ['customer'] } },
	},
	{
		displayName: 'Service ID',
		name: 'serviceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '4711',
		displayOptions: { show: { ...showOnlyForGetMany, by: ['service'] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: showOnlyForGetMany },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...showOnlyForGetMany, returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForGetMany },
		options: requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE),
	},
];

/** The id the URL is built from, checked against the Genesys alphabet. */
function subjectOf(fx: IExecuteSingleFunctions): { label: string; id: string } {
	const node = fx.getNode();
	const itemIndex = fx.getItemIndex();
	if (fx.getNodeParameter('by') === 'service') {
		return { label: 'service', id: assertServiceId(node, fx.getNodeParameter('serviceId'), itemIndex) };
	}
	return { label: 'customer', id: assertGenesysId(node, fx.getNodeParameter('customerId'), 'Customer ID', itemIndex) };
}

async function listInteractions(
	fx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	// Checked before the request: a malformed id never leaves n8n.
	const { label, id } = subjectOf(fx);
	const run = await startGenesysRun(fx, fx.getNodeParameter('options', {}) as RequestBehaviour, itemIndex);
	const options = requestData.options as IHttpRequestOptions;
	const request: IHttpRequestOptions = { ...options, url: effectiveUrl(options.url, options.baseURL), baseURL: undefined };
	const context = { vendor: run.call.vendor, itemIndex, subject: `${label} ${id}` };
	const { statusCode, body } = await getJson(fx, run, request, { ...run.call, ...context });
	const resources = readInteractionList(fx.getNode(), body, { ...context, statusCode });
	const limit = fx.getNodeParameter('returnAll', false) === true ? Infinity : Number(fx.getNodeParameter('limit', 50));
	return resources.slice(0, limit).map((resource) => ({
		json: normaliseInteraction(resource),
		pairedItem: { item: itemIndex },
	}));
}

/**
 * Routing builds the request; this sends it through the Genesys transport (shared retry policy,
 * error mapping, redirects only on the configured server) and shapes the interactions. The API
 * has no paging: the server answers with all of them and Limit is applied here. Failures are
 * turned into error items here, where the input item is known (routing's own would lose it).
 */
export async function sendGetMany(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	try {
		return await listInteractions(this, requestData, itemIndex);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this, error, itemIndex);
		return [errorItem(error, itemIndex)];
	}
}
