import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection, returnAllAndLimit } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { encodePathSegment } from '../../../shared/http/pathSegments';
import { genesysGet, getJson, GENESYS_REQUESTS_PER_MINUTE, startGenesysRun } from '../../transport/genesysApi';
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
	...returnAllAndLimit(showOnlyForGetMany),
	optionsCollection(showOnlyForGetMany, requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)),
];

/** The id the URL is built from, checked against the Genesys alphabet. */
function subjectOf(fx: IExecuteFunctions, itemIndex: number): { label: string; path: string } {
	const node = fx.getNode();
	if (fx.getNodeParameter('by', itemIndex) === 'service') {
		const id = assertServiceId(node, fx.getNodeParameter('serviceId', itemIndex), itemIndex);
		return { label: `service ${id}`, path: `/services/${encodePathSegment(id)}/interactions` };
	}
	const id = assertGenesysId(node, fx.getNodeParameter('customerId', itemIndex), 'Customer ID', itemIndex);
	return { label: `customer ${id}`, path: `/customers/${encodePathSegment(id)}/interactions` };
}

/**
 * The interactions of one customer or service. The API has no paging: the server answers with
 * all of them and Limit is applied here.
 */
export const getManyInteractions = perItemOperation(startGenesysRun, async (fx, run, itemIndex) => {
	// Checked before the request: a malformed id never leaves n8n.
	const { label, path } = subjectOf(fx, itemIndex);
	const context = { vendor: run.call.vendor, itemIndex, subject: label };
	const { statusCode, body } = await getJson(fx, run, genesysGet(run, path), { ...run.call, ...context });
	const resources = readInteractionList(fx.getNode(), body, { ...context, statusCode });
	const returnAll = fx.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Number(fx.getNodeParameter('limit', itemIndex, 50));
	return resources.slice(0, limit).map((resource) => ({ json: normaliseInteraction(resource) }));
});
