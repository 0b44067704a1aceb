import type { INodeProperties } from 'n8n-workflow';

import { getInteraction, interactionGetDescription } from './get';
import { getManyInteractions, interactionGetManyDescription } from './getMany';

const showOnlyForInteractions = { resource: ['interaction'] };

export const interactionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForInteractions },
		options: [
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
		default: 'get',
	},
	...interactionGetDescription,
	...interactionGetManyDescription,
];

export const interactionOperations = {
	get: getInteraction,
	getMany: getManyInteractions,
};
