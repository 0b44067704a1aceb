import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { resetHandler, startLoopbackServer, type Handler } from '../support/loopbackServer';
import { CHAT_XML, CONTENT, genesysCredentials, IXN_ID, runGenesys } from './fixtures';

// Dropped sockets need a real server (see test/vonage/loopback.test.ts): real HTTP on 127.0.0.1 only.
beforeAll(() => nock.restore());

describe('dropped connections (real loopback HTTP)', () => {
	it('downloads binary content again from the start when the connection drops mid-body', async () => {
		const file = Buffer.alloc(64 * 1024, 9);
		const server = await startLoopbackServer([
			(req, res) => {
				res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(file.length) });
				res.write(file.subarray(0, 1000), () => req.socket.destroy());
			},
			(_req, res) => res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(file.length) }).end(file),
		]);
		try {
			const { items, error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }), {
				credentials: genesysCredentials({ baseUrl: server.url }),
			});

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(file)).toBe(true);
			expect(server.requests).toHaveLength(2);
		} finally {
			await server.close();
		}
	});

	it('reads structured text again when the connection drops mid-body', async () => {
		const body = Buffer.from(CHAT_XML);
		const server = await startLoopbackServer([
			(req, res) => {
				res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(body.length) });
				res.write(body.subarray(0, 100), () => req.socket.destroy());
			},
			(_req, res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end(body),
		]);
		try {
			const { items, error } = await runGenesys(CONTENT('getStructuredText'), { credentials: genesysCredentials({ baseUrl: server.url }) });

			expect(error).toBeUndefined();
			expect(items[0].json.segments).toHaveLength(5);
		} finally {
			await server.close();
		}
	});

	it('never stores a short body as a success, after the bounded tries', async () => {
		const cut: Handler = (req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '5000' });
			res.write(Buffer.alloc(100), () => req.socket.destroy());
		};
		const server = await startLoopbackServer([cut, cut, cut]);
		try {
			const { items, error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }), {
				credentials: genesysCredentials({ baseUrl: server.url }),
			});

			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				new RegExp(`^Genesys Context Services: the download was interrupted \\(.+\\) \\(interaction ${IXN_ID}, binary content\\)$`),
			);
			expect(description(error)).toBe('Gave up after 3 tries; nothing was stored as a success.');
		} finally {
			await server.close();
		}
	});

	it('retries a connection reset before any byte', async () => {
		const server = await startLoopbackServer([
			resetHandler,
			(_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('after the reset'),
		]);
		try {
			const { items, error } = await runGenesys(CONTENT('getPlainText'), { credentials: genesysCredentials({ baseUrl: server.url }) });

			expect(error).toBeUndefined();
			expect(items[0].json.text).toBe('after the reset');
		} finally {
			await server.close();
		}
	});
});
