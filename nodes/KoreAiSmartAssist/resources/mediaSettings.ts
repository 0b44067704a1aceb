import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../shared/node/requestOptions';
import { optionsCollection, type Show } from '../../shared/node/properties';
import { assertNumberInRange } from '../../shared/node/inputChecks';
import type { WaitSettings, WhenNoMedia } from '../transport/mediaFetch';
import { KORE_REQUESTS_PER_MINUTE } from '../transport/rateLimits';
import { botIdProperty, requestsPerHourOption } from '../properties';

/**
 * The parameters Recording and Voicemail share: which session, waiting for media that is still
 * being produced, what to do when there is none, and the request limits of the bot APIs.
 */

/** Users get at least a second between polls; a minute's worth of polls is the documented limit. */
export const MIN_POLL_INTERVAL_SECONDS = 1;
export const MAX_POLL_INTERVAL_SECONDS = 600;
export const MAX_WAIT_SECONDS = 3600;

export function sessionProperties(show: Show): INodeProperties[] {
	return [
		botIdProperty('the session belongs to, from App Settings', show),
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '68db819479cb8cebd651a2b3',
			description: 'The session of the call (from Call → Get Many or the conversation logs)',
			displayOptions: { show },
		},
	];
}

export function waitProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Media',
			name: 'waitForMedia',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep asking while the call is still in progress or its media is still being produced, instead of failing at once',
			displayOptions: { show },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_INTERVAL_SECONDS, maxValue: MAX_POLL_INTERVAL_SECONDS },
			default: 15,
			description: 'How long to wait between two questions; every poll counts against the bot\'s rate limits',
			displayOptions: { show: { ...show, waitForMedia: [true] } },
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
			default: 300,
			description: 'Give up (with an error naming the last status) when the media is not ready after this long',
			displayOptions: { show: { ...show, waitForMedia: [true] } },
		},
	];
}

export function whenNoMediaProperty(show: Show): INodeProperties {
	return {
		displayName: 'When No Media',
		name: 'whenNoMedia',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with a message saying why (media_unavailable, failed or an empty list)',
			},
			{ name: 'Return Nothing', value: 'returnNothing', description: 'Give no item for this session and go on' },
		],
		default: 'error',
		description: 'What to do when Kore.ai says the session has no media (media_unavailable or failed)',
		displayOptions: { show },
	};
}

/** The options collection of a bot-API operation: its own extras, then the request limits. */
export function botOptionsProperty(show: Show, extra: INodeProperties[]): INodeProperties {
	return optionsCollection(show, [
		...extra,
		...requestBehaviourOptions(KORE_REQUESTS_PER_MINUTE),
		requestsPerHourOption(
			'Upper bound on requests this node sends to the bot in any rolling hour, shared by all items of one run',
		),
	]);
}

function seconds(fx: IExecuteFunctions, name: string, label: string, min: number, max: number, itemIndex: number): number {
	return assertNumberInRange(fx.getNode(), fx.getNodeParameter(name, itemIndex), label, { min, max, unit: 'seconds' }, itemIndex);
}

export function waitSettings(fx: IExecuteFunctions, itemIndex: number): WaitSettings {
	if (fx.getNodeParameter('waitForMedia', itemIndex, false) !== true) {
		return { enabled: false, intervalMs: 0, maxWaitMs: 0 };
	}
	const interval = seconds(fx, 'pollIntervalSeconds', 'Poll Interval', MIN_POLL_INTERVAL_SECONDS, MAX_POLL_INTERVAL_SECONDS, itemIndex);
	const maxWait = seconds(fx, 'maxWaitSeconds', 'Max Wait', 1, MAX_WAIT_SECONDS, itemIndex);
	return { enabled: true, intervalMs: interval * 1000, maxWaitMs: maxWait * 1000 };
}

export function whenNoMedia(fx: IExecuteFunctions, itemIndex: number): WhenNoMedia {
	return fx.getNodeParameter('whenNoMedia', itemIndex, 'error') === 'returnNothing' ? 'returnNothing' : 'error';
}

export function binaryPropertyName(fx: IExecuteFunctions, itemIndex: number): string {
	const name = String(fx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (name === '') throw new NodeOperationError(fx.getNode(), 'Put Output File in Field is required', { itemIndex });
	return name;
}
