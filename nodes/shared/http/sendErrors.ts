import type { IHttpRequestOptions, INode, NodeApiError } from 'n8n-workflow';

import { seconds } from './idleGuard';
import type { RetryDecision, RetryPolicy } from './retryPolicy';
import { describeUrl, effectiveUrl } from './urlRules';
import { vendorApiError, type FailureContext } from './vendorErrors';

/** The errors the send loop ends with when it stops trying, and the words they share. */

/** The request a message names: method, origin and path, never a query (it may hold a signature). */
export function requestLabel(options: IHttpRequestOptions): string {
	return `${(options.method ?? 'GET').toUpperCase()} ${describeUrl(effectiveUrl(options.url, options.baseURL))}`;
}

/** What is left of the time the policy gives a request in all (see RetryPolicy.finishBy). */
export function timeLeft(policy: RetryPolicy): number {
	return policy.finishBy === undefined ? Infinity : policy.finishBy - Date.now();
}

/** A poll's request that would run on past the poll's own time: failed like a timeout, so the poll keeps its place. */
export function outOfTimeError(node: INode, options: IHttpRequestOptions, context: FailureContext): NodeApiError {
	return vendorApiError(node, { networkError: 'ETIMEDOUT', message: 'out of time for this poll' }, {
		message: `${context.vendor}: out of time for this poll (${requestLabel(options)}${context.subject ? `, ${context.subject}` : ''})`,
		description: 'The request would have run on past the time n8n gives one poll; the next poll tries again from the same place.',
		itemIndex: context.itemIndex,
	});
}

/** A try that waited out the Timeout option: which request, and how long it waited. */
export function timeoutError(
	node: INode,
	options: IHttpRequestOptions,
	timeoutMs: number,
	context: FailureContext,
	note?: string,
): NodeApiError {
	const subject = context.subject ? `, ${context.subject}` : '';
	return vendorApiError(node, { networkError: 'ETIMEDOUT', message: `no answer within ${seconds(timeoutMs)}` }, {
		message: `${context.vendor}: no answer within ${seconds(timeoutMs)} (${requestLabel(options)}${subject})`,
		description: [note, 'The server accepted no connection, or sent nothing, for as long as the Timeout option allows.']
			.filter(Boolean)
			.join(' '),
		itemIndex: context.itemIndex,
	});
}

/** Why a request stopped being retried, for the error's description. */
export function gaveUpNote(decision: Exclude<RetryDecision, { retry: true }>, tries: number): string | undefined {
	if (decision.reason === 'triesExhausted') return `Gave up after ${tries} tries.`;
	if (decision.reason === 'retryAfterTooLong') {
		return `The server asked to wait ${Math.ceil((decision.delayMs ?? 0) / 1000)} s, longer than this node waits.`;
	}
	return undefined;
}
