import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { analysisGetDescription, getAnalysis } from './get';

export const analysisDescription: INodeProperties[] = [
	operationProperty(
		'analysis',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get call analysis',
				description:
					'Conversation Analyzer results for any number of calls: categories, talk time, sentiment and transcript',
			},
		],
		'get',
	),
	...analysisGetDescription,
];

export const analysisOperations = {
	get: getAnalysis,
};
