/**
 * Loopback stand-in for the Vonage Contact Center API, run as its own process so its CPU and
 * memory never count against the process being measured.
 *
 *   POST /token  (form: grant_type=client_credentials, client_id, client_secret)
 *        → { access_token, expires_in, token_type }
 *   GET  /interaction-content/interactions/<guid>/content/callRecording
 *        (needs Accept: application/vnd.newvoicemedia.v3+json and Authorization: Bearer <token>)
 *        → audio/wav with Content-Length, bytes from file-bytes.mjs, size taken from the guid
 *   GET  /stats → request counters (lets the orchestrator check that the node fetched a token)
 *
 * Prints one JSON line {port, token} on stdout once listening; stops on SIGTERM.
 * BENCH_CORRUPT=1 flips one byte of every file: a self-check that the benchmark then fails.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { CLIENT_ID, CLIENT_SECRET, fileChunks, sizeFromGuid, VONAGE_ACCEPT } from './file-bytes.mjs';

const TOKEN = `bench-${randomBytes(12).toString('hex')}`;
const CONTENT_PATH = /^\/interaction-content\/interactions\/([^/]+)\/content\/callRecording$/;
const stats = { tokenRequests: 0, contentRequests: 0, rejected: 0 };

function* corrupted(chunks) {
	let first = true;
	for (const chunk of chunks) {
		if (first && chunk.length > 100) {
			const copy = Buffer.from(chunk); // never touch the shared block
			copy[100] ^= 0xff;
			yield copy;
			first = false;
		} else yield chunk;
	}
}
const servedChunks = process.env.BENCH_CORRUPT ? (size) => corrupted(fileChunks(size)) : fileChunks;

function sendJson(res, status, body) {
	if (status >= 400) stats.rejected++;
	const text = JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

async function readBody(req) {
	let text = '';
	for await (const chunk of req) text += chunk;
	return text;
}

async function handleToken(req, res) {
	const form = new URLSearchParams(await readBody(req));
	if (form.get('grant_type') !== 'client_credentials') {
		return sendJson(res, 400, { error: 'unsupported_grant_type' });
	}
	if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
		return sendJson(res, 401, { error: 'invalid_client' });
	}
	stats.tokenRequests++;
	sendJson(res, 200, { access_token: TOKEN, expires_in: 3600, token_type: 'Bearer' });
}

async function handleContent(req, res, guid) {
	// The real API answers 400 without its vendor media type, even for binary downloads.
	if (req.headers.accept !== VONAGE_ACCEPT) {
		return sendJson(res, 400, { message: `Accept must be ${VONAGE_ACCEPT}, got ${req.headers.accept}` });
	}
	if (req.headers.authorization !== `Bearer ${TOKEN}`) {
		return sendJson(res, 401, { message: 'Invalid or missing bearer token' });
	}
	const size = sizeFromGuid(guid);
	if (size === undefined) return sendJson(res, 404, { message: `No interaction ${guid}` });
	stats.contentRequests++;
	res.writeHead(200, {
		'Content-Type': 'audio/wav',
		'Content-Length': size,
		'Content-Disposition': `attachment; filename="${guid}.wav"`,
	});
	// pipeline() honours backpressure, so at most a chunk or two is ever queued here.
	await pipeline(Readable.from(servedChunks(size), { objectMode: false }), res);
}

const server = createServer((req, res) => {
	const { pathname } = new URL(req.url, 'http://127.0.0.1');
	const content = CONTENT_PATH.exec(pathname);
	let handled;
	if (req.method === 'POST' && pathname === '/token') handled = handleToken(req, res);
	else if (req.method === 'GET' && content) handled = handleContent(req, res, decodeURIComponent(content[1]));
	else if (req.method === 'GET' && pathname === '/stats') handled = Promise.resolve(sendJson(res, 200, stats));
	else handled = Promise.resolve(sendJson(res, 404, { message: `No route ${req.method} ${pathname}` }));
	// A client that hangs up mid-file is the client's problem (and the checker will notice).
	handled.catch((error) => {
		if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') process.stderr.write(`file-server: ${error.stack}\n`);
		res.destroy();
	});
});

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${JSON.stringify({ port: server.address().port, token: TOKEN })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
