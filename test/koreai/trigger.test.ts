import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { KoreAiSmartAssistTrigger } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssistTrigger.node';
import { readBinary, runPoll, type RunPollResult } from '../harness/index';
import { startSimulator, type KoreCall, type Simulator } from '../simulator/index.mjs';
import { wav } from './fixtures';
import { useCappedDatabaseStore } from '../support/cappedBinaryStore';
import { FAST } from '../support/vendorRun';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-03-02T12:00:00Z');
const NODE_STATE = 'node:Node Under Test';

/** Each call's recording has bytes of its own: a download attached to the wrong call shows. */
function recordingBytes(sessionId: string): Buffer {
	return Buffer.concat([wav, Buffer.from(sessionId)]);
}

/**
 * A voice call that started `startedAgoMs` before now and ended `endedAgoMs` before now; its
 * recording listing answers `recording` in turn (statuses, or an HTTP status it fails with).
 */
function call(sessionId: string, startedAgoMs: number, endedAgoMs: number | undefined, recording?: Array<string | number>): KoreCall {
	return {
		sessionId,
		start: new Date(Date.now() - startedAgoMs),
		...(endedAgoMs === undefined ? {} : { end: new Date(Date.now() - endedAgoMs) }),
		...(recording ? { recording } : {}),
		bytes: recordingBytes(sessionId),
	};
}

/** Calls that show up in Kore.ai's data from now on, as between a trigger's polls. */
const add = (...calls: KoreCall[]) => calls.forEach((c) => sim.kore.putCall(c));

class ActiveTrigger {
	staticData: IDataObject = {};

	constructor(private readonly parameters: INodeParameters = {}) {}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<RunPollResult> {
		const { options, ...rest } = this.parameters;
		const result = await runPoll({
			nodeType: new KoreAiSmartAssistTrigger(),
			credentialTypes: [new KoreAiSmartAssistApi()],
			credentials: koreCredentials(),
			parameters: { ...rest, options: { ...FAST, requestsPerHour: 0, ...((options as IDataObject) ?? {}) } },
			staticData: this.staticData,
			mode,
		});
		if (mode === 'trigger') this.staticData = result.staticData;
		return result;
	}

	pending(): string[] {
		const state = (this.staticData[NODE_STATE] as IDataObject | undefined)?.sessionState as IDataObject | undefined;
		return Object.keys((state?.pending as IDataObject) ?? {});
	}
}

const sessions = (result: RunPollResult) => result.items.map((item) => item.json.sessionId);

let sim: Simulator;
const BOT = () => sim.credentials.kore.botId;
const ACCOUNT = () => sim.credentials.kore.accountId;

function koreCredentials() {
	const { host, ...kore } = sim.credentials.kore;
	return { koreAiSmartAssistApi: { host: 'custom', customHost: host, ...kore } };
}

/** The simulator's request log, read the way the specs ask about it. */
const kore = {
	get callDetails() {
		return sim
			.requests()
			.filter((r) => r.route === 'calldetails')
			.map((r) => {
				const body = r.body as { startDate: string; endDate: string; timeZoneOffset: number; channels?: string[] };
				return {
					...body,
					offset: Number(r.query.offset ?? 0),
					limit: Number(r.query.limit ?? 100),
					accountId: r.headers.accountid,
					iId: r.headers.iid,
				};
			});
	},
	get recordingChecks() {
		return sim.requests().filter((r) => r.route === 'recordings.v2').map((r) => r.query.sessionId);
	},
	get mediaFetches() {
		return sim.requests().filter((r) => r.route === 'media').map((r) => r.sessionId);
	},
};

// Real sockets to the simulator on 127.0.0.1: nock must not sit in between.
beforeAll(() => nock.restore());
beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
	// One simulator per spec, its clock on the spec's; only the calls each spec writes.
	sim = await startSimulator({ now: NOW, interactions: 0, koreAnalyticsPerMinute: 0, korePlatformPerMinute: 0 });
	sim.kore.setCalls([]);
});
afterEach(async () => {
	await sim.close();
	vi.useRealTimers();
});

describe('Kore.ai SmartAssist Trigger: which calls it emits', () => {
	it('emits no call that had already ended at first activation, and one that ends later once', async () => {
		const goingOn = call('going-on', 5 * MINUTE, undefined);
		sim.kore.setCalls([call('ended-before', 3 * HOUR, 2 * HOUR), goingOn]);
		const trigger = new ActiveTrigger();

		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);

		vi.setSystemTime(NOW + 10 * MINUTE);
		sim.kore.putCall({ ...goingOn, end: new Date(NOW + 8 * MINUTE) });
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 11 * MINUTE);
		const third = await trigger.poll();

		expect(sessions(second)).toEqual(['going-on']);
		expect(second.items[0].json).toMatchObject({ sessionId: 'going-on', botId: BOT(), source: 'koreAiSmartAssist' });
		expect(third.returnedNull).toBe(true);
	});

	it('backfills only the hours asked for on first activation', async () => {
		sim.kore.setCalls([call('five-hours-ago', 5 * HOUR, 5 * HOUR - 5 * MINUTE), call('an-hour-ago', HOUR, HOUR - 5 * MINUTE)]);
		const trigger = new ActiveTrigger({ options: { backfillHours: 2 } });

		expect(sessions(await trigger.poll())).toEqual(['an-hour-ago']);
	});

	it('three polls over overlapping ranges emit each call exactly once, voice calls only', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();

		vi.setSystemTime(NOW + MINUTE);
		add(call('a', 5 * MINUTE, 30_000), { ...call('chat', 5 * MINUTE, 30_000), channel: 'Web/Mobile Client' });
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		add(call('b', 4 * MINUTE, 30_000));
		const third = await trigger.poll();
		vi.setSystemTime(NOW + 3 * MINUTE);
		const fourth = await trigger.poll();

		expect(sessions(second)).toEqual(['a']);
		expect(sessions(third)).toEqual(['b']);
		expect(fourth.returnedNull).toBe(true);
		// Every search reached a full Look Back before the previous poll, in UTC, for voice only.
		expect(kore.callDetails.slice(1).map((r) => [r.startDate, r.endDate])).toEqual([
			['2026-03-01 12:00:00', '2026-03-02 12:00:59'],
			['2026-03-01 12:01:00', '2026-03-02 12:01:59'],
			['2026-03-01 12:02:00', '2026-03-02 12:02:59'],
		]);
		expect(kore.callDetails.every((r) => r.timeZoneOffset === 0 && r.channels?.[0] === 'voice')).toBe(true);
		expect(kore.callDetails.every((r) => r.accountId === ACCOUNT() && r.iId === BOT())).toBe(true);
	});

	it('after a restart with the saved static data it emits nothing twice', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('a', 5 * MINUTE, 30_000));
		await trigger.poll();

		trigger.staticData = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		vi.setSystemTime(NOW + 30 * MINUTE);
		add(call('b', 10 * MINUTE, MINUTE));

		expect(sessions(await trigger.poll())).toEqual(['b']);
	});

	it('pages within the API limits and searches at most 7 days per request', async () => {
		sim.kore.setCalls(
			Array.from({ length: 250 }, (_, i) => call(`s${String(i).padStart(3, '0')}`, 200 * HOUR - i * 10 * MINUTE, 200 * HOUR - i * 10 * MINUTE - MINUTE)),
		);
		const trigger = new ActiveTrigger({ options: { backfillHours: 240, maxItemsPerPoll: 1000 } });

		const result = await trigger.poll();

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		expect(new Set(sessions(result)).size).toBe(250);
		const windows = [...new Set(kore.callDetails.map((r) => `${r.startDate} → ${r.endDate}`))];
		expect(windows).toEqual(['2026-02-20 12:00:00 → 2026-02-27 11:59:59', '2026-02-27 12:00:00 → 2026-03-02 11:59:59']);
		expect(kore.callDetails.every((r) => r.limit === 100 && r.offset <= 10)).toBe(true);
	});
});

describe('Kore.ai SmartAssist Trigger: bounded polls', () => {
	it('Start From walks the calls from that date, Max Items per Poll at a time, oldest first, each once', async () => {
		const calls = Array.from({ length: 25 }, (_, i) => call(`s${String(i).padStart(2, '0')}`, (25 - i) * 24 * HOUR, (25 - i) * 24 * HOUR - MINUTE));
		sim.kore.setCalls(calls);
		const startFrom = new Date(NOW - 26 * 24 * HOUR).toISOString();
		const trigger = new ActiveTrigger({ options: { startFrom, maxItemsPerPoll: 10 } });

		const polls: RunPollResult[] = [];
		for (let minute = 0; minute < 4; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			polls.push(await trigger.poll());
		}
		add(call('live', 2 * MINUTE, MINUTE));
		vi.setSystemTime(NOW + 5 * MINUTE);
		const live = await trigger.poll();

		expect(polls.map((p) => p.items.length)).toEqual([10, 10, 5, 0]);
		expect(polls.flatMap(sessions)).toEqual(calls.map((c) => c.sessionId));
		expect(sessions(live)).toEqual(['live']);
	});
});

describe('Kore.ai SmartAssist Trigger: Download Recording', () => {
	it('attaches the ready recording as binary, fetched from the signed link without credentials', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('ready-call', 5 * MINUTE, 30_000));

		const result = await trigger.poll();

		expect(sessions(result)).toEqual(['ready-call']);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			recordingStatus: 'success',
			files: [{ binaryProperty: 'data', fileName: sim.kore.recordingFiles('ready-call')[0].fileName, mimeType: 'audio/wav', bytes: recordingBytes('ready-call').length }],
		});
		expect(await readBinary(item)).toEqual(recordingBytes('ready-call'));
	});

	it('emits a call still waiting for its recording once Download Recording is switched off, without asking for the recording again', async () => {
		const downloading = new ActiveTrigger({ downloadRecording: true });
		await downloading.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('waiting', 5 * MINUTE, 30_000, ['media_in_progress']));
		await downloading.poll();
		expect(downloading.pending()).toEqual(['waiting']);

		const callsOnly = new ActiveTrigger({ downloadRecording: false });
		callsOnly.staticData = downloading.staticData;
		vi.setSystemTime(NOW + 2 * MINUTE);
		const released = await callsOnly.poll();
		vi.setSystemTime(NOW + 3 * MINUTE);
		const after = await callsOnly.poll();

		expect(sessions(released)).toEqual(['waiting']);
		expect(released.items[0].binary).toBeUndefined();
		expect(after.returnedNull).toBe(true);
		expect(callsOnly.pending()).toEqual([]);
		expect(kore.recordingChecks).toEqual(['waiting']);
	});

	it('keeps a call whose media is still in progress pending, checks it again later, and emits it once with its recording', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('slow', 5 * MINUTE, 30_000, ['media_in_progress', 'media_in_progress', 'success']));

		const second = await trigger.poll();
		expect(second.returnedNull).toBe(true);
		expect(trigger.pending()).toEqual(['slow']);

		vi.setSystemTime(NOW + 2 * MINUTE);
		const third = await trigger.poll();
		expect(third.returnedNull).toBe(true);

		// Re-checks back off (1, 2, 4 … minutes): a poll one minute later does not ask again.
		vi.setSystemTime(NOW + 3 * MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(kore.recordingChecks).toEqual(['slow', 'slow']);

		vi.setSystemTime(NOW + 4 * MINUTE);
		const ready = await trigger.poll();
		vi.setSystemTime(NOW + 5 * MINUTE);
		const after = await trigger.poll();

		expect(sessions(ready)).toEqual(['slow']);
		expect(await readBinary(ready.items[0])).toEqual(recordingBytes('slow'));
		expect(after.returnedNull).toBe(true);
		expect(trigger.pending()).toEqual([]);
		expect(kore.recordingChecks).toEqual(['slow', 'slow', 'slow']);
		expect(kore.mediaFetches).toEqual(['slow']);
	});

	it('emits a call with media_unavailable and that status when asked', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true, emitWithoutRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('no-media', 5 * MINUTE, 30_000, ['media_unavailable']));

		const result = await trigger.poll();

		expect(sessions(result)).toEqual(['no-media']);
		expect(result.items[0].json).toMatchObject({
			recordingStatus: 'media_unavailable',
			recordingStatusDescription: 'the server has no media for this session',
		});
		expect(result.items[0].binary).toBeUndefined();
	});

	it('skips a call without recording when not asked, and never checks it again', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('no-media', 5 * MINUTE, 30_000, ['media_unavailable']));

		expect((await trigger.poll()).returnedNull).toBe(true);
		vi.setSystemTime(NOW + 2 * MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(kore.recordingChecks).toEqual(['no-media']);
	});

	it('gives up on a recording still not ready after Max Wait, emitting the call as timed out when asked', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true, emitWithoutRecording: true, options: { maxWaitHours: 1 } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('stuck', 5 * MINUTE, 30_000, ['media_in_progress']));
		await trigger.poll();

		vi.setSystemTime(NOW + MINUTE + HOUR);
		const result = await trigger.poll();

		expect(sessions(result)).toEqual(['stuck']);
		expect(result.items[0].json).toMatchObject({ recordingStatus: 'media_in_progress', recordingTimedOut: true, recordingChecks: 2 });
		expect(trigger.pending()).toEqual([]);
	});

	it('a call still going on is not emitted until it ends, and then with its recording', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		const live = call('live', 5 * MINUTE, undefined);
		add(live);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(kore.recordingChecks).toEqual([]);

		vi.setSystemTime(NOW + 40 * MINUTE);
		sim.kore.putCall({ ...live, end: new Date(NOW + 39 * MINUTE) });
		expect(sessions(await trigger.poll())).toEqual(['live']);
	});
});

describe('Kore.ai SmartAssist Trigger: long polls', () => {
	it('hands over what it has when its time budget runs out, and the next poll delivers the rest once', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('one', 9 * MINUTE, 50_000), call('two', 8 * MINUTE, 40_000), call('three', 7 * MINUTE, 30_000));
		// Each recording takes three minutes; n8n gives a poll five, the trigger starts nothing after four.
		const stop = sim.onRequest((request) => {
			if (request.route === 'media') vi.setSystemTime(Date.now() + 3 * MINUTE);
		});

		const first = await trigger.poll();
		stop();
		vi.setSystemTime(NOW + 10 * MINUTE);
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 11 * MINUTE);
		const third = await trigger.poll();

		expect(sessions(first)).toEqual(['one', 'two']);
		expect(sessions(second)).toEqual(['three']);
		expect(third.returnedNull).toBe(true);
		expect(kore.mediaFetches).toEqual(['one', 'two', 'three']);
	});
});

describe('Kore.ai SmartAssist Trigger: failures keep the trigger\'s place', () => {
	it('a failed poll surfaces a readable error, keeps cursor and pending calls, and the next poll delivers', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true, options: { maxTries: 1 } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(call('slow', 5 * MINUTE, 30_000, ['media_in_progress', 'success']));
		await trigger.poll();
		const before = structuredClone(trigger.staticData);

		vi.setSystemTime(NOW + 2 * MINUTE);
		add(call('new', 3 * MINUTE, 30_000));
		sim.setFaults([{ vendor: 'kore', path: '/calldetails$', fault: '500', message: 'Analytics store is down' }]);
		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('Kore.ai SmartAssist');
		expect(failed.error?.message).toContain('Analytics store is down');
		expect((failed.error as { description?: string }).description).toContain('nothing is skipped');
		// The pending call's recording was fetched in the failed poll, but nothing moved.
		expect(failed.staticData).toEqual(before);

		vi.setSystemTime(NOW + 3 * MINUTE);
		const next = await trigger.poll();
		expect(sessions(next).sort()).toEqual(['new', 'slow']);
	});
});

describe('Kore.ai SmartAssist Trigger: Fetch Test Event', () => {
	it('returns the newest ended call whose recording is ready, leaving the trigger state alone', async () => {
		sim.kore.setCalls([
			call('older-ready', 3 * HOUR, 2 * HOUR),
			call('newest-in-progress', 20 * MINUTE, 5 * MINUTE, ['media_in_progress']),
			call('going-on', 2 * MINUTE, undefined),
		]);
		const trigger = new ActiveTrigger({ downloadRecording: true });

		const result = await trigger.poll('manual');

		expect(result.error).toBeUndefined();
		expect(sessions(result)).toEqual(['older-ready']);
		expect(await readBinary(result.items[0])).toEqual(recordingBytes('older-ready'));
		expect(result.staticData).toEqual({});
	});

	it('says clearly when no call ended in the Look Back period', async () => {
		sim.kore.setCalls([call('too-old', 30 * HOUR, 29 * HOUR)]);
		const trigger = new ActiveTrigger();

		const result = await trigger.poll('manual');

		expect(result.error?.message).toBe('Kore.ai SmartAssist: no voice call ended among those started in the last 24 hours');
	});
});

describe('Kore.ai SmartAssist Trigger: a session that keeps failing never stops it', () => {
	const failures = (result: RunPollResult) => result.items.filter((item) => item.json.status === 'failed').map((item) => item.json);
	const failingLog = (trigger: ActiveTrigger) =>
		((trigger.staticData[NODE_STATE] as IDataObject).sessionState as IDataObject).failing as IDataObject;

	/** Active with Download Recording, baseline taken, then the given calls end a minute later. */
	async function activeWith(calls: KoreCall[], parameters: IDataObject = {}): Promise<ActiveTrigger> {
		const { options, ...rest } = parameters;
		const trigger = new ActiveTrigger({ downloadRecording: true, ...rest, options: { maxTries: 1, ...((options as IDataObject) ?? {}) } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		add(...calls);
		return trigger;
	}

	it('tries a session whose recording listing keeps answering 5xx until its retry window closes, then reports it once, while other calls keep coming', async () => {
		const threeMinutes = { options: { retryHours: 0.05 } };
		const trigger = await activeWith(
			[call('one', 6 * MINUTE, 50_000), call('broken', 5 * MINUTE, 40_000, [503]), call('two', 4 * MINUTE, 30_000)],
			threeMinutes,
		);

		const first = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		add(call('three', 3 * MINUTE, 30_000));
		const second = await trigger.poll();
		// The session is asked again after the pending back-off (1, then 2 minutes).
		vi.setSystemTime(NOW + 4 * MINUTE);
		const third = await trigger.poll();
		vi.setSystemTime(NOW + 10 * MINUTE);
		const fourth = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(sessions(first)).toEqual(['one', 'two']);
		expect(sessions(second)).toEqual(['three']);
		expect(third.items.map((item) => item.json)).toEqual([
			{
				status: 'failed',
				sessionId: 'broken',
				botId: BOT(),
				error: {
					message: expect.stringMatching(/^Kore\.ai SmartAssist: Service Unavailable — code 503 \(HTTP 503, session broken/),
					httpCode: '503',
					description: expect.any(String),
				},
				reason: 'retriesExhausted',
				attempts: 3,
				source: 'koreAiSmartAssist',
			},
		]);
		expect(fourth.returnedNull).toBe(true);
		expect(kore.recordingChecks.filter((s) => s === 'broken')).toHaveLength(3);
		expect(trigger.pending()).toEqual([]);
		expect(failingLog(trigger)).toEqual({});
	});

	it('reports a session whose recording listing answers 403 once, at once', async () => {
		const trigger = await activeWith([call('forbidden', 5 * MINUTE, 40_000, [403]), call('fine', 4 * MINUTE, 30_000)]);

		const first = await trigger.poll();
		vi.setSystemTime(NOW + 5 * MINUTE);
		const second = await trigger.poll();

		expect(first.items.map((item) => [item.json.sessionId, item.json.status])).toEqual([
			['forbidden', 'failed'],
			['fine', undefined],
		]);
		expect(failures(first)[0]).toMatchObject({ reason: 'permanent', attempts: 1, error: { httpCode: '403' } });
		expect(second.returnedNull).toBe(true);
		expect(kore.recordingChecks.filter((s) => s === 'forbidden')).toHaveLength(1);
	});

	it('emits a call whose media host fails once and then serves, once with its recording and no failure', async () => {
		// The media host answers 502, then serves.
		const trigger = await activeWith([{ ...call('flaky', 5 * MINUTE, 30_000, undefined), media: [502, 200] }]);

		const first = await trigger.poll();
		expect(trigger.pending()).toEqual(['flaky']);
		vi.setSystemTime(NOW + 2 * MINUTE);
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 10 * MINUTE);
		const third = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);
		expect(sessions(second)).toEqual(['flaky']);
		expect(failures(second)).toEqual([]);
		expect(await readBinary(second.items[0])).toEqual(recordingBytes('flaky'));
		expect(third.returnedNull).toBe(true);
		expect(failingLog(trigger)).toEqual({});
	});

	it('reports a call whose media host keeps failing once its retry window closes, and checks it no more', async () => {
		const trigger = await activeWith([{ ...call('down', 5 * MINUTE, 30_000), media: [500] }], { options: { retryHours: 0.05 } });

		await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		await trigger.poll();
		vi.setSystemTime(NOW + 4 * MINUTE);
		const third = await trigger.poll();
		vi.setSystemTime(NOW + 30 * MINUTE);
		const later = await trigger.poll();

		expect(failures(third)).toEqual([
			expect.objectContaining({ sessionId: 'down', reason: 'retriesExhausted', attempts: 3, error: expect.objectContaining({ httpCode: '500' }) }),
		]);
		expect(later.returnedNull).toBe(true);
		expect(kore.mediaFetches).toEqual(['down', 'down', 'down']);
	});

	it("reports a recording over n8n's binary-store cap at once", async () => {
		const restore = await useCappedDatabaseStore(0.001);
		try {
			const trigger = await activeWith([call('huge', 5 * MINUTE, 30_000)]);

			const first = await trigger.poll();
			vi.setSystemTime(NOW + 10 * MINUTE);
			const second = await trigger.poll();

			expect(failures(first)).toEqual([
				expect.objectContaining({
					sessionId: 'huge',
					reason: 'permanent',
					attempts: 1,
					error: expect.objectContaining({ message: expect.stringContaining("too large for n8n's binary data store") }),
				}),
			]);
			expect(second.returnedNull).toBe(true);
			expect(kore.mediaFetches).toEqual(['huge']);
		} finally {
			restore();
		}
	});

	it('reports a call whose signed link is refused until Max Wait as failed, not as a call without recording', async () => {
		const trigger = await activeWith([{ ...call('refused', 5 * MINUTE, 30_000), media: [403] }], { options: { maxWaitHours: 1 } });

		const first = await trigger.poll();
		vi.setSystemTime(NOW + MINUTE + HOUR);
		const timedOut = await trigger.poll();

		expect(first.returnedNull).toBe(true);
		expect(trigger.pending()).toEqual([]);
		expect(timedOut.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				status: 'failed',
				sessionId: 'refused',
				reason: 'retriesExhausted',
				attempts: 2,
				error: expect.objectContaining({ httpCode: '403' }),
			}),
		]);
	});

	it('still fails the whole poll, keeping its place, when the recording listing is refused with 401', async () => {
		const trigger = await activeWith([call('x', 5 * MINUTE, 30_000, [401])]);
		const before = structuredClone(trigger.staticData);

		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('HTTP 401');
		expect(failed.staticData).toEqual(before);
	});
});
