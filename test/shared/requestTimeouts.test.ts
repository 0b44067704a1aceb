import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { readBinary, runPoll } from '../harness/index';
import { description } from '../support/errorDetails';
import { startLoopbackServer, tokenHandler, type Handler } from '../support/loopbackServer';
import {
	DOWNLOAD_RECORDING,
	GET_INTERACTION,
	GUID,
	INTERACTION_PATH,
	loopbackCredentials,
	runVonage,
} from '../vonage/fixtures';

// Stalls need a real server: nock cannot hold a socket open without answering.
beforeAll(() => nock.restore());

/**
 * The Timeout option, small so a stalled try fails within half a second. It is waited out for
 * real (axios's timer, the body idle guard's AbortSignal.timeout); the backoff between tries
 * passes on the harness's virtual clock (fakeClock).
 */
const QUICK = { requestsPerMinute: 0, maxTries: 2, timeoutSeconds: 0.5 };

/** Accepts the request and never answers: no status line, no headers. */
const silentBeforeHeaders: Handler = () => {};

/** Sends the headers and the first bytes of the body, then nothing more. */
const stallMidBody =
	(file: Buffer): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(file.length) });
		res.write(file.subarray(0, 1000));
	};

const interactionAnswer: Handler = (_req, res) =>
	res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ guid: GUID }));

const wav = Buffer.alloc(64 * 1024, 7);
const wholeFile: Handler = (_req, res) =>
	res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }).end(wav);

async function withServer<T>(handlers: Handler[], run: (url: string, requests: () => string[]) => Promise<T>): Promise<T> {
	const server = await startLoopbackServer(handlers);
	try {
		return await run(server.url, () => server.requests.map((r) => r.url ?? ''));
	} finally {
		await server.close();
	}
}

describe('request timeouts (real loopback HTTP)', () => {
	it('fails an Interaction → Get whose server never answers, naming the request and the wait', async () => {
		await withServer([tokenHandler(), silentBeforeHeaders, silentBeforeHeaders], async (url, requests) => {
			const { error } = await runVonage(
				{ ...GET_INTERACTION, options: QUICK },
				{ credentials: loopbackCredentials(url) },
			);

			expect(error?.message).toBe(
				`Vonage Contact Center: no answer within 0.5 s (GET ${url}${INTERACTION_PATH}, interaction ${GUID})`,
			);
			expect(description(error)).toMatch(/^Gave up after 2 tries\./);
			expect(requests()).toEqual(['/token', INTERACTION_PATH, INTERACTION_PATH]);
		});
	});

	it('counts a timeout as a failed try and sends the request again', async () => {
		await withServer([tokenHandler(), silentBeforeHeaders, interactionAnswer], async (url) => {
			const { items, error } = await runVonage(
				{ ...GET_INTERACTION, options: QUICK },
				{ credentials: loopbackCredentials(url) },
			);

			expect(error).toBeUndefined();
			expect(items[0].json.guid).toBe(GUID);
		});
	});

	it('fails a download whose server never sends the headers', async () => {
		await withServer([tokenHandler(), silentBeforeHeaders, silentBeforeHeaders], async (url) => {
			const { error } = await runVonage(
				{ ...DOWNLOAD_RECORDING, options: QUICK },
				{ credentials: loopbackCredentials(url) },
			);

			expect(error?.message).toMatch(/^Vonage Contact Center: no answer within 0.5 s \(GET http:\/\/127\.0\.0\.1:\d+\/interaction-content\/interactions\/.+\/content\/callRecording/);
		});
	});

	it('fails a download whose body stops arriving, after the tries the budget allows, storing nothing', async () => {
		await withServer([tokenHandler(), stallMidBody(wav), stallMidBody(wav)], async (url, requests) => {
			const { items, error } = await runVonage(
				{ ...DOWNLOAD_RECORDING, options: QUICK },
				{ credentials: loopbackCredentials(url) },
			);

			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^Vonage Contact Center: the download stalled: no bytes for 0.5 s \(GET http:\/\/127\.0\.0\.1:\d+\/interaction-content\/interactions\/[^)]*callRecording/,
			);
			expect(description(error)).toBe('Gave up after 2 tries; nothing was stored as a success.');
			expect(requests()).toHaveLength(3);
		});
	});

	it('closes the connection of a body that stalled, rather than leaving it open', async () => {
		const closed: boolean[] = [];
		const stallAndWatch: Handler = (req, res) => {
			const index = closed.push(false) - 1;
			req.socket.on('close', () => (closed[index] = true));
			stallMidBody(wav)(req, res);
		};
		await withServer([tokenHandler(), stallAndWatch, stallAndWatch], async (url) => {
			await runVonage({ ...DOWNLOAD_RECORDING, options: QUICK }, { credentials: loopbackCredentials(url) });
			// The second try's socket closes as its stall is given up; that close arrives just after.
			await vi.waitFor(() => expect(closed).toEqual([true, true]), { timeout: 1000, interval: 5 });
		});
	});

	it('downloads the file again from the start after a body stalled mid-way', async () => {
		await withServer([tokenHandler(), stallMidBody(wav), wholeFile], async (url) => {
			const { items, error } = await runVonage(
				{ ...DOWNLOAD_RECORDING, options: QUICK },
				{ credentials: loopbackCredentials(url) },
			);

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(wav)).toBe(true);
		});
	});

	it('fails a poll whose search never answers, and keeps the trigger where it was', async () => {
		const noCalls: Handler = (_req, res) =>
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ items: [], meta: {} }));
		await withServer([tokenHandler(), noCalls, silentBeforeHeaders, silentBeforeHeaders], async (url) => {
			// One credential store for both polls: the second signs with the token of the first.
			const credentials = loopbackCredentials(url);
			const poll = async (staticData: IDataObject) =>
				await runPoll({
					nodeType: new VonageContactCenterTrigger(),
					credentialTypes: [new VonageContactCenterApi()],
					credentials,
					parameters: { contentTypes: ['callRecording'], options: QUICK },
					staticData,
				});
			const first = await poll({});
			expect(first.error).toBeUndefined();

			const stalled = await poll(first.staticData);

			expect(stalled.error?.message).toMatch(
				/^Vonage Contact Center: no answer within 0.5 s \(GET http:\/\/127\.0\.0\.1:\d+\/interaction-content\/interactions/,
			);
			expect(description(stalled.error)).toMatch(/The trigger kept its place/);
			expect(stalled.staticData).toEqual(first.staticData);
		});
	});

	it("ends a poll's stalled request before the poll's busy mark runs out, however many tries are left", async () => {
		// Only the clock is fake: the server, the sockets and the Timeout option's timers are real.
		vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
		// The search request arrives, and the server keeps it waiting past the poll's own time.
		const staller: Handler = () => vi.setSystemTime(Date.now() + 10 * 60_000);
		await withServer([tokenHandler(), staller, staller], async (url) => {
			const stalled = await runPoll({
				nodeType: new VonageContactCenterTrigger(),
				credentialTypes: [new VonageContactCenterApi()],
				credentials: loopbackCredentials(url),
				parameters: { contentTypes: ['callRecording'], options: { ...QUICK, maxTries: 10 } },
				staticData: {},
			});

			expect(stalled.error?.message).toMatch(/^Vonage Contact Center: out of time for this poll \(GET http:\/\/127\.0\.0\.1:\d+\/interaction-content\/interactions/);
			// Nothing saved but the node's (now empty) slot: the busy mark went with the poll.
			expect(stalled.staticData).toEqual({ 'node:Node Under Test': {} });
		});
	});
});

afterEach(() => {
	vi.useRealTimers();
});

