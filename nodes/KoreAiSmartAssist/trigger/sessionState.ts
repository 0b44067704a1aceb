import type { IDataObject } from 'n8n-workflow';

import type { FailingLog } from '../../shared/trigger/failedWork';
import { forgetUnreachable, readTriggerState, type TriggerState } from '../../shared/trigger/state';

/**
 * The Kore.ai trigger's state (TriggerState); `scope`: the account and bot.
 *
 * - `seen`: every session emitted or given up, anchored at its start, or when its start cannot be
 *   read, when the trigger first saw it ended (n8n's clock), which it cannot have started after.
 *   Give or take CLOCK_SKEW_S between the clocks, once `seen + skew` is before the horizon no
 *   search can return it again.
 * - `pending`: ended calls whose recording is still being produced, with their call details, so
 *   later polls can check them again without finding them again. At most MAX_PENDING: when it
 *   is full, new calls wait (unseen) for a later poll rather than being dropped.
 * - `failing`: a session whose check failed transiently waits on `pending` for its next try, so
 *   its record lives only as long as it is pending.
 */

export const STATE_VERSION = 1;
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
	reachFrom = cursor - lookBackMs,
): SessionState {
	const { seen, horizon } = forgetUnreachable(state.seen, Math.max(state.horizon, reachFrom), CLOCK_SKEW_S);
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
