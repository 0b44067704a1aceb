import type { INodeProperties } from 'n8n-workflow';

import { analysisGetDescription, getAnalysis } from './get';

export const analysisDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['analysis'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get call analysis',
				description:
					'Conversation Analyzer results for any number of calls: categories, talk time, sentiment and transcript',
			},
		],
		default: 'get',
	},
	...analysisGetDescription,
];

export const analysisOperations = {
	get: getAnalysis,
};
