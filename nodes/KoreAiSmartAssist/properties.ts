import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../shared/node/properties';
import { KORE_BOT_REQUESTS_PER_HOUR } from './transport/rateLimits';

/** Fields the Kore.ai node and its trigger both show, written once; each says what it is for. */

export function accountIdProperty(show?: Show): INodeProperties {
	return {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		placeholder: '674daf4bc9d17f4dc070a1b2',
		description: 'The contact-center account. Leave empty to use the default in the credential.',
		...(show ? { displayOptions: { show } } : {}),
	};
}

export function botIdProperty(purpose: string, show?: Show): INodeProperties {
	return {
		displayName: 'Bot / Stream ID',
		name: 'botId',
		type: 'string',
		default: '',
		placeholder: 'st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2',
		description: `The bot (stream) ${purpose}. Leave empty to use the default in the credential.`,
		...(show ? { displayOptions: { show } } : {}),
	};
}

/** Kore.ai's hourly cap per bot, next to the per-minute rate (transport/rateLimits.ts). */
export function requestsPerHourOption(bound: string): INodeProperties {
	return {
		displayName: 'Max Requests per Hour',
		name: 'requestsPerHour',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: KORE_BOT_REQUESTS_PER_HOUR,
		description: `${bound}; 0 means no hourly cap. Kore.ai allows 1800 per hour per bot.`,
	};
}
