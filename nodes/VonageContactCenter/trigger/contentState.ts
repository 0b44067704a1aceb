import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { FailingLog } from '../../shared/trigger/failedWork';
import { forgetUnreachable, readTriggerState, type TriggerState } from '../../shared/trigger/state';
import type { ContentEntry } from '../transport/endpoints';

/**
 * The Vonage trigger's state (TriggerState). `seen` holds a fingerprint of every content file
 * emitted (guid + contentKey + lastModified), anchored at its interaction's start: a re-processed
 * file (new lastModified) is new content, the same file never is. A failing file that falls behind
 * the horizon before its last try is reported as failed rather than forgotten. `scope`: the
 * content types and filters.
 */

export const STATE_VERSION = 1;

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
 * and the size kept under MAX_REMEMBERED. `reachFrom`: the earliest start a later search may return
 * (a backlog walk's position can be older than `cursor − lookBackMs`). Failing files are dropped by the same rule as fingerprints
 * (the poll reports those as given up: no search will return them again).
 */
export function advanceState(
	state: Omit<ContentState, 'cursor' | 'horizon' | 'failing'> & { horizon: number; failing?: FailingLog },
	cursor: number,
	lookBackMs: number,
	reachFrom = cursor - lookBackMs,
): ContentState {
	const { seen, horizon } = forgetUnreachable(state.seen, Math.max(state.horizon, reachFrom));
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
