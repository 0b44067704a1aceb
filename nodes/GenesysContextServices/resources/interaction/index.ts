import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { getInteraction, interactionGetDescription } from './get';
import { getManyInteractions, interactionGetManyDescription } from './getMany';

export const interactionDescription: INodeProperties[] = [
	operationProperty(
		'interaction',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get an interaction',
				description: 'Get one interaction, optionally with its plain text, transcript and binary content',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many interactions',
				description: 'Get the interactions of a customer or of a service',
			},
		],
		'get',
	),
	...interactionGetDescription,
	...interactionGetManyDescription,
];

export const interactionOperations = {
	get: getInteraction,
	getMany: getManyInteractions,
};
