import type { INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../shared/node/requestOptions';
import { filtersCollection, optionsCollection } from '../../shared/node/properties';
import { downloadProperties, pollWindowProperties } from '../../shared/trigger/settings';
import { CONTENT_TYPES, INTERACTION_FILTERS } from '../properties';
import { VONAGE_REQUESTS_PER_MINUTE } from '../transport/vonageApi';

export const DOWNLOAD_FILES = { name: 'downloadFiles', displayName: 'Download Files' };

export const vonageTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Content Types',
		name: 'contentTypes',
		type: 'multiOptions',
		options: CONTENT_TYPES,
		default: ['callRecording'],
		description:
			'Start the workflow when an interaction gets content of these types. Leave empty for any type.',
	},
	...downloadProperties(
		{
			...DOWNLOAD_FILES,
			description:
				'Whether to attach the new files (of the types above) to the item as binary data, streamed into n8n\'s binary store',
		},
		'file',
	),
	filtersCollection(undefined, INTERACTION_FILTERS),
	optionsCollection(undefined, [
		...pollWindowProperties({
			backfill:
				'On its first poll the trigger starts from now and emits nothing older. Set this to also emit the content of interactions that started in the last N hours.',
			lookBack:
				'Vonage searches by the time an interaction started, but its content arrives later (the recording when the call ends, the transcript minutes after). Each poll searches back this far before its last poll, so content that arrives up to this long after its interaction started is still caught. Also how far back Fetch Test Event looks.',
			items: 'interactions',
		}),
		...requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	]),
];
