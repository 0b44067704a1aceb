import type { INodeProperties } from 'n8n-workflow';

import { sendRoutedRequest } from '../../../shared/routingWithPolicy';
import { VONAGE_API } from '../../transport/vonageApi';
import { interactionGetDescription, validateInteractionGuid } from './get';
import { readInteraction } from './interactionAnswer';
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
				routing: {
					request: {
						method: 'GET',
						url: '=/interaction-content/interactions/{{ encodeURIComponent($parameter.guid.trim()) }}',
					},
					send: { preSend: [validateInteractionGuid], paginate: true },
					operations: {
						pagination: sendRoutedRequest(VONAGE_API, { name: 'guid', label: 'interaction' }, (node, body, context) =>
							readInteraction(node, body, context),
						),
					},
				},
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
	search: searchInteractions,
};
