import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { getInteraction, interactionGetDescription } from './get';
import { interactionSearchDescription, searchInteractions } from './search';

export const interactionDescription: INodeProperties[] = [
	operationProperty(
		'interaction',
		[
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
		'search',
	),
	...interactionSearchDescription,
	...interactionGetDescription,
];

export const interactionOperations = {
	get: getInteraction,
	search: searchInteractions,
};
