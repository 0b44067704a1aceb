import { sleep } from 'n8n-workflow';
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { resetHandler, startLoopbackServer, type Handler } from '../support/loopbackServer';
import { hasOpenssl, startTlsServer } from '../support/tlsServer';
import { testCredential } from './editorHelpers';
import { credentialsWith, DOWNLOAD, DOWNLOAD_PATH, LOGIN_PATH, MP3, runAmeyo, session } from './fixtures';

// Real sockets and real TLS: nock is switched off for this file.
beforeAll(() => nock.restore());

const loginHandler =
	(sessionId: string): Handler =>
	(req, res) => {
		req.resume();
		res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ sessionId }));
	};

/** Sends the audio in small pieces with pauses, so its first bytes arrive over several reads. */
const tricklingAudio =
	(body: Buffer, expectSession: string): Handler =>
	(req, res) => {
		if (req.headers.sessionid !== expectSession) {
			res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"message":"invalid.authentication.token"}');
			return;
		}
		res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(body.length) });
		const pieces = [body.subarray(0, 3), body.subarray(3, 7), body.subarray(7, 11), body.subarray(11)];
		const next = () => {
			const piece = pieces.shift();
			if (!piece) return void res.end();
			res.write(piece, () => void sleep(15).then(next));
		};
		next();
	};

describe('real sockets', () => {
	it('stores the file byte for byte when its first bytes arrive in several pieces', async () => {
		const server = await startLoopbackServer([loginHandler(session(1)), tricklingAudio(MP3, session(1))]);
		try {
			const { items, error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: server.url }) });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(MP3)).toBe(true);
		} finally {
			await server.close();
		}
	});

	it('a connection dropped before the first byte is tried again', async () => {
		const server = await startLoopbackServer([loginHandler(session(1)), resetHandler, tricklingAudio(MP3, session(1))]);
		try {
			const { items, error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: server.url }) });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(MP3)).toBe(true);
		} finally {
			await server.close();
		}
	});

	it('a connection dropped after the headers, before the first byte, is tried again', async () => {
		const server = await startLoopbackServer([
			loginHandler(session(1)),
			(req, res) => {
				res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': String(MP3.length) });
				res.flushHeaders();
				void sleep(20).then(() => req.socket.destroy());
			},
			tricklingAudio(MP3, session(1)),
		]);
		try {
			const { items, error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: server.url }) });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(MP3)).toBe(true);
			expect(server.requests.map((r) => r.url?.split('?')[0])).toEqual([LOGIN_PATH, DOWNLOAD_PATH, DOWNLOAD_PATH]);
		} finally {
			await server.close();
		}
	});

	it('says nothing answers when the port is closed', async () => {
		const server = await startLoopbackServer([]);
		const url = server.url;
		await server.close();

		const { error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: url }) });

		expect(error?.message).toContain(`Nothing answers at ${url.replace('http://', '')} (connection refused): check the host and port in the server URL`);
	});
});

describe.skipIf(!hasOpenssl())('a self-hosted server with a self-signed certificate', () => {
	it('is refused with a message that points at "Ignore SSL Issues"', async () => {
		const server = await startTlsServer([loginHandler(session(1))]);
		try {
			const { error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: server.url }) });

			expect(error?.message).toMatch(/The TLS certificate of 127\.0\.0\.1:\d+ is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
			expect(error?.message).toContain('turn on "Ignore SSL Issues" in the credential');
			expect(server.paths).toEqual([]);
		} finally {
			await server.close();
		}
	});

	it('works end to end (login and download) with "Ignore SSL Issues" on', async () => {
		const server = await startTlsServer([loginHandler(session(1)), tricklingAudio(MP3, session(1))]);
		try {
			const { items, error } = await runAmeyo(DOWNLOAD, {
				credentials: credentialsWith({ server: server.url, ignoreSslIssues: true }),
			});

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(MP3)).toBe(true);
			expect(server.paths.map((p) => p.split('?')[0])).toEqual([`POST ${LOGIN_PATH}`, `GET ${DOWNLOAD_PATH}`]);
		} finally {
			await server.close();
		}
	});

	it('the Test button names the certificate problem too', async () => {
		const server = await startTlsServer([]);
		try {
			const result = await testCredential(credentialsWith({ server: server.url }).ameyoApi);

			expect(result.status).toBe('Error');
			expect(result.message).toContain('is not trusted');
		} finally {
			await server.close();
		}
	});

	it('the Test button logs in over TLS with "Ignore SSL Issues" on', async () => {
		const server = await startTlsServer([
			loginHandler(session(1)),
			(_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]'),
		]);
		try {
			const result = await testCredential(credentialsWith({ server: server.url, ignoreSslIssues: true }).ameyoApi);

			expect(result).toEqual({ status: 'OK', message: 'Logged in; 0 campaigns assigned to this user' });
		} finally {
			await server.close();
		}
	});
});
