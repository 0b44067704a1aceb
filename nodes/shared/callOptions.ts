import type { INodeProperties } from 'n8n-workflow';

import { accountPacer, type RequestPacer } from './requestPacer';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import type { CallOptions } from './vendorRequest';

/**
 * The request-behaviour options every vendor node offers in the same words: how fast to go
 * (the vendor's fair-use rate) and how often to try again.
 */
export interface RequestBehaviour {
	requestsPerMinute?: number;
	maxTries?: number;
}

export function requestBehaviourOptions(defaultRate: number): INodeProperties[] {
	return [
		{
			displayName: 'Max Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: defaultRate,
			description:
				'Ceiling on requests per minute to this account from this n8n process, shared by all its runs; 0 means no pacing. Below it the pace adapts: it backs off when the vendor answers 429 and creeps back when it stops, so several workers settle on the account\'s limit between them. The default is the vendor\'s fair-use rate.',
		},
		{
			displayName: 'Max Tries',
			name: 'maxTries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 4,
			description:
				'How many times a request is sent before giving up when the vendor is rate limiting (429), has a server error (5xx) or drops the connection',
		},
	];
}

export function retryPolicyFrom(behaviour: RequestBehaviour): RetryPolicy {
	const maxTries = Math.max(1, Math.min(10, Math.floor(behaviour.maxTries ?? DEFAULT_RETRY_POLICY.maxTries)));
	return { ...DEFAULT_RETRY_POLICY, maxTries };
}

/**
 * The pacer for one node run: the process-wide pacer of `account` (which names it, never a
 * secret), shared with other runs and adapting to the vendor's 429s (requestPacer.ts).
 */
function pacerFrom(behaviour: RequestBehaviour, defaultRate: number, account: string): RequestPacer {
	return accountPacer(account, behaviour.requestsPerMinute ?? defaultRate);
}

/** One node run's call settings from its request options: the vendor, the retry policy and the pacer. */
export function runCallOptions(vendor: string, behaviour: RequestBehaviour, defaultRate: number, account: string): CallOptions {
	return { vendor, policy: retryPolicyFrom(behaviour), pacer: pacerFrom(behaviour, defaultRate, account) };
}
