import { NodeOperationError, type IExecuteFunctions, type IPollFunctions } from 'n8n-workflow';

import { ownError } from './vendorRequest';

/** What a poll needs from n8n besides its parameters: the same for every vendor's trigger. */

/**
 * The shared and vendor transports (requestJson, downloadToBinary, Kore's koreJson…) are typed
 * for IExecuteFunctions but only call getNode, getCredentials, helpers.httpRequest,
 * helpers.httpRequestWithAuthentication and helpers.prepareBinaryData, all of which a poll
 * context has. Nothing that reads input items or
 * per-item parameters is ever handed this view.
 */
export function asRequestContext(fx: IPollFunctions): IExecuteFunctions {
	return fx as unknown as IExecuteFunctions;
}

/** What n8n-core's PollContext allows when the instance does not say (n8n before 2.4x). */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/**
 * The moment a poll should stop starting new work (downloads, recording checks) and hand over what
 * it has: newer n8n abandons a poll that overruns its budget, older n8n lets polls pile up.
 * 80 % of the budget leaves room for the file in flight and the hand-over.
 */
export function pollDeadline(fx: IPollFunctions, startedAt: number): number {
	const reported = typeof fx.getPollBudgetMs === 'function' ? fx.getPollBudgetMs() : DEFAULT_POLL_BUDGET_MS;
	const budget = Number.isFinite(reported) && reported > 0 ? reported : DEFAULT_POLL_BUDGET_MS;
	return startedAt + Math.floor(budget * 0.8);
}

/**
 * Overlapping polls. n8n before durable poll cursors hands every tick the same live static data
 * and starts the next tick on schedule even when the last one is still downloading, so two polls
 * would read the same state and emit the same content twice. The first one marks the state busy
 * (with an expiry, in case the mark is ever saved and the process dies); the others skip.
 */
export const BUSY_FIELD = 'pollBusyUntil';

export function isBusy(data: Record<string, unknown>, now: number): boolean {
	const until = data[BUSY_FIELD];
	return typeof until === 'number' && until > now;
}

export function markBusy(data: Record<string, unknown>, until: number): void {
	data[BUSY_FIELD] = until;
}

export function clearBusy(data: Record<string, unknown>): void {
	delete data[BUSY_FIELD];
}

/** Added to a failed poll's error: the user's next question is whether anything was lost. */
export const STATE_KEPT_NOTE =
	'The trigger kept its place: the next poll starts where the last successful one ended, so nothing is skipped.';

export function withStateKeptNote(error: unknown): unknown {
	const e = error as { description?: string | null } | undefined;
	if (typeof e === 'object' && e !== null) {
		e.description = [e.description, STATE_KEPT_NOTE].filter(Boolean).join(' ');
	}
	return error;
}

/** An error as the poll passes it on: ours as written, anything else wrapped for n8n. */
export function asPollError(fx: IPollFunctions, error: unknown): Error {
	return ownError(error) ?? new NodeOperationError(fx.getNode(), error as Error);
}
