import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { scrubSecretPatterns } from '../http/secretScrubbing';
import { ownError } from '../http/vendorErrors';

/**
 * A polling trigger's per-file (per-session) work that fails. One file that can never be fetched
 * must not fail every poll: nothing newer would ever be emitted and the search range would keep
 * growing. So a failure of one piece of work is judged here, the same way for every trigger:
 *
 * - **permanent** (a 4xx other than those below, a redirect refused, our own verdict such as a file
 *   over n8n's binary-store cap): retrying cannot help. Reported at once as one failure item and
 *   the trigger moves on.
 * - **transient** (5xx or a dropped connection after the request's own retries, a body cut short,
 *   an answer of the wrong shape): tried again on later polls, 1, 2, 4 … minutes apart (at most
 *   MAX_SPACING_S), for as long as the trigger's retry window (time, not a count of polls: a
 *   vendor incident lasts minutes whatever the poll interval), then reported like a permanent one.
 * - **the whole poll's** (401 and 407: the credential or proxy is refused; 429: the account is
 *   throttled): no file is to blame, so the poll fails as any other and keeps its place.
 *
 * A poll in which every piece of work tried failed transiently (two or more: one file alone says
 * nothing about the vendor) is an outage rather than bad luck of each file: the poll fails as a
 * whole (PollTally), keeps its place and spends no file's window, so an incident of any length up
 * to the window turns no recording into a failure item.
 *
 * Attempts are recorded per piece of work in the trigger's static data (FailingLog), with an anchor
 * the trigger uses to forget them under the same rule as what it has seen.
 */

/** The retry window a trigger uses unless the user sets one; Look Back bounds it. */
export const DEFAULT_RETRY_HOURS = 6;
/** The first try after a transient failure waits this long; each later one twice as long as the last. */
const FIRST_SPACING_S = 60;
/** Spacing stops growing here, so a file that comes back late in the window is not left for hours. */
export const MAX_SPACING_S = 60 * 60;
/**
 * Failing work remembered at once. Beyond it a new transient failure is reported at once rather
 * than remembered: a few hundred files failing together while others succeed is a problem the
 * user must see anyway (an outage, where nothing succeeds, never gets here: see PollTally).
 */
export const MAX_FAILING = 500;
/** Transient failures in a row, with nothing succeeding, after which a poll stops trying more. */
export const OUTAGE_EVIDENCE = 5;

export type FailureKind = 'permanent' | 'transient' | 'wholePoll';

/** Why a piece of work was given up, as the failure item says it. */
export type FailureReason = 'permanent' | 'retriesExhausted' | 'outOfLookBack' | 'tooManyFailing';

/** Refusals about the credential, a proxy or the account, never about one file. */
const WHOLE_POLL_CODES = new Set([401, 407, 429]);

export function classifyFailure(error: unknown): FailureKind {
	const known = ownError(error);
	// Errors this package did not word: a dropped socket or the like, which another poll may not meet.
	if (!known) return 'transient';
	const code = Number((known as { httpCode?: string | null }).httpCode ?? NaN);
	if (WHOLE_POLL_CODES.has(code)) return 'wholePoll';
	if (code === 408 || code >= 500) return 'transient';
	if (code >= 300) return 'permanent';
	// 2xx (a body cut short or unreadable) or no code (the network): the transport's own failures.
	if (code >= 200 || known.name === 'NodeApiError') return 'transient';
	// Our own verdict about this file (over the binary-store cap, a link we will not follow).
	return 'permanent';
}

export interface FailureDetails extends IDataObject {
	message: string;
	httpCode?: string;
	description?: string;
}

/** What a failure item says about the error: the shared error path already redacts, this again. */
export function failureDetails(error: unknown): FailureDetails {
	const e = error as { message?: unknown; httpCode?: unknown; description?: unknown } | undefined;
	const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(error);
	const details: FailureDetails = { message: scrubSecretPatterns(message) };
	if (typeof e?.httpCode === 'string' && e.httpCode !== '') details.httpCode = e.httpCode;
	if (typeof e?.description === 'string' && e.description !== '') details.description = scrubSecretPatterns(e.description);
	return details;
}

/** One piece of work that failed transiently and will be tried again. */
export interface FailingWork extends IDataObject {
	/** Polls it was tried on. */
	attempts: number;
	/** Epoch s of its first failure: the retry window runs from here (absent in older states: from the next failure). */
	since?: number;
	/** Epoch s: not tried again before this. */
	nextTry?: number;
	/** Epoch s; the trigger forgets the record by it, under the same rule as its seen entries. */
	anchor: number;
	/** What the failure item names (interaction and content key, session …). */
	subject: IDataObject;
	/** The last error, without its description (kept short: it lives in static data). */
	error: FailureDetails;
}

export type FailingLog = Record<string, FailingWork>;

function isFailingWork(value: unknown): value is FailingWork {
	const w = (typeof value === 'object' && value !== null ? value : {}) as Partial<FailingWork>;
	const isObject = (v: unknown) => typeof v === 'object' && v !== null;
	const optionalNumber = (v: unknown) => v === undefined || typeof v === 'number';
	return (
		typeof w.attempts === 'number' &&
		typeof w.anchor === 'number' &&
		optionalNumber(w.since) &&
		optionalNumber(w.nextTry) &&
		isObject(w.subject) &&
		isObject(w.error) &&
		typeof w.error?.message === 'string'
	);
}

/** The saved log; a state saved before failures were tracked (or an unreadable entry) counts as none. */
export function readFailingLog(value: unknown): FailingLog {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const log: FailingLog = {};
	for (const [key, work] of Object.entries(value)) {
		if (isFailingWork(work)) log[key] = { ...work, subject: { ...work.subject }, error: { ...work.error } };
	}
	return log;
}

/** A piece of work given up: what its failure item reports. */
export interface GivenUp {
	subject: IDataObject;
	error: FailureDetails;
	attempts: number;
	reason: FailureReason;
}

export type WorkOutcome<T> =
	| { kind: 'done'; value: T }
	| { kind: 'retryLater'; attempts: number; error: unknown }
	| { kind: 'failed'; failure: GivenUp };

/**
 * What one poll's work came to, for the outage verdict: how many pieces were tried, how many
 * failed transiently, and the last such error (what the poll's own error then quotes).
 */
export interface PollTally {
	tried: number;
	transient: number;
	lastTransient?: unknown;
}

export function newTally(): PollTally {
	return { tried: 0, transient: 0 };
}

/** Every piece of work tried (two or more) failed transiently: the vendor, not the files. */
export function looksLikeOutage(tally: PollTally): boolean {
	return tally.tried >= 2 && tally.transient === tally.tried;
}

/** Enough transient failures with no success that trying more this poll would only add load. */
export function outageIsClear(tally: PollTally): boolean {
	return tally.transient >= OUTAGE_EVIDENCE && tally.transient === tally.tried;
}

/** How long failing work is tried again, and this poll's tally. */
export interface RetryRules {
	/** 0: a transient failure is reported at once. */
	windowMs: number;
	tally?: PollTally;
}

/** Seconds to wait before the next try of work that failed `attempts` times: 1, 2, 4 … minutes. */
export function retrySpacingS(attempts: number): number {
	return Math.min(MAX_SPACING_S, FIRST_SPACING_S * 2 ** Math.max(0, attempts - 1));
}

/** Whether work is due for a try now: new work always is, failing work once its spacing is over. */
export function isDue(log: FailingLog, key: string, nowMs = Date.now()): boolean {
	const nextTry = log[key]?.nextTry;
	return nextTry === undefined || nextTry * 1000 <= nowMs;
}

/**
 * Runs one piece of work and judges its failure: done (its record is cleared), tried again on a
 * later poll (recorded in `log` with when it is due), or given up (reported once). An error about
 * the whole poll is thrown on, so the poll fails and keeps its place.
 */
export async function attemptWork<T>(
	log: FailingLog,
	key: string,
	about: { anchor: number; subject: IDataObject },
	work: () => Promise<T>,
	rules: RetryRules,
): Promise<WorkOutcome<T>> {
	let value: T;
	if (rules.tally) rules.tally.tried++;
	try {
		value = await work();
	} catch (error) {
		const kind = classifyFailure(error);
		// Only this package's own errors (a NodeApiError with its HTTP code) are about the whole poll.
		const known = ownError(error);
		if (kind === 'wholePoll' && known) throw known;
		if (kind === 'transient' && rules.tally) {
			rules.tally.transient++;
			rules.tally.lastTransient = error;
		}
		const nowS = Math.floor(Date.now() / 1000);
		const earlier = log[key];
		const attempts = (earlier?.attempts ?? 0) + 1;
		const since = earlier?.since ?? nowS;
		const windowEndS = since + Math.floor(rules.windowMs / 1000);
		const details = failureDetails(error);
		const room = earlier !== undefined || Object.keys(log).length < MAX_FAILING;
		if (kind === 'transient' && nowS < windowEndS && room) {
			const short: FailureDetails = { message: details.message };
			if (details.httpCode) short.httpCode = details.httpCode;
			// The last try falls on the window's end, so work broken all along is reported when the window closes.
			const nextTry = Math.min(nowS + retrySpacingS(attempts), windowEndS);
			log[key] = { attempts, since, nextTry, anchor: earlier?.anchor ?? about.anchor, subject: about.subject, error: short };
			return { kind: 'retryLater', attempts, error };
		}
		delete log[key];
		const reason: FailureReason = kind === 'permanent' ? 'permanent' : room ? 'retriesExhausted' : 'tooManyFailing';
		return { kind: 'failed', failure: { subject: about.subject, error: details, attempts, reason } };
	}
	delete log[key];
	return { kind: 'done', value };
}

/**
 * Records the trigger dropped between `before` and `after` (their file or session can no longer be
 * reached), as given up: reported once rather than forgotten.
 */
export function droppedFailing(before: FailingLog, after: FailingLog): GivenUp[] {
	return Object.entries(before)
		.filter(([key]) => after[key] === undefined)
		.map(([, work]) => ({ subject: work.subject, error: work.error, attempts: work.attempts, reason: 'outOfLookBack' }));
}

/**
 * The item a given-up piece of work becomes, on the trigger's one output next to the healthy
 * items: `status: 'failed'` to route on, what failed, the error and how often it was tried.
 */
export function failureItem(failure: GivenUp, source: string): INodeExecutionData {
	return {
		json: {
			status: 'failed',
			...failure.subject,
			error: { ...failure.error },
			reason: failure.reason,
			attempts: failure.attempts,
			source,
		},
	};
}
