import type { INodeProperties } from 'n8n-workflow';

import { getInteraction, interactionGetDescription } from './get';
import { interactionSearchDescription, searchInteractions } from './search';

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
				description: 'Get one interaction and the list of its content files',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search interactions',
				description:
					'Find interactions that have content (recordings, transcripts…) in a time range, with filters',
			},
		],
		default: 'search',
	},
	...interactionSearchDescription,
	...interactionGetDescription,
];

export const interactionOperations = {
	get: getInteraction,
	search: searchInteractions,
};
