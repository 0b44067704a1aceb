import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	type IPollFunctions,
} from 'n8n-workflow';

import {
	DEFAULT_RETRY_HOURS,
	looksLikeOutage,
	outageIsClear,
	readFailingLog,
	type FailingLog,
	type PollTally,
} from './failedWork';
import { assertNumberInRange } from './validation';
import { DEFAULT_RETRY_POLICY } from './retryPolicy';
import { ownError, type CallOptions } from './vendorRequest';

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
/** The look-back a trigger uses unless the user sets one. */
export const DEFAULT_LOOK_BACK_HOURS = 24;
/** Thirty days: more than that is a bulk export, not a trigger's overlap. */
export const MAX_TRIGGER_HOURS = 720;
/** How long a busy mark outlives the poll's own deadline, should it ever be left behind. */
export const BUSY_GRACE_MS = 60_000;
/** What n8n-core's PollContext allows when the instance does not say (n8n before 2.4x). */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;
/** Items (interactions, calls) one poll emits unless the user sets another bound. */
export const DEFAULT_MAX_ITEMS_PER_POLL = 100;
/** A backlog walk's first search window; it doubles while windows come back with room to spare. */
const FIRST_WALK_WINDOW_MS = HOUR_MS;
const MAX_WALK_WINDOW_MS = 7 * 24 * HOUR_MS;
/** One poll's items live in memory (and their files in the binary store) until the execution ends. */
const MAX_ITEMS_PER_POLL = 100_000;

/** A number-of-hours option, checked before any request; in ms. */
export function triggerHours(fx: IPollFunctions, value: unknown, label: string, min: number): number {
	return assertNumberInRange(fx.getNode(), value, label, { min, max: MAX_TRIGGER_HOURS, unit: 'hours' }) * HOUR_MS;
}

/** Backfill, Look Back and the bounds of a poll as every trigger offers them, in the vendor's terms. */
export function pollWindowProperties(describe: { backfill: string; lookBack: string; items: string }): INodeProperties[] {
	return [
		{
			displayName: 'Max Items per Poll',
			name: 'maxItemsPerPoll',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_ITEMS_PER_POLL,
			description: `At most this many ${describe.items} per poll, oldest first. The rest come out on the following polls, which continue where this one stopped, so a backlog drains in bounded steps.`,
		},
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'dateTime',
			default: '',
			description:
				'Backfill from this date: on its first poll the trigger walks history from here, Max Items per Poll at a time, until it reaches now, then polls as usual. Takes the place of Backfill on First Activation. Changing it starts the trigger afresh.',
		},
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
		{
			displayName: 'Retry Failing Downloads For (Hours)',
			name: 'retryHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TRIGGER_HOURS },
			default: DEFAULT_RETRY_HOURS,
			description:
				'A download that fails for a reason that may pass (a server error, a dropped connection) is tried again on later polls, 1, 2, 4 … minutes apart, for this long (at most Look Back), then reported as a failure item. 0 reports it at once.',
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
	retryHours?: number;
	maxItemsPerPoll?: number;
	startFrom?: string;
}

export interface PollWindow {
	lookBackMs: number;
	backfillMs: number;
	/** How long failing work is tried again: the user's window, never beyond Look Back. */
	retryWindowMs: number;
	maxItems: number;
	/** Epoch ms; undefined when the trigger starts from now. */
	startFrom?: number;
}

/** Look Back, Backfill, the retry window and a poll's bounds, as every trigger offers them. */
export function readPollWindow(fx: IPollFunctions, options: PollWindowOptions): PollWindow {
	const node = fx.getNode();
	const lookBackMs = triggerHours(fx, options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS, 'Look Back (Hours)', 1);
	const retryMs = triggerHours(fx, options.retryHours ?? DEFAULT_RETRY_HOURS, 'Retry Failing Downloads For (Hours)', 0);
	const maxItems = assertNumberInRange(node, options.maxItemsPerPoll ?? DEFAULT_MAX_ITEMS_PER_POLL, 'Max Items per Poll', { min: 1, max: MAX_ITEMS_PER_POLL, unit: 'items' });
	const window: PollWindow = {
		lookBackMs,
		backfillMs: triggerHours(fx, options.backfillHours ?? 0, 'Backfill on First Activation (Hours)', 0),
		retryWindowMs: Math.min(retryMs, lookBackMs),
		maxItems: Math.floor(maxItems),
	};
	const startFrom = typeof options.startFrom === 'string' ? options.startFrom.trim() : '';
	if (startFrom !== '') {
		const ms = Date.parse(startFrom);
		if (Number.isNaN(ms)) throw new NodeOperationError(node, `Start From "${startFrom}" is not a date`);
		window.startFrom = ms;
	}
	return window;
}

/** What a trigger's scope gains from Start From: nothing when unset, so states saved before it stay valid. */
export function startFromScope(window: PollWindow): { startFrom?: number } {
	return window.startFrom === undefined ? {} : { startFrom: window.startFrom };
}

/**
 * The moment a poll should stop starting new work (downloads, recording checks) and hand over what
 * it has: newer n8n abandons a poll that overruns its budget, older n8n lets polls pile up.
 * 80 % of the budget leaves room for the file in flight and the hand-over.
 */
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
	if (isBusy(data, startedAt)) return null;
	const deadline = pollDeadline(fx, startedAt);
	data[BUSY_FIELD] = deadline + BUSY_GRACE_MS;
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
		return items.length > 0 ? [items] : null;
	} catch (error) {
		throw withStateKeptNote(error);
	} finally {
		delete data[BUSY_FIELD];
	}
}
