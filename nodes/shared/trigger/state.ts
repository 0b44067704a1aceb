import type { IDataObject } from 'n8n-workflow';

import { readFailingLog, type FailingLog } from './failedWork';

/**
 * Where a bounded poll stopped: the next poll walks on from `next` (a start time, epoch ms; what
 * started before it was emitted) to `until` (epoch ms: where the search that left it ended).
 */
export interface Backlog {
	next: number;
	until: number;
}

function readBacklog(value: unknown): Backlog | undefined {
	const b = (typeof value === 'object' && value !== null ? value : {}) as Partial<Backlog>;
	return typeof b.next === 'number' && typeof b.until === 'number' ? { next: b.next, until: b.until } : undefined;
}

/** What every trigger's saved state has: where the last search ended and how far back any may reach. */
export interface CursorState {
	/** Epoch ms. */
	cursor: number;
	/** Epoch ms. */
	horizon: number;
	/** A walk in progress; absent when the last poll emitted all it found. */
	backlog?: Backlog;
	/** Epoch ms of the last poll that got through (absent in states saved before it was kept). */
	polledAt?: number;
}

/**
 * What every trigger saves in the workflow's static data; a vendor adds its own fields.
 *
 * - `cursor`: where the last successful poll's search ended; the next one searches from
 *   `cursor − Look Back`, as vendors search by start time and what the trigger waits for comes later.
 * - `horizon`: no search reaches back before it. It follows `cursor − Look Back` and never goes
 *   back (a Look Back raised later included), and `seen` entries no search can return any more are
 *   dropped by it (forgetUnreachable), so `seen` holds about one Look Back period.
 * - `failing`: work failing transiently, tried again on later polls (failedWork.ts); absent in a
 *   state saved before failures were tracked.
 * - `backlog`: see Backlog. While it lasts, `cursor` is its `until`, and the horizon follows the
 *   walk's position so `seen` need not hold what the walk has passed.
 */
export interface TriggerState extends CursorState {
	version: number;
	/** What the state was built for (account, filters …): a change starts the trigger afresh. */
	scope: string;
	/** Key → anchor, epoch s (see forgetUnreachable). */
	seen: Record<string, number>;
	failing: FailingLog;
}

function isNumberMap(value: unknown): value is Record<string, number> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

/**
 * The state saved under `key` and the saved object it came from (for a vendor's own fields), or
 * undefined on first activation, after a change of scope or version, or when it is unreadable.
 */
export function readTriggerState(
	data: IDataObject,
	key: string,
	scope: string,
	version: number,
): { state: TriggerState; saved: IDataObject } | undefined {
	const saved = data[key] as IDataObject | undefined;
	if (typeof saved !== 'object' || saved === null) return undefined;
	const { cursor, horizon, seen } = saved;
	if (saved.version !== version || saved.scope !== scope) return undefined;
	if (typeof cursor !== 'number' || typeof horizon !== 'number' || !isNumberMap(seen)) return undefined;
	const state: TriggerState = { version, scope, cursor, horizon, seen: { ...seen }, failing: readFailingLog(saved.failing) };
	const backlog = readBacklog(saved.backlog);
	if (backlog) state.backlog = backlog;
	if (typeof saved.polledAt === 'number') state.polledAt = saved.polledAt;
	return { state, saved };
}

/**
 * When the state under `key` was saved (its `polledAt`), whatever scope or version it was saved
 * for: which copy of the state a poll was handed (see claimPoll), not whether it can be used.
 */
export function savedPolledAt(data: IDataObject, key: string): number | undefined {
	const saved = data[key];
	if (typeof saved !== 'object' || saved === null || !('polledAt' in saved)) return undefined;
	return typeof saved.polledAt === 'number' ? saved.polledAt : undefined;
}

/** About 0.7 MB of static data; an account needs more than this in one Look Back to reach it. */
export const MAX_REMEMBERED = 20_000;

/**
 * What a trigger has seen, trimmed to what a search from `horizon` (epoch ms) could still return.
 * Each entry is an anchor in epoch seconds (an interaction's start, or when a call was seen
 * ended); one is reachable while `anchor + skewS` is not before the horizon, `skewS` allowing for
 * a vendor clock ahead of n8n's. Beyond MAX_REMEMBERED the oldest are dropped and the horizon
 * moves past them, so a forgotten entry can never be found (and emitted) again.
 */
export function forgetUnreachable(
	seen: Record<string, number>,
	horizon: number,
	skewS = 0,
	cap = MAX_REMEMBERED,
): { seen: Record<string, number>; horizon: number } {
	let reachableFrom = horizon;
	const reachable = (anchor: number) => anchor + skewS >= Math.floor(reachableFrom / 1000);
	let entries = Object.entries(seen).filter(([, anchor]) => reachable(anchor));
	if (entries.length > cap) {
		entries.sort((a, b) => a[1] - b[1]);
		const dropped = entries.splice(0, entries.length - cap);
		reachableFrom = Math.max(reachableFrom, (dropped[dropped.length - 1][1] + skewS + 1) * 1000);
		entries = entries.filter(([, anchor]) => reachable(anchor));
	}
	return { seen: Object.fromEntries(entries), horizon: reachableFrom };
}

