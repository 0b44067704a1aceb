import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { KoreAiSmartAssistTrigger } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssistTrigger.node';
import { readBinary, runPoll, type RunPollResult } from '../harness/index';
import { ACCOUNT, BOT, koreCredentials } from './fixtures';
import { useCappedDatabaseStore } from '../support/cappedBinaryStore';
import { FAST } from '../support/vendorRun';
import { FakeKore, recordingBytes, type FakeCall } from './fakeKore';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-03-02T12:00:00Z');
const NODE_STATE = 'node:Node Under Test';

/** A voice call that started `startedAgoMs` before now and ended `endedAgoMs` before now. */
function call(sessionId: string, startedAgoMs: number, endedAgoMs: number | undefined, recording?: string[]): FakeCall {
	return {
		sessionId,
		start: new Date(Date.now() - startedAgoMs),
		...(endedAgoMs === undefined ? {} : { end: new Date(Date.now() - endedAgoMs) }),
		...(recording ? { recording } : {}),
	};
}

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

let kore: FakeKore;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
	kore = new FakeKore();
	kore.install();
});
afterEach(() => {
	nock.cleanAll();
	vi.useRealTimers();
});

describe('Kore.ai SmartAssist Trigger: which calls it emits', () => {
	it('emits no call that had already ended at first activation, and one that ends later once', async () => {
		kore.calls = [call('ended-before', 3 * HOUR, 2 * HOUR), call('going-on', 5 * MINUTE, undefined)];
		const trigger = new ActiveTrigger();

		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.returnedNull).toBe(true);

		vi.setSystemTime(NOW + 10 * MINUTE);
		kore.calls[1].end = new Date(NOW + 8 * MINUTE);
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 11 * MINUTE);
		const third = await trigger.poll();

		expect(sessions(second)).toEqual(['going-on']);
		expect(second.items[0].json).toMatchObject({ sessionId: 'going-on', botId: BOT, source: 'koreAiSmartAssist' });
		expect(third.returnedNull).toBe(true);
	});

	it('backfills only the hours asked for on first activation', async () => {
		kore.calls = [call('five-hours-ago', 5 * HOUR, 5 * HOUR - 5 * MINUTE), call('an-hour-ago', HOUR, HOUR - 5 * MINUTE)];
		const trigger = new ActiveTrigger({ options: { backfillHours: 2 } });

		expect(sessions(await trigger.poll())).toEqual(['an-hour-ago']);
	});

	it('three polls over overlapping ranges emit each call exactly once, voice calls only', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();

		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('a', 5 * MINUTE, 30_000), { ...call('chat', 5 * MINUTE, 30_000), channel: 'Web/Mobile Client' });
		const second = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		kore.calls.push(call('b', 4 * MINUTE, 30_000));
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
		expect(kore.callDetails.every((r) => r.accountId === ACCOUNT && r.iId === BOT)).toBe(true);
	});

	it('after a restart with the saved static data it emits nothing twice', async () => {
		const trigger = new ActiveTrigger();
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('a', 5 * MINUTE, 30_000));
		await trigger.poll();

		trigger.staticData = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		vi.setSystemTime(NOW + 30 * MINUTE);
		kore.calls.push(call('b', 10 * MINUTE, MINUTE));

		expect(sessions(await trigger.poll())).toEqual(['b']);
	});

	it('pages within the API limits and searches at most 7 days per request', async () => {
		kore.calls = Array.from({ length: 250 }, (_, i) => call(`s${String(i).padStart(3, '0')}`, 200 * HOUR - i * 10 * MINUTE, 200 * HOUR - i * 10 * MINUTE - MINUTE));
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
		kore.calls = Array.from({ length: 25 }, (_, i) => call(`s${String(i).padStart(2, '0')}`, (25 - i) * 24 * HOUR, (25 - i) * 24 * HOUR - MINUTE));
		const startFrom = new Date(NOW - 26 * 24 * HOUR).toISOString();
		const trigger = new ActiveTrigger({ options: { startFrom, maxItemsPerPoll: 10 } });

		const polls: RunPollResult[] = [];
		for (let minute = 0; minute < 4; minute++) {
			vi.setSystemTime(NOW + minute * MINUTE);
			polls.push(await trigger.poll());
		}
		kore.calls.push(call('live', 2 * MINUTE, MINUTE));
		vi.setSystemTime(NOW + 5 * MINUTE);
		const live = await trigger.poll();

		expect(polls.map((p) => p.items.length)).toEqual([10, 10, 5, 0]);
		expect(polls.flatMap(sessions)).toEqual(kore.calls.slice(0, 25).map((c) => c.sessionId));
		expect(sessions(live)).toEqual(['live']);
	});
});

describe('Kore.ai SmartAssist Trigger: Download Recording', () => {
	it('attaches the ready recording as binary, fetched from the signed link without credentials', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('ready-call', 5 * MINUTE, 30_000));

		const result = await trigger.poll();

		expect(sessions(result)).toEqual(['ready-call']);
		const [item] = result.items;
		expect(item.json).toMatchObject({
			recordingStatus: 'success',
			files: [{ binaryProperty: 'data', fileName: 'ready-call-merged.wav', mimeType: 'audio/wav', bytes: recordingBytes('ready-call').length }],
		});
		expect(await readBinary(item)).toEqual(recordingBytes('ready-call'));
	});

	it('emits a call still waiting for its recording once Download Recording is switched off, without asking for the recording again', async () => {
		const downloading = new ActiveTrigger({ downloadRecording: true });
		await downloading.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('waiting', 5 * MINUTE, 30_000, ['media_in_progress']));
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
		kore.calls.push(call('slow', 5 * MINUTE, 30_000, ['media_in_progress', 'media_in_progress', 'success']));

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
		kore.calls.push(call('no-media', 5 * MINUTE, 30_000, ['media_unavailable']));

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
		kore.calls.push(call('no-media', 5 * MINUTE, 30_000, ['media_unavailable']));

		expect((await trigger.poll()).returnedNull).toBe(true);
		vi.setSystemTime(NOW + 2 * MINUTE);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(kore.recordingChecks).toEqual(['no-media']);
	});

	it('gives up on a recording still not ready after Max Wait, emitting the call as timed out when asked', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true, emitWithoutRecording: true, options: { maxWaitHours: 1 } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('stuck', 5 * MINUTE, 30_000, ['media_in_progress']));
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
		kore.calls.push(live);
		expect((await trigger.poll()).returnedNull).toBe(true);
		expect(kore.recordingChecks).toEqual([]);

		vi.setSystemTime(NOW + 40 * MINUTE);
		live.end = new Date(NOW + 39 * MINUTE);
		expect(sessions(await trigger.poll())).toEqual(['live']);
	});
});

describe('Kore.ai SmartAssist Trigger: long polls', () => {
	it('hands over what it has when its time budget runs out, and the next poll delivers the rest once', async () => {
		const trigger = new ActiveTrigger({ downloadRecording: true });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(call('one', 9 * MINUTE, 50_000), call('two', 8 * MINUTE, 40_000), call('three', 7 * MINUTE, 30_000));
		// Each recording takes three minutes; n8n gives a poll five, the trigger starts nothing after four.
		kore.onMediaFetch = () => vi.setSystemTime(Date.now() + 3 * MINUTE);

		const first = await trigger.poll();
		kore.onMediaFetch = () => {};
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
		kore.calls.push(call('slow', 5 * MINUTE, 30_000, ['media_in_progress', 'success']));
		await trigger.poll();
		const before = structuredClone(trigger.staticData);

		vi.setSystemTime(NOW + 2 * MINUTE);
		kore.calls.push(call('new', 3 * MINUTE, 30_000));
		kore.callDetailsFailures.push({ status: 500, body: { errors: [{ msg: 'Analytics store is down' }] } });
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
		kore.calls = [
			call('older-ready', 3 * HOUR, 2 * HOUR),
			call('newest-in-progress', 20 * MINUTE, 5 * MINUTE, ['media_in_progress']),
			call('going-on', 2 * MINUTE, undefined),
		];
		const trigger = new ActiveTrigger({ downloadRecording: true });

		const result = await trigger.poll('manual');

		expect(result.error).toBeUndefined();
		expect(sessions(result)).toEqual(['older-ready']);
		expect(await readBinary(result.items[0])).toEqual(recordingBytes('older-ready'));
		expect(result.staticData).toEqual({});
	});

	it('says clearly when no call ended in the Look Back period', async () => {
		kore.calls = [call('too-old', 30 * HOUR, 29 * HOUR)];
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
	async function activeWith(calls: FakeCall[], parameters: IDataObject = {}): Promise<ActiveTrigger> {
		const { options, ...rest } = parameters;
		const trigger = new ActiveTrigger({ downloadRecording: true, ...rest, options: { maxTries: 1, ...((options as IDataObject) ?? {}) } });
		await trigger.poll();
		vi.setSystemTime(NOW + MINUTE);
		kore.calls.push(...calls);
		return trigger;
	}

	it('tries a session whose recording listing keeps answering 5xx until its retry window closes, then reports it once, while other calls keep coming', async () => {
		const threeMinutes = { options: { retryHours: 0.05 } };
		const trigger = await activeWith(
			[call('one', 6 * MINUTE, 50_000), call('broken', 5 * MINUTE, 40_000, ['http_503']), call('two', 4 * MINUTE, 30_000)],
			threeMinutes,
		);

		const first = await trigger.poll();
		vi.setSystemTime(NOW + 2 * MINUTE);
		kore.calls.push(call('three', 3 * MINUTE, 30_000));
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
				botId: BOT,
				error: {
					message: expect.stringMatching(/^Kore\.ai SmartAssist: failure http_503 \(HTTP 503, session broken/),
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
		const trigger = await activeWith([call('forbidden', 5 * MINUTE, 40_000, ['http_403']), call('fine', 4 * MINUTE, 30_000)]);

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
		const trigger = await activeWith([call('flaky', 5 * MINUTE, 30_000, undefined)]);
		kore.calls[0].media = [502, 200];

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
		const trigger = await activeWith([call('down', 5 * MINUTE, 30_000)], { options: { retryHours: 0.05 } });
		kore.calls[0].media = [500];

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
		const trigger = await activeWith([call('refused', 5 * MINUTE, 30_000)], { options: { maxWaitHours: 1 } });
		kore.calls[0].media = [403];

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
		const trigger = await activeWith([call('x', 5 * MINUTE, 30_000, ['http_401'])]);
		const before = structuredClone(trigger.staticData);

		const failed = await trigger.poll();

		expect(failed.error?.message).toContain('HTTP 401');
		expect(failed.staticData).toEqual(before);
	});
});
