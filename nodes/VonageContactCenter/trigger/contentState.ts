import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { readFailingLog, type FailingLog } from '../../shared/failedWork';
import { forgetUnreachable, MAX_REMEMBERED } from '../../shared/pollingTrigger';
import type { ContentEntry } from './interactionSearch';

/**
 * What the trigger remembers between polls, in the workflow's static data.
 *
 * - `cursor`: where the last successful poll's search ended. The next poll searches from
 *   `cursor − Look Back`, because VCC searches by interaction start and content arrives later.
 * - `seen`: a fingerprint of every content file already emitted (guid + contentKey +
 *   lastModified), with the start of its interaction. A re-processed file (new lastModified) is
 *   new content and is emitted again; the same file never is.
 * - `horizon`: no search ever reaches back before it. It moves forward to `cursor − Look Back`
 *   after each poll, and fingerprints of interactions that started before it are dropped: the
 *   search can no longer return those interactions, so forgetting them cannot cause a repeat.
 *   That bounds `seen` to the content of one Look Back period. Should that still exceed
 *   MAX_REMEMBERED, the oldest are dropped and the horizon moves past them, so a
 *   forgotten file can never come back as new (its late content is not caught either).
 *   The horizon also guards a Look Back raised later: the search never reaches back past what
 *   the trigger still remembers.
 * - `failing`: files whose download failed transiently and are tried again on later polls
 *   (nodes/shared/failedWork.ts), keyed by fingerprint and anchored at their interaction's start
 *   like `seen`. One that falls behind the horizon before its last try is reported as failed
 *   rather than forgotten. Absent in a state saved before failures were tracked.
 * - `scope`: the content types and filters the state was built for; a change starts afresh.
 */

export const STATE_VERSION = 1;
export { MAX_REMEMBERED };

export interface ContentState {
	version: number;
	scope: string;
	/** Epoch ms. */
	cursor: number;
	/** Epoch ms. */
	horizon: number;
	/** Fingerprint → interaction start, epoch seconds. */
	seen: Record<string, number>;
	/** Fingerprint → a file being tried again; anchor: interaction start, epoch seconds. */
	failing: FailingLog;
}

/** 96 bits of SHA-256: readable keys would triple the size of the state for no use. */
export function contentFingerprint(guid: string, entry: ContentEntry): string {
	const key = `${guid}\n${entry.contentKey}\n${typeof entry.lastModified === 'string' ? entry.lastModified : ''}`;
	return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

function isSeenMap(value: unknown): value is Record<string, number> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.values(value).every((v) => typeof v === 'number')
	);
}

/** The saved state, or undefined on first activation, after a change of filters, or if unreadable. */
export function readState(data: IDataObject, scope: string): ContentState | undefined {
	const saved = data.contentState as IDataObject | undefined;
	if (typeof saved !== 'object' || saved === null) return undefined;
	const { version, cursor, horizon, seen } = saved;
	if (version !== STATE_VERSION || saved.scope !== scope) return undefined;
	if (typeof cursor !== 'number' || typeof horizon !== 'number' || !isSeenMap(seen)) return undefined;
	return { version, scope, cursor, horizon, seen: { ...seen }, failing: readFailingLog(saved.failing) };
}

export function writeState(data: IDataObject, state: ContentState): void {
	// One assignment: n8n sees one change, and a reader never meets half a state.
	data.contentState = { ...state };
}

/**
 * The state after a poll: cursor and horizon moved, fingerprints no search can reach dropped,
 * and the size kept under MAX_REMEMBERED. Failing files are dropped by the same rule as fingerprints
 * (the poll reports those as given up: no search will return them again).
 */
export function advanceState(
	state: Omit<ContentState, 'cursor' | 'horizon' | 'failing'> & { horizon: number; failing?: FailingLog },
	cursor: number,
	lookBackMs: number,
): ContentState {
	const { seen, horizon } = forgetUnreachable(state.seen, Math.max(state.horizon, cursor - lookBackMs));
	const reachableFrom = Math.floor(horizon / 1000);
	const failing = Object.entries(state.failing ?? {}).filter(([, work]) => work.anchor >= reachableFrom);
	return {
		version: STATE_VERSION,
		scope: state.scope,
		cursor,
		horizon,
		seen,
		failing: Object.fromEntries(failing),
	};
}
