import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY } from '../http/retryPolicy';
import type { CallOptions } from '../http/types';

/**
 * How long one poll may run. n8n gives a poll a budget; the poll stops starting new work at its
 * deadline, and every request it sends must be over before its busy mark runs out.
 */

/** How long a busy mark outlives the poll's own deadline, should it ever be left behind. */
export const BUSY_GRACE_MS = 60_000;
/** What n8n-core's PollContext allows when the instance does not say (n8n before 2.4x). */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** How long before its busy mark runs out a poll's last request must be over. */
const BUSY_MARGIN_MS = 5_000;

/**
 * The moment a poll starting now must have every request over (see RetryPolicy.finishBy): just
 * before its busy mark runs out, however long its requests would otherwise be allowed to wait.
 */
export function pollTimeLimit(fx: IPollFunctions, startedAt = Date.now()): number {
	return pollDeadline(fx, startedAt) + BUSY_GRACE_MS - BUSY_MARGIN_MS;
}

/** A poll's transport: the same run, every request of it bound to end within `finishBy`. */
export function withinPoll<R extends { call: CallOptions }>(run: R, finishBy: number): R {
	return { ...run, call: { ...run.call, policy: { ...(run.call.policy ?? DEFAULT_RETRY_POLICY), finishBy } } };
}

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

export function isBusy(data: IDataObject, now: number): boolean {
	const until = data[BUSY_FIELD];
	return typeof until === 'number' && until > now;
}

/**
 * The same mark, held in this process too. Under n8n's durable poll cursors each poll works on its
 * own copy of the static data, so a mark there is invisible to an overlapping poll, and n8n 2.41
 * polls at activation and again on schedule seconds later: a slow first poll would run twice from
 * an empty cursor. Polls run in one process (the main, or the leader of several), so a mark in
 * its memory covers them.
 */
const runningPolls = new Map<string, number>();

/**
 * A copy can also be stale without any overlap: n8n's durable scheduler reads the cursor before
 * the poll starts, and the poll before it commits its cursor only after handing over its items.
 * A scheduled poll that read the cursor in that gap, and started after the busy mark was gone,
 * would walk everything again from the older place. So the process also remembers what each
 * trigger's last poll saved (its state's `polledAt`), and a poll holding an older copy skips;
 * the next one reads the saved place. Remembered for a minute only: should a save never reach
 * n8n (a poll whose lease ran out), polls go on from the place n8n kept, repeating, not losing.
 */
export const STALE_COPY_MS = 60_000;
const lastSaved = new Map<string, { stamp: number; at: number }>();

function pollKey(fx: IPollFunctions): string {
	const node = fx.getNode();
	return `${String(fx.getWorkflow().id ?? '')} ${node.id ?? node.name}`;
}

function isStaleCopy(key: string, seenStamp: number | undefined, now: number): boolean {
	const saved = lastSaved.get(key);
	return saved !== undefined && now - saved.at < STALE_COPY_MS && (seenStamp ?? -Infinity) < saved.stamp;
}

/**
 * Marks this trigger's poll running until `until`. False when another poll of it still runs, or
 * when `seenStamp` (the `polledAt` of the state this poll was given) is older than the last save.
 */
export function claimPoll(fx: IPollFunctions, data: IDataObject, now: number, until: number, seenStamp?: number): boolean {
	const key = pollKey(fx);
	if (isBusy(data, now) || (runningPolls.get(key) ?? 0) > now || isStaleCopy(key, seenStamp, now)) return false;
	data[BUSY_FIELD] = until;
	runningPolls.set(key, until);
	return true;
}

/** Ends the poll's mark; `savedStamp` is the `polledAt` of the state it saved, if it saved one. */
export function releasePoll(fx: IPollFunctions, data: IDataObject, savedStamp?: number): void {
	delete data[BUSY_FIELD];
	const key = pollKey(fx);
	runningPolls.delete(key);
	if (savedStamp === undefined) return;
	const now = Date.now();
	for (const [other, saved] of lastSaved) if (now - saved.at >= STALE_COPY_MS) lastSaved.delete(other);
	lastSaved.set(key, { stamp: savedStamp, at: now });
}
