import type { INodeProperties } from 'n8n-workflow';

import { callGetManyDescription, getManyCalls } from './getMany';

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many calls',
				description:
					'Call details in a time range, with the session IDs the Recording and Voicemail operations need',
			},
		],
		default: 'getMany',
	},
	...callGetManyDescription,
];

export const callOperations = {
	getMany: getManyCalls,
};
