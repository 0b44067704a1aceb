import { NodeOperationError, type IDataObject, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { dateRangeProperties, filtersCollection, optionsCollection, returnAllAndLimit } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { assertDate } from '../../../shared/node/inputChecks';
import { INTERACTION_FILTERS } from '../../properties';
import { searchFilters, searchWindow, searchWindows } from '../../transport/interactionSearch';
import { startVonageRun, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';

const showOnlyForSearch = { resource: ['interaction'], operation: ['search'] };

export const interactionSearchDescription: INodeProperties[] = [
	...dateRangeProperties(showOnlyForSearch, {
		start: 'Interactions that started at or after this time',
		end: 'Interactions that started before this time. Ranges longer than 7 days are split into 7-day searches for you.',
	}),
	...returnAllAndLimit(showOnlyForSearch),
	filtersCollection(showOnlyForSearch, INTERACTION_FILTERS),
	optionsCollection(showOnlyForSearch, requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE)),
];

export const searchInteractions = perItemOperation(startVonageRun, async (fx, run, itemIndex) => {
	const node = fx.getNode();
	const start = assertDate(node, fx.getNodeParameter('start', itemIndex), 'Start', itemIndex);
	const end = assertDate(node, fx.getNodeParameter('end', itemIndex), 'End', itemIndex);
	if (start.getTime() >= end.getTime()) {
		throw new NodeOperationError(node, 'Start must be before End', { itemIndex });
	}
	const returnAll = fx.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? Infinity : (fx.getNodeParameter('limit', itemIndex) as number);
	const filters = searchFilters(fx.getNodeParameter('filters', itemIndex, {}) as IDataObject);

	const found: INodeExecutionData[] = [];
	for (const window of searchWindows(start, end)) {
		const interactions = await searchWindow(fx, run, { window, filters, wanted: limit - found.length, itemIndex });
		found.push(...interactions.map((json) => ({ json })));
		if (found.length >= limit) break;
	}
	return found;
});
