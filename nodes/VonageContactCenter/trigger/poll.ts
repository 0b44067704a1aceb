import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { droppedFailing, failureItem, type FailingLog } from '../../shared/failedWork';
import type { VonageRun } from '../transport/vonageApi';
import { deliverInteraction, VONAGE_SOURCE, type FreshFile } from './contentItem';
import { advanceState, contentFingerprint, readState, writeState, type ContentState } from './contentState';
import { newestInRange, searchRange, type FoundInteraction } from './interactionSearch';
import { asPollError, clearBusy, isBusy, markBusy, pollDeadline, withStateKeptNote } from '../../shared/pollContext';
import { describeTypes, readSettings, startTriggerRun, type VonageTriggerSettings } from './settings';

/** How long a busy mark outlives the poll's own deadline, should it ever be left behind. */
const BUSY_GRACE_MS = 60_000;

interface PollOutcome {
	items: INodeExecutionData[];
	state: ContentState;
}

function startSeconds(interaction: FoundInteraction, fallbackMs: number): number {
	return Math.floor((interaction.startMs ?? fallbackMs) / 1000);
}

/**
 * A failing file whose interaction the search still returns, but with other files (VCC
 * re-processed it: a new lastModified is a new fingerprint) was superseded: forgotten, not reported.
 */
function forgetSuperseded(failing: FailingLog, interaction: FoundInteraction, current: Set<string>): void {
	for (const [key, work] of Object.entries(failing)) {
		if (work.subject.interactionId === interaction.guid && !current.has(key)) delete failing[key];
	}
}

/**
 * One poll over [from, to): every watched file not seen before is emitted (grouped by
 * interaction, oldest first) unless `emitFrom` says its interaction is too old (first activation).
 * When the budget runs out before every file is downloaded, the rest stay unseen and the cursor
 * is held back so the next poll's search still covers them. A file that fails is reported or
 * tried again on a later poll (deliverInteraction); either way the cursor moves on.
 */
async function pollRange(
	fx: IPollFunctions,
	run: VonageRun,
	settings: VonageTriggerSettings,
	previous: Pick<ContentState, 'scope' | 'seen' | 'horizon' | 'failing'>,
	range: { from: number; to: number; emitFrom: number },
	deadline: number,
): Promise<PollOutcome> {
	const seen = { ...previous.seen };
	const failing: FailingLog = { ...previous.failing };
	const items: INodeExecutionData[] = [];
	let deferred = false;
	const download = settings.downloadFiles ? { binaryPropertyName: settings.binaryPropertyName } : undefined;

	for (const interaction of await searchRange(fx, run, settings, range.from, range.to)) {
		const start = startSeconds(interaction, range.to);
		const watched: FreshFile[] = interaction.wanted.map((entry) => ({ entry, key: contentFingerprint(interaction.guid, entry) }));
		forgetSuperseded(failing, interaction, new Set(watched.map((w) => w.key)));
		const fresh = watched.filter(({ key }) => seen[key] === undefined);
		if (fresh.length === 0) continue;
		// Before the emit boundary (first activation): remembered, never emitted. An unreadable
		// start counts as old then, and as new on every later poll.
		const old =
			interaction.startMs === undefined ? range.emitFrom !== -Infinity : interaction.startMs < range.emitFrom;
		if (!old) {
			if (download && Date.now() > deadline) {
				// Left unseen for the next poll; older baseline content after it is still remembered.
				deferred = true;
				continue;
			}
			const delivery = await deliverInteraction(fx, run, interaction, fresh, download, failing, start);
			items.push(...delivery.items);
			for (const key of delivery.settled) seen[key] = start;
			continue;
		}
		for (const { key } of fresh) seen[key] = start;
	}

	const cursor = deferred ? Math.min(range.to, range.from + settings.lookBackMs) : range.to;
	const state = advanceState({ version: 1, scope: previous.scope, seen, horizon: previous.horizon, failing }, cursor, settings.lookBackMs);
	for (const failure of droppedFailing(failing, state.failing)) items.push(failureItem(failure, VONAGE_SOURCE));
	return { items, state };
}

/** Fetch Test Event: the newest interaction with watched content (and its failure items), or a clear error. */
async function newestItems(fx: IPollFunctions, run: VonageRun, settings: VonageTriggerSettings) {
	const now = Date.now();
	const newest = await newestInRange(fx, run, settings, now - settings.lookBackMs, now);
	if (!newest) {
		const hours = Math.round(settings.lookBackMs / 3_600_000);
		throw new NodeOperationError(
			fx.getNode(),
			`No interaction with ${describeTypes(settings.contentTypes)} content started in the last ${hours} hours`,
			{
				description:
					'Fetch Test Event shows the newest matching interaction within "Look Back (Hours)". Raise that option, or check the content types and filters. The active trigger is not affected.',
			},
		);
	}
	const download = settings.downloadFiles ? { binaryPropertyName: settings.binaryPropertyName } : undefined;
	const files = newest.wanted.map((entry) => ({ entry, key: contentFingerprint(newest.guid, entry) }));
	// Nothing is remembered for a test event: a file that would be tried again later fails it now.
	const delivery = await deliverInteraction(fx, run, newest, files, download, {}, startSeconds(newest, now));
	if (delivery.retryLater.length > 0) throw asPollError(fx, delivery.retryLater[0]);
	return delivery.items;
}

export async function pollVonageContent(fx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(fx);
	const run = await startTriggerRun(fx);
	if (fx.getMode() === 'manual') return [await newestItems(fx, run, settings)];

	const data = fx.getWorkflowStaticData('node');
	const startedAt = Date.now();
	if (isBusy(data, startedAt)) return null;
	const deadline = pollDeadline(fx, startedAt);
	markBusy(data, deadline + BUSY_GRACE_MS);
	try {
		const state = readState(data, settings.scope);
		const now = Date.now();
		let outcome: PollOutcome;
		if (state) {
			const from = Math.max(state.cursor - settings.lookBackMs, state.horizon);
			outcome = await pollRange(fx, run, settings, state, { from, to: now, emitFrom: -Infinity }, deadline);
		} else {
			// First activation (or new filters): what exists now is the baseline, emitted only
			// as far back as the user asked to backfill.
			const from = now - Math.max(settings.lookBackMs, settings.backfillMs);
			const baseline = { scope: settings.scope, seen: {}, horizon: from, failing: {} };
			const emitFrom = settings.backfillMs > 0 ? now - settings.backfillMs : Infinity;
			outcome = await pollRange(fx, run, settings, baseline, { from, to: now, emitFrom }, deadline);
		}
		// Only a poll that got this far moves the cursor; a failure above leaves the state as it was.
		writeState(data, outcome.state);
		return outcome.items.length > 0 ? [outcome.items] : null;
	} catch (error) {
		throw withStateKeptNote(error);
	} finally {
		clearBusy(data);
	}
}
