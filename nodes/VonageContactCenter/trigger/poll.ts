import { NodeOperationError, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { droppedFailing, failureItem, newTally, type FailingLog } from '../../shared/trigger/failedWork';
import { asPollError, runPoll, type PollingTrigger } from '../../shared/trigger/runPoll';
import type { VonageRun } from '../transport/vonageApi';
import { deliverInteraction, type FreshFile } from './contentItem';
import { advanceState, contentFingerprint, readState, STATE_KEY, type ContentState } from './contentState';
import { newestInRange, searchRange, type FoundInteraction } from './watchedInteractions';
import { describeTypes, readSettings, startTriggerRun, type VonageTriggerSettings } from './settings';
import { VONAGE } from '../vendor';

/** An interaction with the files in it not emitted yet. */
interface NewFiles {
	interaction: FoundInteraction;
	fresh: FreshFile[];
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
	const delivery = await deliverInteraction(fx, run, newest, files, download, {}, startSeconds(newest, now), {
		windowMs: settings.retryWindowMs,
	});
	if (delivery.retryLater.length > 0) throw asPollError(fx, delivery.retryLater[0]);
	return delivery.items;
}

/**
 * New content files, grouped by interaction, oldest first. A file that fails is reported or tried
 * again on a later poll (deliverInteraction); a re-processed file (new lastModified) is new content.
 */
export async function pollVonageContent(fx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(fx);
	const run = await startTriggerRun(fx);
	const download = settings.downloadFiles ? { binaryPropertyName: settings.binaryPropertyName } : undefined;
	const trigger: PollingTrigger<ContentState, FoundInteraction, NewFiles> = {
		lookBackMs: settings.lookBackMs,
		backfillMs: settings.backfillMs,
		retryWindowMs: settings.retryWindowMs,
		maxItems: settings.maxItems,
		startFrom: settings.startFrom,
		readState: (data) => readState(data, settings.scope),
		stateKey: STATE_KEY,
		testEvent: async () => await newestItems(fx, run, settings),
		startWork(saved, horizon, { now }) {
			const seen = { ...(saved?.seen ?? {}) };
			const failing: FailingLog = { ...(saved?.failing ?? {}) };
			const items: INodeExecutionData[] = [];
			const tally = newTally();
			return {
				slow: download !== undefined,
				tally,
				search: async (from, to) => await searchRange(fx, run, settings, from, to),
				unseen(interaction) {
					const watched = interaction.wanted.map((entry) => ({ entry, key: contentFingerprint(interaction.guid, entry) }));
					forgetSuperseded(failing, interaction, new Set(watched.map((w) => w.key)));
					const fresh = watched.filter(({ key }) => seen[key] === undefined);
					return fresh.length > 0 ? { interaction, fresh } : undefined;
				},
				startMs: ({ interaction }) => interaction.startMs,
				remember({ interaction, fresh }) {
					for (const { key } of fresh) seen[key] = startSeconds(interaction, now);
				},
				async emit({ interaction, fresh }) {
					const start = startSeconds(interaction, now);
					const delivery = await deliverInteraction(fx, run, interaction, fresh, download, failing, start, {
						windowMs: settings.retryWindowMs,
						tally,
					});
					items.push(...delivery.items);
					for (const key of delivery.settled) seen[key] = start;
					return delivery.settled.length === fresh.length;
				},
				finish(cursor, reachFrom) {
					const scope = settings.scope;
					const before = { version: 1, scope, seen, horizon: saved?.horizon ?? horizon, failing };
					const state = advanceState(before, cursor, settings.lookBackMs, reachFrom);
					for (const failure of droppedFailing(failing, state.failing)) items.push(failureItem(failure, VONAGE.id));
					return { state, items };
				},
			};
		},
	};
	return await runPoll(fx, trigger);
}
