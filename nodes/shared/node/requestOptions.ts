import type { INodeProperties } from 'n8n-workflow';

import { accountPacer, type RequestPacer } from '../http/requestPacer';
import { DEFAULT_RETRY_POLICY, MAX_TRIES_RANGE, type RetryPolicy } from '../http/retryPolicy';
import type { CallOptions } from '../http/types';

/**
 * The request-behaviour options every vendor node offers in the same words: how fast to go
 * (the vendor's fair-use rate) and how often to try again.
 */
export interface RequestBehaviour {
	requestsPerMinute?: number;
	maxTries?: number;
	timeoutSeconds?: number;
}

/** The longest Timeout a user can set: a request silent for an hour is not coming back. */
const MAX_TIMEOUT_SECONDS = 3600;

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
			typeOptions: { minValue: MAX_TRIES_RANGE.min, maxValue: MAX_TRIES_RANGE.max },
			// The linter asks for a literal; a spec holds it to DEFAULT_RETRY_POLICY.maxTries.
			default: 4,
			description:
				'How many times a request is sent before giving up when the vendor is rate limiting (429), has a server error (5xx), drops the connection or times out',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: MAX_TIMEOUT_SECONDS, numberPrecision: 1 },
			default: 300,
			description:
				'How long a request may wait with nothing arriving: to connect, for the answer, and between two pieces of a download. A request that waits longer counts as a failed try (see Max Tries).',
		},
	];
}

export function retryPolicyFrom(behaviour: RequestBehaviour): RetryPolicy {
	const maxTries = Math.max(MAX_TRIES_RANGE.min, Math.min(MAX_TRIES_RANGE.max, Math.floor(behaviour.maxTries ?? DEFAULT_RETRY_POLICY.maxTries)));
	const seconds = Number(behaviour.timeoutSeconds);
	const timeoutMs =
		Number.isFinite(seconds) && seconds > 0
			? Math.round(Math.min(seconds, MAX_TIMEOUT_SECONDS) * 1000)
			: DEFAULT_RETRY_POLICY.timeoutMs;
	return { ...DEFAULT_RETRY_POLICY, maxTries, timeoutMs };
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
