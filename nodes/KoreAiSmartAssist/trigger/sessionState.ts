import type { IDataObject } from 'n8n-workflow';

import type { FailingLog } from '../../shared/failedWork';
import { forgetUnreachable, MAX_REMEMBERED, readTriggerState, type TriggerState } from '../../shared/pollingTrigger';

/**
 * What the trigger remembers between polls, in the workflow's static data.
 *
 * - `cursor`: where the last successful poll's search ended. The next poll searches from
 *   `cursor − Look Back`: Kore.ai lists calls by start time, and a call only counts once ended.
 * - `seen`: every session already emitted or given up, with when the trigger first saw it ended
 *   (n8n's clock). A session never starts after it is seen (give or take CLOCK_SKEW_S between the
 *   two clocks), so once `seen + skew` is before the horizon, no search can return the session
 *   again and it is dropped: `seen` holds about one Look Back period of calls.
 * - `horizon`: no search reaches back before it; it follows `cursor − Look Back` and never goes
 *   back, even when Look Back is raised later. If `seen` still outgrows MAX_REMEMBERED, the
 *   oldest are dropped and the horizon moves past them, so a forgotten call cannot return.
 * - `pending`: ended calls whose recording is still being produced, with their call details, so
 *   later polls can check them again without finding them again. At most MAX_PENDING: when it
 *   is full, new calls wait (unseen) for a later poll rather than being dropped.
 * - `failing`: sessions whose recording check failed transiently, with how many polls it failed
 *   on (nodes/shared/failedWork.ts). Such a session waits on `pending` for its next try, so a
 *   record lives only as long as its session is pending. Absent in a state saved before failures
 *   were tracked.
 * - `scope`: the account and bot the state was built for; a change starts afresh.
 */

export const STATE_VERSION = 1;
export { MAX_REMEMBERED };
export const MAX_PENDING = 100;
/** How far Kore.ai's clock may be ahead of n8n's without a forgotten call coming back. */
export const CLOCK_SKEW_S = 15 * 60;
/** Re-checks of a pending recording back off from one minute to this. */
const MAX_RECHECK_S = 15 * 60;

export interface PendingSession extends IDataObject {
	record: IDataObject;
	/** Epoch s: when the trigger first saw the call ended. */
	since: number;
	checks: number;
	/** Epoch s: not asked again before this. */
	nextCheck: number;
	/** The last status Kore.ai answered (media_in_progress, call_in_progress …). */
	status: string;
}

/** `seen`: session id → epoch s when seen ended. */
export interface SessionState extends TriggerState {
	pending: Record<string, PendingSession>;
}

function isPendingMap(value: unknown): value is Record<string, PendingSession> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every(
			(p) =>
				typeof p === 'object' &&
				p !== null &&
				typeof (p as PendingSession).record === 'object' &&
				typeof (p as PendingSession).since === 'number' &&
				typeof (p as PendingSession).nextCheck === 'number',
		)
	);
}

export const STATE_KEY = 'sessionState';

export function readState(data: IDataObject, scope: string): SessionState | undefined {
	const read = readTriggerState(data, STATE_KEY, scope, STATE_VERSION);
	if (!read || !isPendingMap(read.saved.pending)) return undefined;
	return { ...read.state, pending: JSON.parse(JSON.stringify(read.saved.pending)) as Record<string, PendingSession> };
}

/** When to ask about a pending recording again: 1, 2, 4 … minutes after this check, at most 15. */
export function nextCheckAfter(nowS: number, checks: number): number {
	return nowS + Math.min(MAX_RECHECK_S, 60 * 2 ** Math.max(0, checks - 1));
}

/** The state after a poll: cursor and horizon moved, unreachable sessions forgotten, size bounded. */
export function advanceState(
	state: Omit<SessionState, 'failing'> & { failing?: FailingLog },
	cursor: number,
	lookBackMs: number,
): SessionState {
	const { seen, horizon } = forgetUnreachable(state.seen, Math.max(state.horizon, cursor - lookBackMs), CLOCK_SKEW_S);
	const failing = Object.entries(state.failing ?? {}).filter(([sessionId]) => state.pending[sessionId] !== undefined);
	return {
		...state,
		version: STATE_VERSION,
		cursor,
		horizon,
		seen,
		failing: Object.fromEntries(failing),
	};
}
