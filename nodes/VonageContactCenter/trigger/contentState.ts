import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { FailingLog } from '../../shared/failedWork';
import { forgetUnreachable, MAX_REMEMBERED, readTriggerState, type TriggerState } from '../../shared/pollingTrigger';
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

/** `seen` and `failing` are keyed by fingerprint and anchored at the interaction's start. */
export type ContentState = TriggerState;

/** 96 bits of SHA-256: readable keys would triple the size of the state for no use. */
export function contentFingerprint(guid: string, entry: ContentEntry): string {
	const key = `${guid}\n${entry.contentKey}\n${typeof entry.lastModified === 'string' ? entry.lastModified : ''}`;
	return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

export const STATE_KEY = 'contentState';

export function readState(data: IDataObject, scope: string): ContentState | undefined {
	return readTriggerState(data, STATE_KEY, scope, STATE_VERSION)?.state;
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
