import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { attemptWork, failureDetails, failureItem, type FailingLog } from '../../shared/failedWork';
import { KORE_VENDOR } from '../transport/koreApi';
import {
	checkRecording,
	KORE_SOURCE,
	sessionJson,
	withoutRecordingItem,
	type RecordingOutcome,
	type SessionRef,
} from './recordingCheck';
import { clearBusy, isBusy, markBusy, pollDeadline, withStateKeptNote } from '../../shared/pollContext';
import { findVoiceSessions, hasEnded } from './sessionSearch';
import {
	advanceState,
	MAX_PENDING,
	nextCheckAfter,
	readState,
	STATE_VERSION,
	writeState,
	type PendingSession,
	type SessionState,
} from './sessionState';
import { readSettings, type KoreTriggerRuns, type KoreTriggerSettings } from './settings';

/** How long a busy mark outlives the poll's own deadline, should it ever be left behind. */
const BUSY_GRACE_MS = 60_000;
/** Fetch Test Event asks about this many of the newest calls before giving up. */
const TEST_EVENT_CANDIDATES = 5;

interface Poll {
	fx: IPollFunctions;
	runs: KoreTriggerRuns;
	settings: KoreTriggerSettings;
	deadline: number;
	nowS: number;
	seen: Record<string, number>;
	pending: Record<string, PendingSession>;
	failing: FailingLog;
	items: INodeExecutionData[];
}

/** The call on the pending list once more, asked again after the usual back-off. */
function waitAgain(poll: Poll, session: SessionRef, status: string): PendingSession {
	const waiting = poll.pending[session.sessionId];
	const checks = (waiting?.checks ?? 0) + 1;
	return {
		record: session.record,
		since: waiting?.since ?? poll.nowS,
		checks,
		nextCheck: nextCheckAfter(poll.nowS, checks),
		status,
	};
}

/** The call is done with: never checked or emitted again. */
function done(poll: Poll, session: SessionRef): void {
	delete poll.pending[session.sessionId];
	poll.seen[session.sessionId] = poll.nowS;
}

function failureSubject(session: SessionRef, settings: KoreTriggerSettings) {
	return { sessionId: session.sessionId, botId: settings.botId };
}

/** Records what one recording check means for the call: emitted, given up, or asked again later. */
function settle(poll: Poll, session: SessionRef, outcome: RecordingOutcome): void {
	const { settings, nowS } = poll;
	if (outcome.kind === 'notReady') {
		const next = waitAgain(poll, session, outcome.status);
		if ((nowS - next.since) * 1000 < settings.maxWaitMs) {
			poll.pending[session.sessionId] = next;
			return;
		}
		const checks = next.checks;
		if (outcome.error !== undefined) {
			// There was a recording, but its link was refused until Max Wait: a failure, not "no recording".
			const subject = failureSubject(session, settings);
			const error = failureDetails(outcome.error);
			poll.items.push(failureItem({ subject, error, attempts: checks, reason: 'retriesExhausted' }, KORE_SOURCE));
		} else if (settings.emitWithoutRecording) {
			poll.items.push(
				withoutRecordingItem(session, settings, outcome.status, {
					recordingTimedOut: true,
					recordingChecks: checks,
				}),
			);
		}
	} else if (outcome.kind === 'ready') {
		poll.items.push(outcome.item);
	} else if (settings.emitWithoutRecording) {
		poll.items.push(withoutRecordingItem(session, settings, outcome.status, outcome.detail ? { recordingError: outcome.detail } : {}));
	}
	done(poll, session);
}

/**
 * One recording check under the shared rules for failing work: a failure of this call alone is
 * tried again on a later poll (the call waits on the pending list) or reported once as a failure
 * item; only a failure of the credential or throttling fails the poll.
 */
async function checkAndSettle(poll: Poll, session: SessionRef): Promise<void> {
	const about = { anchor: poll.nowS, subject: failureSubject(session, poll.settings) };
	const outcome = await attemptWork(poll.failing, session.sessionId, about, async () =>
		await checkRecording(poll.fx, poll.runs, poll.settings, session),
	);
	if (outcome.kind === 'done') return settle(poll, session, outcome.value);
	if (outcome.kind === 'retryLater') {
		poll.pending[session.sessionId] = waitAgain(poll, session, 'check_failed');
		return;
	}
	poll.items.push(failureItem(outcome.failure, KORE_SOURCE));
	done(poll, session);
}

/** Calls whose recording was not ready before: those due are asked again, oldest first. */
async function recheckPending(poll: Poll): Promise<void> {
	const due = Object.entries(poll.pending)
		.filter(([, waiting]) => waiting.nextCheck <= poll.nowS)
		.sort((a, b) => a[1].since - b[1].since);
	for (const [sessionId, waiting] of due) {
		// Not due yet or out of time: they stay pending, nothing is lost.
		if (Date.now() > poll.deadline) return;
		await checkAndSettle(poll, { sessionId, record: waiting.record });
	}
}

/**
 * One poll over calls that started in [from, to): each ended voice call not seen before is
 * emitted (after its recording, when asked), unless `emitFrom` says it is too old (first
 * activation). Calls still going on are left for a later poll, which finds them again while they
 * are within Look Back. Calls there was no time (or pending room) for stay unseen and the cursor
 * is held back so the next poll's search still covers them.
 */
async function pollRange(
	poll: Poll,
	previous: SessionState,
	range: { from: number; to: number; emitFrom: number },
): Promise<SessionState> {
	const { settings } = poll;
	if (settings.downloadRecording) await recheckPending(poll);

	let deferred = false;
	const sessions = range.from < range.to ? await findVoiceSessions(poll.fx, poll.runs, settings, range.from, range.to) : [];
	for (const session of sessions) {
		if (poll.seen[session.sessionId] !== undefined || poll.pending[session.sessionId]) continue;
		if (!hasEnded(session.record)) continue;
		const old = session.startMs === undefined ? range.emitFrom !== -Infinity : session.startMs < range.emitFrom;
		if (old) {
			poll.seen[session.sessionId] = poll.nowS;
			continue;
		}
		if (!settings.downloadRecording) {
			poll.items.push({ json: sessionJson(session, settings) });
			poll.seen[session.sessionId] = poll.nowS;
			continue;
		}
		if (Date.now() > poll.deadline || Object.keys(poll.pending).length >= MAX_PENDING) {
			deferred = true;
			continue;
		}
		await checkAndSettle(poll, session);
	}

	const cursor = deferred ? Math.min(range.to, range.from + settings.lookBackMs) : range.to;
	return advanceState({ ...previous, seen: poll.seen, pending: poll.pending, failing: poll.failing }, cursor, settings.lookBackMs);
}

/** Fetch Test Event: the newest ended voice call (with its recording when asked), or a clear error. */
async function newestItem(fx: IPollFunctions, runs: KoreTriggerRuns, settings: KoreTriggerSettings): Promise<INodeExecutionData> {
	const now = Date.now();
	const hours = Math.round(settings.lookBackMs / 3_600_000);
	const ended = (await findVoiceSessions(fx, runs, settings, now - settings.lookBackMs, now))
		.filter((session) => hasEnded(session.record))
		.reverse();
	if (ended.length === 0) {
		throw new NodeOperationError(fx.getNode(), `${KORE_VENDOR}: no voice call ended among those started in the last ${hours} hours`, {
			description:
				'Fetch Test Event shows the newest ended voice call within "Look Back (Hours)". Raise that option, or check the account and bot. The active trigger is not affected.',
		});
	}
	if (!settings.downloadRecording) return { json: sessionJson(ended[0], settings) };

	const statuses: string[] = [];
	for (const session of ended.slice(0, TEST_EVENT_CANDIDATES)) {
		const outcome = await checkRecording(fx, runs, settings, session);
		if (outcome.kind === 'ready') return outcome.item;
		if (outcome.kind === 'none' && settings.emitWithoutRecording) {
			return withoutRecordingItem(session, settings, outcome.status);
		}
		statuses.push(`${session.sessionId}: ${outcome.status}`);
	}
	throw new NodeOperationError(
		fx.getNode(),
		`${KORE_VENDOR}: none of the ${statuses.length} newest voice calls of the last ${hours} hours has a recording ready`,
		{ description: `Recording status per call: ${statuses.join(', ')}. The active trigger is not affected.` },
	);
}

export async function pollKoreCalls(fx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { settings, runs } = await readSettings(fx);
	if (fx.getMode() === 'manual') return [[await newestItem(fx, runs, settings)]];

	const data = fx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	if (isBusy(data, startedAt)) return null;
	const deadline = pollDeadline(fx, startedAt);
	markBusy(data, deadline + BUSY_GRACE_MS);
	try {
		const saved = readState(data, settings.scope);
		const now = Date.now();
		const poll: Poll = {
			fx,
			runs,
			settings,
			deadline,
			nowS: Math.floor(now / 1000),
			seen: { ...(saved?.seen ?? {}) },
			pending: { ...(saved?.pending ?? {}) },
			failing: { ...(saved?.failing ?? {}) },
			items: [],
		};
		let state: SessionState;
		if (saved) {
			const from = Math.max(saved.cursor - settings.lookBackMs, saved.horizon);
			state = await pollRange(poll, saved, { from, to: now, emitFrom: -Infinity });
		} else {
			// First activation (or another account or bot): calls that already ended are the
			// baseline, emitted only as far back as the user asked to backfill.
			const from = now - Math.max(settings.lookBackMs, settings.backfillMs);
			const baseline: SessionState = { version: STATE_VERSION, scope: settings.scope, cursor: now, horizon: from, seen: {}, pending: {}, failing: {} };
			const emitFrom = settings.backfillMs > 0 ? now - settings.backfillMs : Infinity;
			state = await pollRange(poll, baseline, { from, to: now, emitFrom });
		}
		// Only a poll that got this far moves the cursor; a failure above leaves the state as it was.
		writeState(data, state);
		return poll.items.length > 0 ? [poll.items] : null;
	} catch (error) {
		throw withStateKeptNote(error);
	} finally {
		clearBusy(data);
	}
}
