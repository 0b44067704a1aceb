import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { looksLikeOutage, outageIsClear, type PollTally } from './failedWork';
import { ownError } from '../http/vendorErrors';
import { BUSY_GRACE_MS, claimPoll, pollDeadline, releasePoll } from './pollTime';
import { savedPolledAt, type Backlog, type CursorState } from './state';

/**
 * The one polling algorithm every vendor's trigger runs. A vendor says how to find what started
 * in a range (`search`), what in a find is not seen yet, how to remember it and how to emit it;
 * the steps around that are the same for every trigger and live only here:
 *
 * - overlapping polls skip (busy mark) and a poll stops starting slow work at its deadline;
 * - the first activation (or a change of scope) takes what exists as the baseline and emits only
 *   what the user asked to backfill;
 * - later polls search from `cursor − Look Back`, never before the horizon;
 * - a poll emits at most Max Items per Poll, oldest first. What it leaves (for lack of items, time
 *   or room) becomes a backlog: a position (`backlog.next`, a start time) the following polls walk
 *   on from, window by window, until they reach where the search that left it ended. The position,
 *   not the remembered fingerprints, keeps a long walk from emitting anything twice: `seen` only
 *   has to cover the boundary and the last Look Back, whatever the size of the backlog;
 * - Start From makes the first activation such a walk, from that date;
 * - the state is written only when the poll got through; a failed poll keeps its place and says so.
 *   A poll whose every download failed transiently is failed on purpose (an outage: failedWork.ts).
 *
 * Per-file (per-session) failures are judged by the shared rules in failedWork.ts inside `emit`.
 */


const HOUR_MS = 3_600_000;
/** A backlog walk's first search window; it doubles while windows come back with room to spare. */
const FIRST_WALK_WINDOW_MS = HOUR_MS;
const MAX_WALK_WINDOW_MS = 7 * 24 * HOUR_MS;

/** Added to a failed poll's error: the user's next question is whether anything was lost. */
export const STATE_KEPT_NOTE =
	'The trigger kept its place: the next poll starts where the last successful one ended, so nothing is skipped.';

function withStateKeptNote(error: unknown): unknown {
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

/** One poll's work, as a vendor does it; `N` is a find reduced to what is new in it. */
export interface PollWork<S extends CursorState, T, N> {
	/** What started in [from, to), oldest first, each once. */
	search(from: number, to: number): Promise<T[]>;
	/** The part of a find not seen (or waiting) yet; undefined when there is nothing to do. */
	unseen(found: T): N | undefined;
	/** Start, epoch ms; undefined when unreadable (old on first activation, new afterwards). */
	startMs(news: N): number | undefined;
	/** Remembered without emitting: the baseline of the first activation. */
	remember(news: N): void;
	/**
	 * Emits it (or its failure items), recording what is settled. Returns false when part of it
	 * is left waiting for a later try that only a search finds again: a walk then holds its
	 * position there, so it is not passed by.
	 */
	emit(news: N): Promise<boolean | void>;
	/** Emitting takes time (downloads, recording checks): skipped past the deadline. */
	slow: boolean;
	/** Whether there is room to start more slow work this poll (a bounded waiting list). */
	hasRoom?(): boolean;
	/** Work carried over from earlier polls, done before the search (recordings not ready before). */
	carriedOver?(deadline: number): Promise<void>;
	/** What the downloads of this poll came to, for the outage verdict (failedWork.ts). */
	tally?: PollTally;
	/**
	 * The state after the poll, with the cursor the search may resume from, and the poll's items.
	 * `reachFrom`: the earliest start a later search may still return (the horizon follows it).
	 */
	finish(cursor: number, reachFrom: number): { state: S; items: INodeExecutionData[] };
}

export interface PollingTrigger<S extends CursorState, T, N> {
	lookBackMs: number;
	backfillMs: number;
	/** How long failing work is tried again; an outage verdict holds no longer than this. */
	retryWindowMs: number;
	/** Items (news) one poll emits at most. */
	maxItems: number;
	/** Epoch ms: the first activation walks history from here instead of taking a baseline. */
	startFrom?: number;
	/** Where in the node's static data the state lives. */
	stateKey: string;
	/** The saved state, or undefined on first activation, a change of scope, or an unreadable state. */
	readState(data: IDataObject): S | undefined;
	/** One poll's work from a saved state, or (`saved` undefined) from nothing, reaching back to `horizon`. */
	startWork(saved: S | undefined, horizon: number, context: { deadline: number; now: number }): PollWork<S, T, N>;
	/** Fetch Test Event: the newest items, or a clear error. */
	testEvent(): Promise<INodeExecutionData[]>;
}

function isOld(startMs: number | undefined, emitFrom: number): boolean {
	return startMs === undefined ? emitFrom !== -Infinity : startMs < emitFrom;
}

interface PassLimits {
	deadline: number;
	/** Items this poll may still emit; counted down. */
	left: number;
	/** The earliest start of work emit() left waiting this poll (see PollWork.emit). */
	waitingFrom?: number;
}

/**
 * Emits what is new in one search's finds, oldest first, within the poll's limits. Returns the
 * start of the first find left for a later poll, or undefined when none was left. `fallback`
 * stands for a find whose start cannot be read (the search window's start: searched again).
 */
async function emitFound<S extends CursorState, T, N>(
	work: PollWork<S, T, N>,
	found: T[],
	emitFrom: number,
	limits: PassLimits,
	fallback: number,
): Promise<number | undefined> {
	let stop: number | undefined;
	for (const one of found) {
		const news = work.unseen(one);
		if (news === undefined) continue;
		const start = work.startMs(news);
		// Before the emit boundary (first activation): remembered, never emitted.
		if (isOld(start, emitFrom)) {
			work.remember(news);
			continue;
		}
		if (stop !== undefined) continue;
		const outOfTime = work.slow && (Date.now() > limits.deadline || work.hasRoom?.() === false);
		const outage = work.tally !== undefined && outageIsClear(work.tally);
		if (limits.left <= 0 || outOfTime || outage) {
			// Left unseen for a later poll; older baseline finds after it are still remembered.
			stop = start ?? fallback;
			continue;
		}
		const settled = await work.emit(news);
		limits.left--;
		if (settled === false) limits.waitingFrom = Math.min(limits.waitingFrom ?? Infinity, start ?? fallback);
	}
	return stop;
}

/**
 * A backlog walk: windows from the position on, each searched and emitted oldest first, until the
 * poll's limits stop it (the new position) or it reaches `until` (undefined: the backlog is done).
 */
async function walkBacklog<S extends CursorState, T, N>(
	work: PollWork<S, T, N>,
	backlog: Backlog,
	limits: PassLimits,
): Promise<Backlog | undefined> {
	const next = await walkFrom(work, backlog, limits);
	// A walk that reached its end is done, even with work waiting: holding it for that would hold
	// back every newer item for as long as the retry window. What waits is then judged by Look Back.
	return next === undefined ? undefined : { next: Math.min(next, limits.waitingFrom ?? next), until: backlog.until };
}

async function walkFrom<S extends CursorState, T, N>(
	work: PollWork<S, T, N>,
	backlog: Backlog,
	limits: PassLimits,
): Promise<number | undefined> {
	let from = backlog.next;
	let span = FIRST_WALK_WINDOW_MS;
	while (from < backlog.until) {
		const stopped = Date.now() > limits.deadline || limits.left <= 0 || (work.tally !== undefined && outageIsClear(work.tally));
		if (stopped) return from;
		const to = Math.min(backlog.until, from + span);
		const stop = await emitFound(work, await work.search(from, to), -Infinity, limits, from);
		if (stop !== undefined) return Math.max(stop, from);
		// The window had room to spare: wider windows, fewer searches over sparse history.
		span = Math.min(MAX_WALK_WINDOW_MS, span * 2);
		from = to;
	}
	return undefined;
}

/** Why an outage fails the poll, for its error: the user's next question is what happens to the files. */
export const OUTAGE_NOTE =
	'Every download this poll tried failed for a reason that may pass, which points at the vendor rather than at any one file. No file was given up and none used its retry window; the next poll tries them again.';

function outageError(fx: IPollFunctions, tally: PollTally): Error {
	const last = tally.lastTransient as { message?: unknown } | undefined;
	const quoted = typeof last?.message === 'string' ? last.message : String(tally.lastTransient);
	return new NodeOperationError(fx.getNode(), `All ${tally.tried} downloads this poll failed (the last: ${quoted})`, {
		description: OUTAGE_NOTE,
	});
}

/** A trigger's `poll`: Fetch Test Event in manual mode, otherwise one poll of the algorithm above. */
export async function runPoll<S extends CursorState, T, N>(
	fx: IPollFunctions,
	trigger: PollingTrigger<S, T, N>,
): Promise<INodeExecutionData[][] | null> {
	if (fx.getMode() === 'manual') return [await trigger.testEvent()];

	const data = fx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	const deadline = pollDeadline(fx, startedAt);
	if (!claimPoll(fx, data, startedAt, deadline + BUSY_GRACE_MS, savedPolledAt(data, trigger.stateKey))) return null;
	let savedStamp: number | undefined;
	try {
		const saved = trigger.readState(data);
		const now = Date.now();
		const { lookBackMs, backfillMs } = trigger;
		const limits: PassLimits = { deadline, left: trigger.maxItems };
		let cursor = now;
		let backlog: Backlog | undefined;
		let work: PollWork<S, T, N>;
		if (!saved && trigger.startFrom !== undefined) {
			// Start From: a walk from that date. Nothing before it is ever searched, so no baseline.
			work = trigger.startWork(undefined, trigger.startFrom, { deadline, now });
			backlog = await walkBacklog(work, { next: trigger.startFrom, until: now }, limits);
		} else if (saved?.backlog) {
			work = trigger.startWork(saved, saved.horizon, { deadline, now });
			if (work.slow) await work.carriedOver?.(deadline);
			cursor = saved.backlog.until;
			// Never before the horizon: what was forgotten over the cap had been emitted before it.
			backlog = await walkBacklog(work, { next: Math.max(saved.backlog.next, saved.horizon), until: cursor }, limits);
		} else {
			let range: { from: number; to: number; emitFrom: number };
			if (saved) {
				range = { from: Math.max(saved.cursor - lookBackMs, saved.horizon), to: now, emitFrom: -Infinity };
			} else {
				// First activation (or a new scope): what exists now is the baseline, emitted only as
				// far back as the user asked to backfill.
				const from = now - Math.max(lookBackMs, backfillMs);
				range = { from, to: now, emitFrom: backfillMs > 0 ? now - backfillMs : Infinity };
			}
			work = trigger.startWork(saved, range.from, { deadline, now });
			if (work.slow) await work.carriedOver?.(deadline);
			const found = range.from < range.to ? await work.search(range.from, range.to) : [];
			const stop = await emitFound(work, found, range.emitFrom, limits, range.from);
			if (stop !== undefined) backlog = { next: Math.min(stop, limits.waitingFrom ?? stop), until: range.to };
		}
		// A first activation has no place to lose: failing it leaves the next poll to start again.
		const lastGood = saved ? (saved.polledAt ?? saved.cursor) : now;
		if (work.tally && looksLikeOutage(work.tally) && now - lastGood < trigger.retryWindowMs) {
			throw outageError(fx, work.tally);
		}
		const reachFrom = backlog ? Math.min(backlog.next, cursor - lookBackMs) : cursor - lookBackMs;
		const { state, items } = work.finish(cursor, reachFrom);
		const next: S = { ...state, polledAt: now };
		if (backlog) next.backlog = backlog;
		else delete next.backlog;
		// Only a poll that got this far moves the cursor; a failure above leaves the state as it was.
		// One assignment: n8n sees one change, and a reader never meets half a state.
		data[trigger.stateKey] = { ...next };
		savedStamp = now;
		return items.length > 0 ? [items] : null;
	} catch (error) {
		throw withStateKeptNote(error);
	} finally {
		releasePoll(fx, data, savedStamp);
	}
}
