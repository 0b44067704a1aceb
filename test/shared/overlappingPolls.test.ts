import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { STALE_COPY_MS } from '../../nodes/shared/trigger/pollTime';
import { runPoll, type PollingTrigger } from '../../nodes/shared/trigger/runPoll';
import type { TriggerState } from '../../nodes/shared/trigger/state';

/**
 * Two polls of one trigger at once. Without durable poll cursors n8n hands both the same live
 * static data; with them (n8n 2.36+) each gets its own copy, and n8n 2.41 polls at activation and
 * again on schedule seconds later. Either way the second must skip, or a slow first poll's
 * backfill comes out twice.
 */

const NODE = { id: 'trigger-1', name: 'Trigger', type: 'test.trigger', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** A poll context as n8n builds one: `copies` gives each poll its own static data, as durable cursors do. */
function pollContext(staticData: () => IDataObject, workflowId: string): IPollFunctions {
	const data = staticData();
	return {
		getMode: () => 'trigger',
		getNode: () => NODE,
		getWorkflow: () => ({ id: workflowId, name: 'w', active: true }),
		getWorkflowStaticData: () => data,
		getPollBudgetMs: () => 60_000,
	} as unknown as IPollFunctions;
}

/** A trigger finding one event whose search waits until `release` is called. */
function slowTrigger(searches: { count: number }, gate: Promise<void>): PollingTrigger<TriggerState, number, number> {
	return {
		lookBackMs: 3_600_000,
		backfillMs: 3_600_000,
		retryWindowMs: 0,
		maxItems: 100,
		stateKey: 'state',
		readState: () => undefined,
		testEvent: async () => [],
		startWork: () => {
			const items: INodeExecutionData[] = [];
			return {
				slow: false,
				async search() {
					searches.count++;
					await gate;
					return [Date.now() - 1000];
				},
				unseen: (found) => found,
				startMs: (found) => found,
				remember() {},
				async emit(found) {
					items.push({ json: { found } });
				},
				finish: (cursor) => ({ state: { version: 1, scope: '', cursor, horizon: 0, seen: {}, failing: {} }, items }),
			};
		},
	};
}

describe('overlapping polls of one trigger', () => {
	it.each([
		['share the live static data (legacy poller)', 'shared'],
		['each work on their own copy of it (durable poll cursors)', 'copies'],
	])('skip the second while the first runs, when they %s', async (_, kind) => {
		const shared: IDataObject = {};
		const staticData = () => (kind === 'shared' ? shared : {});
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const searches = { count: 0 };
		const first = runPoll(pollContext(staticData, `wf-${kind}`), slowTrigger(searches, gate));
		const second = await runPoll(pollContext(staticData, `wf-${kind}`), slowTrigger(searches, gate));
		release();
		expect(second).toBeNull();
		expect(await first).toHaveLength(1);
		expect(searches.count).toBe(1);
	});

	it('lets the next poll run once the first is over, on the state the first saved', async () => {
		const searches = { count: 0 };
		const saved: IDataObject = {};
		await runPoll(pollContext(() => saved, 'wf-next'), slowTrigger(searches, Promise.resolve()));
		await runPoll(pollContext(() => structuredClone(saved), 'wf-next'), slowTrigger(searches, Promise.resolve()));
		expect(searches.count).toBe(2);
	});

	it('skips a poll handed a copy older than what the last poll saved (read before that save landed)', async () => {
		const searches = { count: 0 };
		const readBeforeTheSave: IDataObject = {};
		await runPoll(pollContext(() => ({}), 'wf-stale'), slowTrigger(searches, Promise.resolve()));
		const late = await runPoll(pollContext(() => readBeforeTheSave, 'wf-stale'), slowTrigger(searches, Promise.resolve()));
		expect(late).toBeNull();
		expect(searches.count).toBe(1);
		expect(readBeforeTheSave).toEqual({});
	});

	it('does not hold back the same trigger node of another workflow', async () => {
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const searches = { count: 0 };
		const first = runPoll(pollContext(() => ({}), 'wf-a'), slowTrigger(searches, gate));
		const other = runPoll(pollContext(() => ({}), 'wf-b'), slowTrigger(searches, gate));
		release();
		await Promise.all([first, other]);
		expect(searches.count).toBe(2);
	});

	describe('when the last save never reached n8n', () => {
		afterEach(() => vi.useRealTimers());

		it('polls again from the place n8n kept, once the save is a minute old', async () => {
			vi.useFakeTimers({ toFake: ['Date'] });
			const searches = { count: 0 };
			await runPoll(pollContext(() => ({}), 'wf-lost-save'), slowTrigger(searches, Promise.resolve()));
			vi.setSystemTime(Date.now() + STALE_COPY_MS);
			const again = await runPoll(pollContext(() => ({}), 'wf-lost-save'), slowTrigger(searches, Promise.resolve()));
			expect(again).toHaveLength(1);
			expect(searches.count).toBe(2);
		});
	});
});
