import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../shared/node/properties';
import { callGetManyDescription, getManyCalls } from './getMany';

export const callDescription: INodeProperties[] = [
	operationProperty(
		'call',
		[
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many calls',
				description:
					'Call details in a time range, with the session IDs the Recording and Voicemail operations need',
			},
		],
		'getMany',
	),
	...callGetManyDescription,
];

export const callOperations = {
	getMany: getManyCalls,
};
