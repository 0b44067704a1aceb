import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { readBinary, runPoll, type RunPollResult } from '../harness/index';
import { startSimulator, type Simulator, type VonageContent, type VonageInteraction } from '../simulator/index.mjs';
import { useCappedDatabaseStore } from '../support/cappedBinaryStore';
import { FAST } from '../support/vendorRun';
import { guid } from './fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-03-02T12:00:00Z');

/** Each file has bytes of its own, naming it: a file attached to the wrong item shows. */
function fileBytes(guid: string, contentKey: string): Buffer {
	return Buffer.from(`RIFF-${guid}-${contentKey}`);
}

const recording = (lastModified = '2026-03-02T11:00:00Z'): VonageContent => ({
	contentKey: 'callRecording',
	type: 'callRecording',
	lastModified,
});
const transcript = (): VonageContent => ({
	contentKey: 'transcript',
	type: 'transcript',
	contentType: 'application/json',
	lastModified: '2026-03-02T11:30:00Z',
	bytes: Buffer.from('{"utterances":[]}'),
});

function interaction(n: number, startedAgoMs: number, content: VonageContent[] = [recording()]): VonageInteraction {
	return { guid: guid(n), start: new Date(Date.now() - startedAgoMs), content };
}

/** The interaction as the simulator holds it: every file without bytes of the spec's gets its own. */
const written = (x: VonageInteraction): VonageInteraction => ({
	...x,
	content: x.content.map((c) => ({ bytes: fileBytes(x.guid, c.contentKey), ...c })),
});
/** Only these interactions exist. */
const setInteractions = (list: VonageInteraction[]) => sim.vonage.setInteractions(list.map(written));
/** Interactions that show up in VCC's data from now on (or change: new content), as between polls. */
const add = (...list: VonageInteraction[]) => list.forEach((x) => sim.vonage.putInteraction(written(x)));

function vonageCredentials() {
	return { vonageContactCenterApi: { ...sim.credentials.vonage, accessToken: '' } };
}

/** An active workflow's trigger: each poll gets the static data n8n saved after the last one. */
class ActiveTrigger {
	staticData: IDataObject = {};

	credentials = vonageCredentials();

	constructor(private readonly parameters: INodeParameters = {}) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<RunPollResult> {
		const { options, ...rest } = this.parameters;
		const result = await runPoll({
			nodeType: new VonageContactCenterTrigger(),
			credentialTypes: [new VonageContactCenterApi()],
			credentials: this.credentials,
			parameters: { contentTypes: ['callRecording'], ...rest, options: { ...FAST, ...((options as IDataObject) ?? {}) } },
			staticData: this.staticData,
			mode,
		});
		if (mode === 'trigger') this.staticData = result.staticData;
		return result;
	}

	/** n8n restarted: a new process reads the saved static data; the token cache is gone too. */
	restart(): void {
		this.staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		this.credentials = vonageCredentials();
	}
}

const emitted = (result: RunPollResult) =>
	result.items.map((item) => ({
		guid: item.json.interactionId,
		newContent: (item.json.newContent as IDataObject[]).map((c) => c.contentKey),
	}));

let sim: Simulator;

interface SearchRequest {
	start: string;
	end: string;
	limit: number;
	continuationToken?: string;
	direction?: string;
	handlingAgentId?: string;
}

/** The simulator's request log, read the way the specs ask about it. */
const vcc = {
	get searches() {
		return sim
			.requests()
			.filter((r) => r.route === 'search')
			.map(({ query }) => ({ ...query, limit: Number(query.limit ?? 100) }) as SearchRequest);
	},
	get downloads() {
		return sim
			.requests()
			.filter((r) => r.route === 'content')
			.map((r) => {
				const [, id, key] = /\/interactions\/([^/]+)\/content\/([^/]+)$/.exec(r.path) ?? [];
				return `${decodeURIComponent(id)}/${decodeURIComponent(key)}`;
			});
	},
	get tokensIssued() {
		return sim.stats().tokensIssued;
	},
};

/** The content service down: every download answers `status` until `sim.clearFaults()`. */
const downloadOutage = (status: '502' | '503') =>
	sim.setFaults([{ vendor: 'vonage', path: '/content/', fault: status, message: 'Service Unavailable', times: 1_000_000 }]);
/** The search's path, for a fault rule that fails the next search. */
const SEARCH = '^/interaction-content/interactions$';

// Real sockets to the simulator on 127.0.0.1: nock must not sit in between.
beforeAll(() => nock.restore());
beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
	// One simulator per spec, its clock on the spec's; only the interactions each spec writes.
	sim = await startSimulator({ now: NOW, interactions: 0 });
});
afterEach(async () => {
	await sim.close();
	vi.useRealTimers();
});

describe('Vonage Contact Center Trigger: what it emits', () => {
	it('emits nothing on first activation: content that already exists is the baseline', async () => {
		setInteractions([interaction(1, 2 * HOUR), interaction(2, 20 * MINUTE)]);
		const trigger = new ActiveTrigger();

		const first = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);
		expect(vcc.searches).toHaveLength(1);
		expect(vcc.searches[0]).toMatchObject({ start: new Date(NOW - 24 * HOUR).toISOString(), end: new Date(NOW).toISOString() });

		vi.setSystemTime(NOW + MINUTE);
		add(interaction(3, 30_000));
		const second = await trigger.poll();
		expect(emitted(second)).toEqual([{ guid: guid(3), newContent: ['callRecording'] }]);
	});

	it('backfills only the hours asked for on first activation', async () => {
		setInteractions([interaction(1, 5 * HOUR), interaction(2, 90 * MINUTE), interaction(3, 10 * MINUTE)]);
		const trigger = new ActiveTrigger({ options: { backfillHours: 2 } });

		const first = await trigger.poll();

		expect(emitted(first).map((e) => e.guid)).toEqual([guid(2), guid(3)]);
		vi.setSystemTime(NOW + MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
	});

	it('three polls over overlapping search ranges emit each content file exactly once', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();

		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000));
		const second = await trigger.poll();

		vi.setSystemTime(NOW + 2 * MINUTE);
		add(interaction(2, 30_000));
		const third = await trigger.poll();

		vi.setSystemTime(NOW + 3 * MINUTE);
		const fourth = await trigger.poll();

		expect(emitted(second)).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);
		expect(emitted(third)).toEqual([{ guid: guid(2), newContent: ['callRecording'] }]);
		expect(fourth.returnedNull).toBe(true);
		// Each search reached back a full Look Back before the previous poll: the ranges overlap.
		expect(vcc.searches.slice(1).map((s) => [s.start, s.end])).toEqual([
			[new Date(NOW - 24 * HOUR).toISOString(), new Date(NOW + MINUTE).toISOString()],
			[new Date(NOW + MINUTE - 24 * HOUR).toISOString(), new Date(NOW + 2 * MINUTE).toISOString()],
			[new Date(NOW + 2 * MINUTE - 24 * HOUR).toISOString(), new Date(NOW + 3 * MINUTE).toISOString()],
		]);
	});

	it('after a restart with the saved static data it emits nothing twice', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000));
		expect(emitted(await trigger.poll())).toHaveLength(1);

		trigger.restart();
		vi.setSystemTime(NOW + 10 * MINUTE);
		add(interaction(2, 30_000));
		const afterRestart = await trigger.poll();

		expect(emitted(afterRestart)).toEqual([{ guid: guid(2), newContent: ['callRecording'] }]);
		expect(vcc.tokensIssued).toBe(2);
	});

	it('emits a transcript that arrives after the recording on a later poll, without the recording again', async () => {
		const trigger = new ActiveTrigger({ contentTypes: ['callRecording', 'transcript'] });
		await trigger.poll();
		vi.setSystemTime(NOW + 30 * MINUTE);
		const call = interaction(1, 25 * MINUTE);
		add(call);
		expect(emitted(await trigger.poll())).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);

		// The interaction started before the last poll; its transcript is ready 20 minutes later.
		vi.setSystemTime(NOW + 50 * MINUTE);
		add({ ...call, content: [...call.content, transcript()] });
		const later = await trigger.poll();

		expect(emitted(later)).toEqual([{ guid: guid(1), newContent: ['transcript'] }]);
		expect(later.items[0].json.content).toHaveLength(2);
	});

	it('emits a re-processed recording (new lastModified) again, as new content', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		const call = interaction(1, 30_000);
		add(call);
		await trigger.poll();

		vi.setSystemTime(NOW + 2 * MINUTE);
		add({ ...call, content: [recording('2026-03-02T12:01:30Z')] });
		const again = await trigger.poll();

		expect(emitted(again)).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);
	});

	it('emits only the chosen content types, and sends direction and agent to the search', async () => {
		const trigger = new ActiveTrigger({
			contentTypes: ['voicemail'],
			filters: { direction: 'outbound', handlingAgentId: ' 77 ' },
		});
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(
			{ ...interaction(1, 30_000, [recording()]), direction: 'outbound', agentId: '77' },
			{ ...interaction(2, 30_000, [{ contentKey: 'fbebd00a-1', type: 'voicemail' }]), direction: 'outbound', agentId: '77' },
			{ ...interaction(3, 30_000, [{ contentKey: 'fbebd00a-2', type: 'voicemail' }]), direction: 'inbound', agentId: '77' },
		);

		const result = await trigger.poll();

		expect(emitted(result)).toEqual([{ guid: guid(2), newContent: ['fbebd00a-1'] }]);
		expect(vcc.searches.every((s) => s.direction === 'outbound' && s.handlingAgentId === '77')).toBe(true);
	});

	it('starts afresh, without emitting the backlog, when the content types change', async () => {
		const trigger = new ActiveTrigger({ contentTypes: ['callRecording'] });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30 * MINUTE, [recording(), transcript()]));
		expect(emitted(await trigger.poll())).toHaveLength(1);

		const edited = new ActiveTrigger({ contentTypes: ['callRecording', 'transcript'] });
		edited.staticData = trigger.staticData;
		vi.setSystemTime(NOW + 2 * MINUTE);
		expect((await edited.poll()).returnedNull).toBe(true);
	});
});

describe('Vonage Contact Center Trigger: bounded polls', () => {
	it('emits at most Max Items per Poll, oldest first, and the next poll continues where it stopped', async () => {
		const interactions = Array.from({ length: 25 }, (_, i) => interaction(i + 1, (30 - i) * MINUTE));
		setInteractions(interactions);
		const trigger = new ActiveTrigger({ options: { backfillHours: 1, maxItemsPerPoll: 10 } });

		const polls: RunPollResult[] = [];
		for (let minute = 0; minute < 4; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			polls.push(await trigger.poll());
		}

		expect(polls.map((p) => p.items.length)).toEqual([10, 10, 5, 0]);
		expect(polls.flatMap(emitted).map((e) => e.guid)).toEqual(interactions.map((x) => x.guid));
	});

	it('Start From walks the history from that date, bounded per poll, then polls as usual', async () => {
		const interactions = Array.from({ length: 30 }, (_, i) => interaction(i + 1, (30 - i) * 24 * HOUR));
		setInteractions(interactions);
		const startFrom = new Date(NOW - 30 * 24 * HOUR).toISOString();
		const trigger = new ActiveTrigger({ options: { startFrom, maxItemsPerPoll: 12 } });

		const polls: RunPollResult[] = [];
		for (let minute = 0; minute < 4; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			polls.push(await trigger.poll());
		}
		add(interaction(99, 30_000));
		vi.setSystemTime(NOW + 5 * MINUTE);
		const live = await trigger.poll();

		expect(polls.map((p) => p.items.length)).toEqual([12, 12, 6, 0]);
		expect(polls.flatMap(emitted).map((e) => e.guid)).toEqual(interactions.map((x) => x.guid));
		expect(emitted(live)).toEqual([{ guid: guid(99), newContent: ['callRecording'] }]);
		expect(vcc.searches.every((search) => Date.parse(search.start) >= Date.parse(startFrom))).toBe(true);
	});

	it('holds a walk at a file that failed for a reason that may pass, so the file is tried again and comes out once', async () => {
		// The third file answers 503 once, then serves.
		const interactions = Array.from({ length: 30 }, (_, i) =>
			interaction(i + 1, (30 - i) * 24 * HOUR, i === 2 ? [{ ...recording(), answers: [503, 200] }] : [recording()]),
		);
		setInteractions(interactions);
		const startFrom = new Date(NOW - 30 * 24 * HOUR).toISOString();
		const trigger = new ActiveTrigger({ downloadFiles: true, options: { startFrom, maxItemsPerPoll: 12, maxTries: 1 } });

		const polls: RunPollResult[] = [];
		for (let minute = 0; minute < 4; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			polls.push(await trigger.poll());
		}

		expect(polls.map((p) => p.error)).toEqual([undefined, undefined, undefined, undefined]);
		expect(polls.flatMap((p) => p.items).filter((item) => item.json.status === 'failed')).toEqual([]);
		expect(polls.flatMap(emitted).map((e) => e.guid).sort()).toEqual(interactions.map((x) => x.guid).sort());
		expect(emitted(polls[1])[0].guid).toBe(guid(3));
	});

	it('starts afresh, dropping a walk in progress, when a filter changes', async () => {
		const interactions = Array.from({ length: 25 }, (_, i) => interaction(i + 1, (30 - i) * MINUTE));
		setInteractions(interactions);
		const trigger = new ActiveTrigger({ options: { backfillHours: 1, maxItemsPerPoll: 10 } });
		await trigger.poll();

		const changed = new ActiveTrigger({ filters: { direction: 'inbound' }, options: { backfillHours: 1, maxItemsPerPoll: 10 } });
		changed.staticData = trigger.staticData;
		vi.setSystemTime(NOW + MINUTE);
		const afresh = await changed.poll();

		// A first activation under the new filter: its own backfill, from the oldest match.
		expect(emitted(afresh).map((e) => e.guid)).toEqual(interactions.slice(0, 10).map((x) => x.guid));
		expect(vcc.searches.at(-1)?.direction).toBe('inbound');
	});
});

describe('Vonage Contact Center Trigger: searching', () => {
	it('searches at most 7 days per request and follows continuation tokens', async () => {
		// The server gives at most 2 items a page, whatever `limit` asks: tokens follow.
		sim.setOptions({ vonagePageSize: 2 });
		setInteractions([1, 2, 3, 4, 5].map((n) => interaction(n, n * 30 * HOUR)));
		const trigger = new ActiveTrigger({ options: { backfillHours: 240, lookBackHours: 1 } });

		const result = await trigger.poll();

		expect(result.error).toBeUndefined();
		expect(emitted(result).map((e) => e.guid)).toEqual([5, 4, 3, 2, 1].map(guid));
		const ranges = vcc.searches.filter((s) => !s.continuationToken).map((s) => [s.start, s.end]);
		expect(ranges).toEqual([
			[new Date(NOW - 240 * HOUR).toISOString(), new Date(NOW - 72 * HOUR).toISOString()],
			[new Date(NOW - 72 * HOUR).toISOString(), new Date(NOW).toISOString()],
		]);
		expect(vcc.searches.filter((s) => s.continuationToken)).toHaveLength(1);
		expect(vcc.searches.every((s) => s.limit === 1000)).toBe(true);
	});

	it('keeps its memory bounded: content of interactions older than Look Back is forgotten', async () => {
		const trigger = new ActiveTrigger({ options: { lookBackHours: 1 } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000), interaction(2, 30_000));
		await trigger.poll();
		const remembered = () => Object.keys((trigger.staticData['node:Node Under Test'] as IDataObject & { contentState: { seen: object } }).contentState.seen);
		expect(remembered()).toHaveLength(2);

		vi.setSystemTime(NOW + 2 * HOUR);
		const later = await trigger.poll();

		expect(later.returnedNull).toBe(true);
		expect(remembered()).toHaveLength(0);
		// Forgetting them is safe: no later search reaches back to when they started.
		vi.setSystemTime(NOW + 2 * HOUR + MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(vcc.searches.at(-1)?.start).toBe(new Date(NOW + HOUR).toISOString());
	});

	it('waits out a 429 through the shared retry policy and still delivers', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000));
		sim.setFaults([{ vendor: 'vonage', path: SEARCH, fault: '429', retryAfter: 0 }]);

		const result = await trigger.poll();

		expect(result.error).toBeUndefined();
		expect(emitted(result)).toHaveLength(1);
	});

	it('skips a tick while an earlier poll of the same trigger is still running', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		const node = trigger.staticData['node:Node Under Test'] as IDataObject;
		node.pollBusyUntil = NOW + 10 * MINUTE;
		const searches = vcc.searches.length;

		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000));
		const skipped = await trigger.poll();

		expect(skipped.returnedNull).toBe(true);
		expect(vcc.searches).toHaveLength(searches);
	});
});

describe('Vonage Contact Center Trigger: failures keep the trigger\'s place', () => {
	it('a failed poll surfaces a readable error, keeps the cursor, and the next poll delivers', async () => {
		const trigger = new ActiveTrigger({ options: { maxTries: 1 } });
		await trigger.poll();
		const before = structuredClone(trigger.staticData);
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000));
		sim.setFaults([{ vendor: 'vonage', path: SEARCH, fault: '500', message: 'Database unavailable' }]);

		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('Vonage Contact Center');
		expect(failed.error?.message).toContain('Database unavailable');
		expect((failed.error as { description?: string }).description).toContain('next poll starts where the last successful one ended');
		expect(failed.staticData).toEqual(before);

		vi.setSystemTime(NOW + 2 * MINUTE);
		const next = await trigger.poll();
		expect(emitted(next)).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);
	});
});

describe('Vonage Contact Center Trigger: Download Files', () => {
	it('attaches each new file as binary, streamed into the store, and describes it', async () => {
		const trigger = new ActiveTrigger({ contentTypes: ['callRecording', 'voicemail'], downloadFiles: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 30_000, [recording(), { contentKey: 'vm-1', type: 'voicemail', contentType: 'audio/wav' }]));

		const result = await trigger.poll();

		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1']);
		expect(await readBinary(item, 'data')).toEqual(fileBytes(guid(1), 'callRecording'));
		expect(await readBinary(item, 'data_1')).toEqual(fileBytes(guid(1), 'vm-1'));
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/wav', fileName: `${guid(1)}-callRecording.wav` });
		expect(item.json.files).toEqual([
			{ contentKey: 'callRecording', type: 'callRecording', binaryProperty: 'data', fileName: `${guid(1)}-callRecording.wav`, mimeType: 'audio/wav', bytes: fileBytes(guid(1), 'callRecording').length },
			{ contentKey: 'vm-1', type: 'voicemail', binaryProperty: 'data_1', fileName: `${guid(1)}-vm-1.wav`, mimeType: 'audio/wav', bytes: fileBytes(guid(1), 'vm-1').length },
		]);
	});

	it('downloads only the new file when a later transcript arrives', async () => {
		const trigger = new ActiveTrigger({ contentTypes: ['callRecording', 'transcript'], downloadFiles: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		const call = interaction(1, 30_000);
		add(call);
		await trigger.poll();
		vi.setSystemTime(NOW + 20 * MINUTE);
		add({ ...call, content: [...call.content, transcript()] });

		const later = await trigger.poll();

		expect(vcc.downloads).toEqual([`${guid(1)}/callRecording`, `${guid(1)}/transcript`]);
		expect(later.items[0].binary?.data.mimeType).toBe('application/json');
	});
});

describe('Vonage Contact Center Trigger: long polls', () => {
	it('hands over what it has when its time budget runs out, and the next poll delivers the rest once', async () => {
		const trigger = new ActiveTrigger({ downloadFiles: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(interaction(1, 50_000), interaction(2, 40_000), interaction(3, 30_000));
		// Each file takes three minutes; n8n gives a poll five, the trigger starts nothing after four.
		const stop = sim.onRequest((request) => {
			if (request.route === 'content') vi.setSystemTime(Date.now() + 3 * MINUTE);
		});

		const first = await trigger.poll();
		stop();
		vi.setSystemTime(NOW + 10 * MINUTE);
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 11 * MINUTE);
		const third = await trigger.poll();

		expect(emitted(first).map((e) => e.guid)).toEqual([guid(1), guid(2)]);
		expect(emitted(second).map((e) => e.guid)).toEqual([guid(3)]);
		expect(third.returnedNull).toBe(true);
		expect(vcc.downloads).toEqual([1, 2, 3].map((n) => `${guid(n)}/callRecording`));
	});
});

describe('Vonage Contact Center Trigger: Fetch Test Event', () => {
	it('returns the newest interaction with watched content, leaving the trigger state alone', async () => {
		setInteractions([interaction(1, 3 * HOUR), interaction(2, 40 * MINUTE), interaction(3, 10 * MINUTE, [transcript()])]);
		const trigger = new ActiveTrigger({ downloadFiles: true });

		const result = await trigger.poll('manual');

		expect(result.error).toBeUndefined();
		expect(emitted(result)).toEqual([{ guid: guid(2), newContent: ['callRecording'] }]);
		expect(await readBinary(result.items[0])).toEqual(fileBytes(guid(2), 'callRecording'));
		expect(result.staticData).toEqual({});
	});

	it('says clearly when nothing matched in the Look Back period', async () => {
		setInteractions([interaction(1, 30 * HOUR)]);
		const trigger = new ActiveTrigger();

		const result = await trigger.poll('manual');

		expect(result.error?.message).toBe('No interaction with call recording content started in the last 24 hours');
	});
});

describe('Vonage Contact Center Trigger: a file that keeps failing never stops it', () => {
	const failures = (result: RunPollResult) => result.items.filter((item) => item.json.status === 'failed').map((item) => item.json);
	const healthy = (result: RunPollResult) => result.items.filter((item) => item.json.status !== 'failed');
	const failingLog = (trigger: ActiveTrigger) =>
		((trigger.staticData['node:Node Under Test'] as IDataObject).contentState as IDataObject).failing as IDataObject;

	/** Active with Download Files, baseline taken, then the given interactions appear a minute later. */
	async function activeWith(fresh: VonageInteraction[], options: IDataObject = {}, parameters: INodeParameters = {}): Promise<ActiveTrigger> {
		const trigger = new ActiveTrigger({ ...parameters, downloadFiles: true, options: { maxTries: 1, ...options } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(...fresh);
		return trigger;
	}

	it.each([403, 404])(
		'reports a file answering %i once as a failure item, emits the healthy files around it once, and moves on',
		async (status) => {
			const bad = interaction(2, 40_000, [{ ...recording(), answers: [status], errorMessage: 'Content not available' }]);
			const trigger = await activeWith([interaction(1, 50_000), bad, interaction(3, 30_000)]);

			const first = await trigger.poll();

			expect(first.error).toBeUndefined();
			expect(first.items.map((item) => [item.json.interactionId, item.json.status])).toEqual([
				[guid(1), undefined],
				[guid(2), 'failed'],
				[guid(3), undefined],
			]);
			expect(failures(first)).toEqual([
				{
					status: 'failed',
					interactionId: guid(2),
					contentKey: 'callRecording',
					type: 'callRecording',
					lastModified: '2026-03-02T11:00:00Z',
					error: {
						message: `Vonage Contact Center: Content not available (HTTP ${status}, interaction ${guid(2)}, content callRecording)`,
						httpCode: String(status),
						description: expect.any(String),
					},
					reason: 'permanent',
					attempts: 1,
					source: 'vonageContactCenter',
				},
			]);
			expect(await readBinary(first.items[2])).toEqual(fileBytes(guid(3), 'callRecording'));

			vi.setSystemTime(NOW + 2 * MINUTE);
			const second = await trigger.poll();
			vi.setSystemTime(NOW + 3 * MINUTE);
			add(interaction(4, 30_000));
			const third = await trigger.poll();

			expect(second.returnedNull).toBe(true);
			expect(emitted(third)).toEqual([{ guid: guid(4), newContent: ['callRecording'] }]);
			expect(vcc.downloads.filter((d) => d.startsWith(guid(2)))).toHaveLength(1);
			// The search range follows the polls: it does not grow while a file is failing.
			expect(vcc.searches.at(-1)?.start).toBe(new Date(NOW + 2 * MINUTE - 24 * HOUR).toISOString());
		},
	);

	it('tries a file whose 5xx never clears until its retry window closes, then reports it once, while newer content keeps coming', async () => {
		const bad = interaction(1, 30_000, [{ ...recording(), answers: [503] }]);
		const trigger = await activeWith([bad], { maxTries: 2, retryHours: 0.05 });

		const first = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		add(interaction(2, 30_000));
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 3 * MINUTE);
		const notDue = await trigger.poll();
		vi.setSystemTime(NOW + 4 * MINUTE);
		const third = await trigger.poll();
		vi.setSystemTime(NOW + 5 * MINUTE);
		const fourth = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);
		expect(failingLog(trigger)).toEqual({});
		expect(emitted(second)).toEqual([{ guid: guid(2), newContent: ['callRecording'] }]);
		expect(notDue.returnedNull).toBe(true);
		expect(failures(third)).toEqual([
			expect.objectContaining({
				status: 'failed',
				interactionId: guid(1),
				contentKey: 'callRecording',
				error: expect.objectContaining({ httpCode: '503', message: expect.stringContaining('HTTP 503') }),
				reason: 'retriesExhausted',
				attempts: 3,
			}),
		]);
		expect(healthy(third)).toEqual([]);
		expect(fourth.returnedNull).toBe(true);
		// Tried 1 and then 2 minutes apart until the 3-minute window closed, each try with Max Tries 2.
		expect(vcc.downloads.filter((d) => d.startsWith(guid(1)))).toHaveLength(6);
	});

	it('emits a file whose 5xx clears on the next poll once, with its bytes, and reports no failure', async () => {
		const flaky = interaction(1, 30_000, [{ ...recording(), answers: [502, 200] }]);
		const trigger = await activeWith([flaky]);

		const first = await trigger.poll();
		expect(Object.keys(failingLog(trigger))).toHaveLength(1);
		vi.setSystemTime(NOW + 2 * MINUTE);
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 3 * MINUTE);
		const third = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);
		expect(emitted(second)).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);
		expect(failures(second)).toEqual([]);
		expect(await readBinary(second.items[0])).toEqual(fileBytes(guid(1), 'callRecording'));
		expect(third.returnedNull).toBe(true);
		expect(failingLog(trigger)).toEqual({});
	});

	it('emits the files of an interaction that arrived, and a file of it that failed on a later poll once it arrives', async () => {
		const trigger = await activeWith(
			[interaction(1, 30_000, [recording(), { contentKey: 'vm-1', type: 'voicemail', answers: [500, 200] }])],
			{},
			{ contentTypes: ['callRecording', 'voicemail'] },
		);

		const first = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		const second = await trigger.poll();

		expect(emitted(first)).toEqual([{ guid: guid(1), newContent: ['callRecording'] }]);
		expect(emitted(second)).toEqual([{ guid: guid(1), newContent: ['vm-1'] }]);
		expect(await readBinary(second.items[0])).toEqual(fileBytes(guid(1), 'vm-1'));
	});

	it("reports a file over n8n's binary-store cap at once, without trying it again", async () => {
		const restore = await useCappedDatabaseStore(1);
		try {
			const big = interaction(2, 30_000, [{ ...recording(), bytes: Buffer.alloc(2 * 1024 * 1024, 1) }]);
			const trigger = await activeWith([interaction(1, 40_000), big]);

			const first = await trigger.poll();
			vi.setSystemTime(NOW + 2 * MINUTE);
			const second = await trigger.poll();

			expect(first.error).toBeUndefined();
			expect(healthy(first).map((item) => item.json.interactionId)).toEqual([guid(1)]);
			expect(failures(first)).toEqual([
				expect.objectContaining({
					interactionId: guid(2),
					contentKey: 'callRecording',
					reason: 'permanent',
					attempts: 1,
					error: {
						message: expect.stringContaining("the file is too large for n8n's binary data store (2 MB; this n8n accepts at most 1 MB per file)"),
						description: expect.stringContaining('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE'),
					},
				}),
			]);
			expect(second.returnedNull).toBe(true);
			expect(vcc.downloads.filter((d) => d.startsWith(guid(2)))).toHaveLength(1);
		} finally {
			restore();
		}
	});

	it('reports a failing file whose interaction leaves Look Back before its last try, and forgets it', async () => {
		const trigger = await activeWith([interaction(1, 50 * MINUTE, [{ ...recording(), answers: [500] }])], { lookBackHours: 1 });

		const first = await trigger.poll();
		expect(Object.keys(failingLog(trigger))).toHaveLength(1);
		for (const minute of [2, 4, 8]) {
			vi.setSystemTime(NOW + minute * MINUTE);
			await trigger.poll();
		}
		// Not due before minute 16, and its interaction started more than an hour before this poll.
		vi.setSystemTime(NOW + 11 * MINUTE);
		const later = await trigger.poll();

		expect(first.returnedNull).toBe(true);
		expect(failures(later)).toEqual([
			expect.objectContaining({ interactionId: guid(1), reason: 'outOfLookBack', attempts: 4, error: expect.objectContaining({ httpCode: '500' }) }),
		]);
		expect(vcc.downloads).toHaveLength(4);
		expect(failingLog(trigger)).toEqual({});
		vi.setSystemTime(NOW + 2 * HOUR + MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
	});

	it('loses nothing to a 30-minute outage at a one-minute poll: every recording comes out once after it', async () => {
		const trigger = await activeWith([]);
		const delivered: string[] = [];
		const failed: IDataObject[] = [];
		const pollErrors: string[] = [];
		downloadOutage('503');
		for (let minute = 1; minute <= 40; minute++) {
			if (minute === 31) sim.clearFaults();
			vi.setSystemTime(NOW + minute * MINUTE);
			add(interaction(minute, 30_000));
			const result = await trigger.poll();
			if (result.error) pollErrors.push(result.error.message);
			delivered.push(...healthy(result).map((item) => item.json.interactionId as string));
			failed.push(...failures(result));
		}

		expect(failed).toEqual([]);
		expect(delivered).toEqual(Array.from({ length: 40 }, (_, i) => guid(i + 1)));
		// From the second outage minute on, the polls fail as a whole and keep their place.
		expect(pollErrors).toHaveLength(29);
		expect(pollErrors[0]).toMatch(/^All \d+ downloads this poll failed \(the last: Vonage Contact Center: Service Unavailable \(HTTP 503/);
		expect(failingLog(trigger)).toEqual({});
	});

	it('fails a poll in which every download fails transiently as a whole, keeping its place and every retry window', async () => {
		const trigger = await activeWith([interaction(1, 40_000), interaction(2, 30_000)]);
		const before = structuredClone(trigger.staticData);
		downloadOutage('502');

		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('All 2 downloads this poll failed');
		expect((failed.error as { description?: string }).description).toContain('No file was given up and none used its retry window');
		expect(failed.staticData).toEqual(before);
	});

	it('reports a file that stays broken past its retry window once, at the end of the window, while the rest flows', async () => {
		const trigger = await activeWith([interaction(1, 30_000, [{ ...recording(), answers: [500] }])], { retryHours: 1 });
		const failed: Array<{ minute: number; failure: IDataObject }> = [];
		const delivered: string[] = [];
		for (let minute = 1; minute <= 90; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			if (minute % 10 === 0) add(interaction(100 + minute, 30_000));
			const result = await trigger.poll();
			expect(result.error).toBeUndefined();
			failed.push(...failures(result).map((failure) => ({ minute, failure })));
			delivered.push(...healthy(result).map((item) => item.json.interactionId as string));
		}

		expect(failed).toEqual([
			{ minute: 61, failure: expect.objectContaining({ interactionId: guid(1), reason: 'retriesExhausted', attempts: 7 }) },
		]);
		expect(delivered).toEqual(Array.from({ length: 9 }, (_, i) => guid(110 + 10 * i)));
		expect(vcc.downloads.filter((d) => d.startsWith(guid(1)))).toHaveLength(7);
	});

	it('keeps no secret in a failure item, even when the server echoes one', async () => {
		const trigger = await activeWith([]);
		// The token the baseline poll signed in with, which this poll uses too.
		const [token] = sim.issuedSecrets().vonage;
		const { clientSecret } = sim.credentials.vonage;
		const echo = `denied for Authorization: Bearer ${token} client_secret=${clientSecret}`;
		add(interaction(1, 30_000, [{ ...recording(), answers: [403], errorMessage: echo }]));

		const result = await trigger.poll();

		expect(sim.issuedSecrets().vonage).toEqual([token]);
		expect(failures(result)).toHaveLength(1);
		expect(JSON.stringify(result.items)).not.toContain(token);
		expect(JSON.stringify(result.items)).not.toContain(clientSecret);
	});

	it('still fails the whole poll, keeping its place, when a file download is refused with 401', async () => {
		const trigger = await activeWith([interaction(1, 30_000, [{ ...recording(), answers: [401] }])]);
		const before = structuredClone(trigger.staticData);

		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('HTTP 401');
		expect(failed.staticData).toEqual(before);
	});
});
