import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { resetHandler, startLoopbackServer, tokenHandler } from '../support/loopbackServer';
import {
	DOWNLOAD_RECORDING,
	GET_INTERACTION,
	GUID,
	INTERACTION_PATH,
	loopbackCredentials,
	runVonage,
} from './fixtures';

// Dropped sockets need a real server: nock's pass-through socket reports even a complete
// response as aborted once a previous one was cut. These tests use real HTTP on 127.0.0.1 only.
beforeAll(() => nock.restore());


describe('dropped connections (real loopback HTTP)', () => {
	it('retries a connection reset on GET', async () => {
		const server = await startLoopbackServer([
			tokenHandler(),
			resetHandler,
			(_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ guid: GUID })),
		]);
		try {
			const { items, error } = await runVonage(GET_INTERACTION, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect(items[0].json.guid).toBe(GUID);
			expect(server.requests.map((r) => r.url)).toEqual(['/token', INTERACTION_PATH, INTERACTION_PATH]);
		} finally {
			await server.close();
		}
	});

	it('downloads again from the start when the connection drops mid-body', async () => {
		const wav = Buffer.alloc(64 * 1024, 3);
		const server = await startLoopbackServer([
			tokenHandler(),
			(req, res) => {
				res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) });
				res.write(wav.subarray(0, 1000), () => req.socket.destroy());
			},
			(_req, res) => res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }).end(wav),
		]);
		try {
			const { items, error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(wav)).toBe(true);
		} finally {
			await server.close();
		}
	});

});
