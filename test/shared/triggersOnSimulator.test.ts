/**
 * Both triggers against the loopback vendor simulator over real HTTP: the simulator behaves like
 * the vendors' documentation, not like these nodes expect (test/simulator/README.md).
 */
import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { KoreAiSmartAssistTrigger } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssistTrigger.node';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { readBinary, runPoll } from '../harness/index';
import { startSimulator, type Simulator } from '../simulator/index.mjs';

const MINUTE = 60_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let sim: Simulator;

beforeAll(async () => {
	// Real sockets to 127.0.0.1: nock must not sit in between.
	nock.restore();
	sim = await startSimulator({ seed: 5, interactions: 40 });
});
afterAll(async () => sim?.close());
afterEach(() => vi.useRealTimers());

describe('triggers against the vendor simulator', () => {
	it('Vonage: a 30-day backfill delivers every call recording once, with the bytes the server holds', async () => {
		const credentials = { vonageContactCenterApi: { ...sim.credentials.vonage, accessToken: '' } };
		const poll = (staticData: IDataObject) =>
			runPoll({
				nodeType: new VonageContactCenterTrigger(),
				credentialTypes: [new VonageContactCenterApi()],
				credentials,
				parameters: {
					contentTypes: ['callRecording'],
					downloadFiles: true,
					options: { backfillHours: 720, requestsPerMinute: 0 },
				},
				staticData,
			});
		const since = Date.now() - 720 * 60 * MINUTE;
		const expected = sim.catalog.vonage.interactions.filter(
			(x) => Date.parse(x.start) >= since && x.content.some((c) => c.type === 'callRecording'),
		);

		const first = await poll({});
		const second = await poll(first.staticData);

		expect(first.error).toBeUndefined();
		expect(expected.length).toBeGreaterThan(5);
		expect(first.items.map((i) => i.json.interactionId).sort()).toEqual(expected.map((x) => x.guid).sort());
		for (const item of first.items) {
			const served = expected.find((x) => x.guid === item.json.interactionId)?.content.find((c) => c.type === 'callRecording');
			expect(sha256(await readBinary(item))).toBe(served?.sha256);
		}
		expect(second.error).toBeUndefined();
		expect(second.returnedNull).toBe(true);
	});

	it('Kore.ai: ended voice calls with ready recordings at once, the one still being produced on a later poll', async () => {
		const { host, ...kore } = sim.credentials.kore;
		const credentials = { koreAiSmartAssistApi: { host: 'custom', customHost: host, ...kore } };
		const poll = (staticData: IDataObject) =>
			runPoll({
				nodeType: new KoreAiSmartAssistTrigger(),
				credentialTypes: [new KoreAiSmartAssistApi()],
				credentials,
				parameters: { downloadRecording: true, options: { backfillHours: 720, requestsPerMinute: 0 } },
				staticData,
			});
		const voice = sim.catalog.kore.sessions.filter((s) => s.channel === 'Voice' && s.recordingStatus === 'success');
		const readyAtOnce = voice.filter((s) => s.pollsBeforeSuccess === 0).map((s) => s.sessionId);
		// The simulator's newest call ended two minutes ago; its media needs one more question.
		const producing = voice.filter((s) => s.pollsBeforeSuccess === 1).map((s) => s.sessionId);

		const first = await poll({});
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 2 * MINUTE);
		const second = await poll(first.staticData);
		vi.setSystemTime(Date.now() + 2 * MINUTE);
		const third = await poll(second.staticData);

		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json.sessionId).sort()).toEqual([...readyAtOnce].sort());
		expect(second.items.map((i) => i.json.sessionId)).toEqual(producing);
		expect(third.returnedNull).toBe(true);
		for (const item of [...first.items, ...second.items]) {
			const served = voice.find((s) => s.sessionId === item.json.sessionId)?.files[0];
			expect(sha256(await readBinary(item))).toBe(served?.sha256);
		}
	});
});
