import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { attemptWork, failureDetails, failureItem, newTally, type FailingLog, type PollTally } from '../../shared/trigger/failedWork';
import { checkRecording, sessionJson, withoutRecordingItem, type RecordingOutcome, type SessionRef } from './recordingCheck';
import { runPoll, type PollingTrigger } from '../../shared/trigger/runPoll';
import { findVoiceSessions, hasEnded, parseKoreTime, type FoundSession } from './sessionSearch';
import {
	advanceState,
	MAX_PENDING,
	nextCheckAfter,
	readState,
	STATE_VERSION,
	STATE_KEY,
	type PendingSession,
	type SessionState,
} from './sessionState';
import { readSettings, type KoreTriggerRuns, type KoreTriggerSettings } from './settings';
import { KORE } from '../vendor';

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
	tally: PollTally;
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

/**
 * What a call is remembered by: its start when Kore.ai gave one (a search by start time cannot
 * return it once that is behind the horizon), else when it was seen ended, which it cannot have
 * started after. The start keeps a backfill walk's memory to its position rather than to every
 * call it emitted.
 */
function seenAnchor(poll: Poll, session: SessionRef): number {
	const start = parseKoreTime(session.record.sessionStartTime);
	return start === undefined ? poll.nowS : Math.min(poll.nowS, Math.floor(start / 1000));
}

/** The call is done with: never checked or emitted again. */
function done(poll: Poll, session: SessionRef): void {
	delete poll.pending[session.sessionId];
	poll.seen[session.sessionId] = seenAnchor(poll, session);
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
			poll.items.push(failureItem({ subject, error, attempts: checks, reason: 'retriesExhausted' }, KORE.id));
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
	const outcome = await attemptWork(
		poll.failing,
		session.sessionId,
		about,
		async () => await checkRecording(poll.fx, poll.runs, poll.settings, session),
		{ windowMs: poll.settings.retryWindowMs, tally: poll.tally },
	);
	if (outcome.kind === 'done') return settle(poll, session, outcome.value);
	if (outcome.kind === 'retryLater') {
		poll.pending[session.sessionId] = waitAgain(poll, session, 'check_failed');
		return;
	}
	poll.items.push(failureItem(outcome.failure, KORE.id));
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
 * Calls left waiting for a recording by polls that downloaded it, now that Download Recording is
 * off: the call is all the user asks for, so each comes out now, as a newly ended call would.
 * Left waiting, nothing would ever ask about them again (only a downloading poll re-checks).
 */
function releasePending(poll: Poll): void {
	const waiting = Object.entries(poll.pending).sort((a, b) => a[1].since - b[1].since);
	for (const [sessionId, { record }] of waiting) {
		poll.items.push({ json: sessionJson({ sessionId, record }, poll.settings) });
		done(poll, { sessionId, record });
	}
}

/** Fetch Test Event: the newest ended voice call (with its recording when asked), or a clear error. */
async function newestItem(fx: IPollFunctions, runs: KoreTriggerRuns, settings: KoreTriggerSettings): Promise<INodeExecutionData> {
	const now = Date.now();
	const hours = Math.round(settings.lookBackMs / 3_600_000);
	const ended = (await findVoiceSessions(fx, runs, settings, now - settings.lookBackMs, now))
		.filter((session) => hasEnded(session.record))
		.reverse();
	if (ended.length === 0) {
		throw new NodeOperationError(fx.getNode(), `${KORE.displayName}: no voice call ended among those started in the last ${hours} hours`, {
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
		`${KORE.displayName}: none of the ${statuses.length} newest voice calls of the last ${hours} hours has a recording ready`,
		{ description: `Recording status per call: ${statuses.join(', ')}. The active trigger is not affected.` },
	);
}

/**
 * Ended voice calls, oldest first, each after its recording when asked. Calls still going on are
 * left for a later poll, which finds them again while they are within Look Back; calls whose
 * recording is not ready yet wait on the pending list.
 */
export async function pollKoreCalls(fx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { settings, runs } = await readSettings(fx);
	const trigger: PollingTrigger<SessionState, FoundSession, FoundSession> = {
		lookBackMs: settings.lookBackMs,
		backfillMs: settings.backfillMs,
		retryWindowMs: settings.retryWindowMs,
		maxItems: settings.maxItems,
		startFrom: settings.startFrom,
		readState: (data) => readState(data, settings.scope),
		stateKey: STATE_KEY,
		testEvent: async () => [await newestItem(fx, runs, settings)],
		startWork(saved, horizon, { deadline, now }) {
			const previous: SessionState = saved ?? {
				version: STATE_VERSION,
				scope: settings.scope,
				cursor: now,
				horizon,
				seen: {},
				pending: {},
				failing: {},
			};
			const poll: Poll = {
				fx,
				runs,
				settings,
				deadline,
				nowS: Math.floor(now / 1000),
				seen: { ...previous.seen },
				pending: { ...previous.pending },
				failing: { ...previous.failing },
				tally: newTally(),
				items: [],
			};
			if (!settings.downloadRecording) releasePending(poll);
			return {
				slow: settings.downloadRecording,
				tally: poll.tally,
				hasRoom: () => Object.keys(poll.pending).length < MAX_PENDING,
				carriedOver: async () => await recheckPending(poll),
				search: async (from, to) => await findVoiceSessions(fx, runs, settings, from, to),
				unseen: (session) =>
					poll.seen[session.sessionId] !== undefined || poll.pending[session.sessionId] || !hasEnded(session.record)
						? undefined
						: session,
				startMs: (session) => session.startMs,
				remember(session) {
					poll.seen[session.sessionId] = seenAnchor(poll, session);
				},
				async emit(session) {
					if (settings.downloadRecording) return await checkAndSettle(poll, session);
					poll.items.push({ json: sessionJson(session, settings) });
					poll.seen[session.sessionId] = seenAnchor(poll, session);
				},
				finish(cursor, reachFrom) {
					const next = { ...previous, seen: poll.seen, pending: poll.pending, failing: poll.failing };
					return { state: advanceState(next, cursor, settings.lookBackMs, reachFrom), items: poll.items };
				},
			};
		},
	};
	return await runPoll(fx, trigger);
}
