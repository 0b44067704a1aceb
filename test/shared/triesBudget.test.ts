import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { startLoopbackServer, tokenHandler, type Handler } from '../support/loopbackServer';
import { DOWNLOAD_RECORDING, GET_INTERACTION, GUID, loopbackCredentials, runVonage } from '../vonage/fixtures';

// Real sockets on 127.0.0.1: a drop mid-body cannot be faked faithfully with nock.
beforeAll(() => nock.restore());

const wav = Buffer.alloc(32 * 1024, 7);

const busy: Handler = (_req, res) => res.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy');
const dropsMidBody: Handler = (req, res) => {
	res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) });
	res.write(wav.subarray(0, 1000), () => req.socket.destroy());
};
const wholeFile: Handler = (_req, res) =>
	res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }).end(wav);

/** Records when each request arrived, then answers with `handler`. */
function timed(at: number[], handler: Handler): Handler {
	return (req, res) => {
		at.push(Date.now());
		handler(req, res);
	};
}

describe('one try budget per download (real loopback HTTP)', () => {
	it('sends a download at most Max Tries times in all, whatever mix of 503s and drops mid-body it meets', async () => {
		const server = await startLoopbackServer([tokenHandler(), busy, dropsMidBody, busy, dropsMidBody, busy, dropsMidBody, wholeFile]);
		try {
			const { items, error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			const downloads = server.requests.filter((r) => r.url !== '/token');
			expect(downloads).toHaveLength(3);
			expect(items).toEqual([]);
			expect(error?.message).toContain('(HTTP 503');
			expect(description(error)).toContain('Gave up after 3 tries.');
		} finally {
			await server.close();
		}
	});

	it('gives up after Max Tries when the mix ends in a drop mid-body, and stores nothing', async () => {
		const server = await startLoopbackServer([tokenHandler(), dropsMidBody, busy, dropsMidBody, wholeFile]);
		try {
			const { items, error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			expect(server.requests.filter((r) => r.url !== '/token')).toHaveLength(3);
			expect(items).toEqual([]);
			expect(error?.message).toContain('the download was interrupted');
			expect(description(error)).toContain('Gave up after 3 tries; nothing was stored as a success.');
		} finally {
			await server.close();
		}
	});

	it('still succeeds when the last allowed try gets the whole file', async () => {
		const server = await startLoopbackServer([tokenHandler(), busy, dropsMidBody, wholeFile]);
		try {
			const { items, error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(wav)).toBe(true);
		} finally {
			await server.close();
		}
	});
});

describe('Retry-After (real loopback HTTP)', () => {
	const interaction: Handler = (_req, res) =>
		res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ guid: GUID }));

	it.each(['1.5', '-1', 'abc'])('falls back to the backoff for a 429 with Retry-After %j, never "retry now"', async (value) => {
		const at: number[] = [];
		const server = await startLoopbackServer([
			tokenHandler(),
			timed(at, (_req, res) => res.writeHead(429, { 'Retry-After': value }).end('slow down')),
			timed(at, interaction),
		]);
		try {
			const { items, error } = await runVonage(GET_INTERACTION, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect(items[0].json.guid).toBe(GUID);
			// The first backoff step is 0.5–1 s (waited on the harness's virtual clock, fakeClock).
			expect(at[1] - at[0]).toBeGreaterThanOrEqual(450);
		} finally {
			await server.close();
		}
	});

	it('waits as long as a 503 asks', async () => {
		const at: number[] = [];
		const server = await startLoopbackServer([
			tokenHandler(),
			timed(at, (_req, res) => res.writeHead(503, { 'Retry-After': '2' }).end('maintenance')),
			timed(at, interaction),
		]);
		try {
			const { error } = await runVonage(GET_INTERACTION, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect(at[1] - at[0]).toBeGreaterThanOrEqual(1950);
		} finally {
			await server.close();
		}
	});
});
