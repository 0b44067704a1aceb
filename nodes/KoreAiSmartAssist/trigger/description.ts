import type { INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../shared/node/requestOptions';
import { optionsCollection } from '../../shared/node/properties';
import { downloadProperties, MAX_TRIGGER_HOURS, pollWindowProperties } from '../../shared/trigger/settings';
import { KORE_REQUESTS_PER_MINUTE } from '../transport/rateLimits';
import { accountIdProperty, botIdProperty, requestsPerHourOption } from '../properties';

export const DEFAULT_MAX_WAIT_HOURS = 6;

export const DOWNLOAD_RECORDING = { name: 'downloadRecording', displayName: 'Download Recording' };

const showWhenDownloading = { downloadRecording: [true] };

export const koreTriggerProperties: INodeProperties[] = [
	accountIdProperty(),
	botIdProperty('whose calls to watch'),
	...downloadProperties(
		{
			...DOWNLOAD_RECORDING,
			description:
				'Whether to wait until Kore.ai has the call\'s recording ready and attach it as binary data. A call whose recording is still being produced is checked again on later polls and emitted once it is ready.',
		},
		'recording file',
	),
	{
		displayName: 'Emit Calls Without Recording',
		name: 'emitWithoutRecording',
		type: 'boolean',
		default: false,
		description:
			'Whether to also emit calls Kore.ai has no recording for (media_unavailable, failed, or still not ready after Max Wait), with that status and no file. Off: such calls are skipped.',
		displayOptions: { show: showWhenDownloading },
	},
	optionsCollection(undefined, [
		...pollWindowProperties({
			backfill:
				'On its first poll the trigger starts from now and emits no call that had already ended. Set this to also emit calls that started in the last N hours.',
			lookBack:
				'Kore.ai lists calls by the time they started, and a call only counts once it has ended. Each poll searches back this far before its last poll, so a call that lasts up to this long is still caught when it ends. Also how far back Fetch Test Event looks.',
			items: 'calls',
		}),
		requestsPerHourOption('Upper bound on recording requests one poll sends to the bot in any rolling hour'),
		{
			displayName: 'Max Wait for Recording (Hours)',
			name: 'maxWaitHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TRIGGER_HOURS },
			default: DEFAULT_MAX_WAIT_HOURS,
			description:
				'With Download Recording: how long after the trigger first sees an ended call it keeps checking for its recording. After that the call is given up (and emitted without a file when Emit Calls Without Recording is on).',
		},
		...requestBehaviourOptions(KORE_REQUESTS_PER_MINUTE),
	]),
];
