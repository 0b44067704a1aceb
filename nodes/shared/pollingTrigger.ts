import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
} from 'n8n-workflow';

import { readFailingLog, type FailingLog } from './failedWork';
import { assertNumberInRange } from './validation';
import { ownError } from './vendorRequest';

/**
 * The one polling algorithm every vendor's trigger runs. A vendor says how to find what started
 * in a range (`search`), what in a find is not seen yet, how to remember it and how to emit it;
 * the steps around that are the same for every trigger and live only here:
 *
 * - overlapping polls skip (busy mark) and a poll stops starting slow work at its deadline;
 * - the first activation (or a change of scope) takes what exists as the baseline and emits only
 *   what the user asked to backfill;
 * - later polls search from `cursor − Look Back`, never before the horizon; work left for lack of
 *   time or room holds the cursor back so the next search still covers it;
 * - the state is written only when the poll got through; a failed poll keeps its place and says so.
 *
 * Per-file (per-session) failures are judged by the shared rules in failedWork.ts inside `emit`.
 */

const HOUR_MS = 3_600_000;
/** The look-back a trigger uses unless the user sets one. */
export const DEFAULT_LOOK_BACK_HOURS = 24;
/** Thirty days: more than that is a bulk export, not a trigger's overlap. */
export const MAX_TRIGGER_HOURS = 720;
/** How long a busy mark outlives the poll's own deadline, should it ever be left behind. */
export const BUSY_GRACE_MS = 60_000;
/** What n8n-core's PollContext allows when the instance does not say (n8n before 2.4x). */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** A number-of-hours option, checked before any request; in ms. */
export function triggerHours(fx: IPollFunctions, value: unknown, label: string, min: number): number {
	return assertNumberInRange(fx.getNode(), value, label, { min, max: MAX_TRIGGER_HOURS, unit: 'hours' }) * HOUR_MS;
}

/** Backfill and Look Back as every trigger offers them, each described in the vendor's terms. */
export function pollWindowProperties(describe: { backfill: string; lookBack: string }): INodeProperties[] {
	return [
		{
			displayName: 'Backfill on First Activation (Hours)',
			name: 'backfillHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TRIGGER_HOURS },
			default: 0,
			description: describe.backfill,
		},
		{
			displayName: 'Look Back (Hours)',
			name: 'lookBackHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TRIGGER_HOURS },
			default: DEFAULT_LOOK_BACK_HOURS,
			description: describe.lookBack,
		},
	];
}

/** A trigger's download switch, in the vendor's words. */
export interface DownloadSwitch {
	name: string;
	displayName: string;
}

/**
 * The download switch and the field its files go in, as every trigger offers them; the n-th file
 * goes in `<field>_n` (filesInFields). `firstFile` names what goes in the field itself.
 */
export function downloadProperties(download: DownloadSwitch & { description: string }, firstFile: string): INodeProperties[] {
	const { name, displayName, description } = download;
	return [
		{ displayName, name, type: 'boolean', default: false, description },
		{
			displayName: 'Put Files in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: `The first ${firstFile} goes in this field, further files in <field>_1, <field>_2 …`,
			displayOptions: { show: { [name]: [true] } },
		},
	];
}

/** The download switch and its field, checked before any request. */
export function readDownload(fx: IPollFunctions, download: DownloadSwitch): { download: boolean; binaryPropertyName: string } {
	const on = fx.getNodeParameter(download.name, false) === true;
	const binaryPropertyName = on ? String(fx.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() : 'data';
	if (binaryPropertyName === '') {
		throw new NodeOperationError(fx.getNode(), `Put Files in Field is required when ${download.displayName} is on`);
	}
	return { download: on, binaryPropertyName };
}

export interface PollWindowOptions {
	lookBackHours?: number;
	backfillHours?: number;
}

/** Look Back and Backfill, as every trigger offers them. */
export function readPollWindow(fx: IPollFunctions, options: PollWindowOptions): { lookBackMs: number; backfillMs: number } {
	return {
		lookBackMs: triggerHours(fx, options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS, 'Look Back (Hours)', 1),
		backfillMs: triggerHours(fx, options.backfillHours ?? 0, 'Backfill on First Activation (Hours)', 0),
	};
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

function isBusy(data: IDataObject, now: number): boolean {
	const until = data[BUSY_FIELD];
	return typeof until === 'number' && until > now;
}

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

/** What every trigger's saved state has: where the last search ended and how far back any may reach. */
export interface CursorState {
	/** Epoch ms. */
	cursor: number;
	/** Epoch ms. */
	horizon: number;
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
	return { state: { version, scope, cursor, horizon, seen: { ...seen }, failing: readFailingLog(saved.failing) }, saved };
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
): { seen: Record<string, number>; horizon: number } {
	let reachableFrom = horizon;
	const reachable = (anchor: number) => anchor + skewS >= Math.floor(reachableFrom / 1000);
	let entries = Object.entries(seen).filter(([, anchor]) => reachable(anchor));
	if (entries.length > MAX_REMEMBERED) {
		entries.sort((a, b) => a[1] - b[1]);
		const dropped = entries.splice(0, entries.length - MAX_REMEMBERED);
		reachableFrom = Math.max(reachableFrom, (dropped[dropped.length - 1][1] + skewS + 1) * 1000);
		entries = entries.filter(([, anchor]) => reachable(anchor));
	}
	return { seen: Object.fromEntries(entries), horizon: reachableFrom };
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
	/** Emits it (or its failure items), recording what is settled. */
	emit(news: N): Promise<void>;
	/** Emitting takes time (downloads, recording checks): skipped past the deadline. */
	slow: boolean;
	/** Whether there is room to start more slow work this poll (a bounded waiting list). */
	hasRoom?(): boolean;
	/** Work carried over from earlier polls, done before the search (recordings not ready before). */
	carriedOver?(deadline: number): Promise<void>;
	/** The state after the poll, with the cursor the search may resume from, and the poll's items. */
	finish(cursor: number): { state: S; items: INodeExecutionData[] };
}

export interface PollingTrigger<S extends CursorState, T, N> {
	lookBackMs: number;
	backfillMs: number;
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

async function pollRange<S extends CursorState, T, N>(
	work: PollWork<S, T, N>,
	range: { from: number; to: number; emitFrom: number },
	deadline: number,
	lookBackMs: number,
): Promise<number> {
	if (work.slow) await work.carriedOver?.(deadline);
	let deferred = false;
	const found = range.from < range.to ? await work.search(range.from, range.to) : [];
	for (const one of found) {
		const news = work.unseen(one);
		if (news === undefined) continue;
		// Before the emit boundary (first activation): remembered, never emitted.
		if (isOld(work.startMs(news), range.emitFrom)) {
			work.remember(news);
			continue;
		}
		if (work.slow && (Date.now() > deadline || work.hasRoom?.() === false)) {
			// Left unseen for the next poll; older baseline finds after it are still remembered.
			deferred = true;
			continue;
		}
		await work.emit(news);
	}
	return deferred ? Math.min(range.to, range.from + lookBackMs) : range.to;
}

/** A trigger's `poll`: Fetch Test Event in manual mode, otherwise one poll of the algorithm above. */
export async function runPoll<S extends CursorState, T, N>(
	fx: IPollFunctions,
	trigger: PollingTrigger<S, T, N>,
): Promise<INodeExecutionData[][] | null> {
	if (fx.getMode() === 'manual') return [await trigger.testEvent()];

	const data = fx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	if (isBusy(data, startedAt)) return null;
	const deadline = pollDeadline(fx, startedAt);
	data[BUSY_FIELD] = deadline + BUSY_GRACE_MS;
	try {
		const saved = trigger.readState(data);
		const now = Date.now();
		const { lookBackMs, backfillMs } = trigger;
		let range: { from: number; to: number; emitFrom: number };
		if (saved) {
			range = { from: Math.max(saved.cursor - lookBackMs, saved.horizon), to: now, emitFrom: -Infinity };
		} else {
			// First activation (or a new scope): what exists now is the baseline, emitted only as
			// far back as the user asked to backfill.
			const from = now - Math.max(lookBackMs, backfillMs);
			range = { from, to: now, emitFrom: backfillMs > 0 ? now - backfillMs : Infinity };
		}
		const work = trigger.startWork(saved, range.from, { deadline, now });
		const cursor = await pollRange(work, range, deadline, lookBackMs);
		const { state, items } = work.finish(cursor);
		// Only a poll that got this far moves the cursor; a failure above leaves the state as it was.
		// One assignment: n8n sees one change, and a reader never meets half a state.
		data[trigger.stateKey] = { ...state };
		return items.length > 0 ? [items] : null;
	} catch (error) {
		throw withStateKeptNote(error);
	} finally {
		delete data[BUSY_FIELD];
	}
}
