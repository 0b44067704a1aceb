import { createHash } from 'node:crypto';
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { startLoopbackServer } from '../support/loopbackServer';
import { BOT, DOWNLOAD_RECORDING, isValidKoreToken, koreCredentials, runKore, SESSION } from './fixtures';

// Real sockets: the API and the media link on a loopback server, as a custom (on-prem) host.
beforeAll(() => nock.restore());

describe('real HTTP (loopback)', () => {
	it('signs the API call, fetches the media link bare, and streams a 32 MiB file intact', async () => {
		const size = 32 * 1024 * 1024;
		const chunk = Buffer.alloc(1024 * 1024);
		for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) % 251;
		const expected = createHash('sha256');
		for (let i = 0; i < size / chunk.length; i++) expected.update(chunk);

		let mediaUrl = '';
		const server = await startLoopbackServer([
			(_req, res) => {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ status: 'success', recording: [{ fileName: 'big.wav', fileUrl: mediaUrl }] }));
			},
			(_req, res) => {
				res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(size) });
				let sent = 0;
				const pump = () => {
					while (sent < size) {
						sent += chunk.length;
						if (!res.write(chunk)) return void res.once('drain', pump);
					}
					res.end();
				};
				pump();
			},
		]);
		mediaUrl = `${server.url}/api/getMediaStream/big.wav?e=${Math.floor(Date.now() / 1000) + 600}&n=1&s=sig`;
		try {
			const { items, error } = await runKore(DOWNLOAD_RECORDING, {
				credentials: koreCredentials({ host: 'custom', customHost: server.url }),
			});

			expect(error).toBeUndefined();
			const [apiCall, mediaCall] = server.requests;
			expect(apiCall.url).toBe(`/api/public/bot/${BOT}/v2/recordings?sessionId=${SESSION}`);
			expect(isValidKoreToken(apiCall.headers.auth)).toBe(true);
			expect(mediaCall.headers).not.toHaveProperty('auth');
			expect(mediaCall.headers).not.toHaveProperty('authorization');
			expect(items[0].json).toMatchObject({ fileName: 'big.wav', bytes: size });
			expect(createHash('sha256').update(await readBinary(items[0])).digest('hex')).toBe(expected.digest('hex'));
		} finally {
			await server.close();
		}
	});
});
