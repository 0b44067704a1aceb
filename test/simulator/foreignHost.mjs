/**
 * A host nobody configured: a second small server on 127.0.0.1 (its own port, so another origin)
 * that a 'redirect-foreign' fault points clients at. It logs every request it receives and which
 * credential each one carried, and answers like a convincing impostor — a token, a session, an
 * empty listing, a file that is not the one asked for — so a client that follows the redirect
 * and trusts the answer shows it: a leaked credential in this log, or wrong bytes stored.
 *
 * Media behind a pre-signed link is the exception: such a link may lawfully redirect to storage
 * on another host, which then serves the same file to whoever holds the link. With `mirror`, the
 * foreign host plays that storage for the paths it maps: it fetches the file from there, with no
 * credential, and serves it as it is. What it was sent is logged all the same.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

import { credentialsCarried } from './credentialCheck.mjs';
import { readBody } from './http.mjs';

const HOST = '127.0.0.1';
const MAX_LOGGED = 10_000;

/** The impostor's file: a valid WAV header and a marker, never any file the simulator serves. */
export const FOREIGN_FILE = Buffer.concat([
	Buffer.from('RIFF$\0\0\0WAVEfmt ', 'latin1'),
	Buffer.from('FOREIGN HOST ANSWER: not the file that was asked for\n'),
]);
export const FOREIGN_FILE_SHA256 = createHash('sha256').update(FOREIGN_FILE).digest('hex');
export const FOREIGN_MARKER = 'foreign-host-answer';

/** An answer shaped like what the path would get from the real API. */
function impostorAnswer(path) {
	if (/\/Auth\/connect\/token$/i.test(path)) {
		return { json: { access_token: `${FOREIGN_MARKER}-token`, expires_in: 3600, token_type: 'Bearer' } };
	}
	if (/\/session\/userLogin$/.test(path)) return { json: { userId: 'x', terminalInfo: 'x', sessionId: `${FOREIGN_MARKER}-session` } };
	if (/\/content\/[^/]+$|downloadVoiceLog|binary_content|getMediaStream/.test(path)) return { file: FOREIGN_FILE };
	if (/\/interaction-content\/interactions\/?$/.test(path)) return { json: { items: [], meta: { nextContinuationToken: null } } };
	if (/\/interaction-content\/interactions\/[^/]+$/.test(path)) return { json: { guid: FOREIGN_MARKER, content: [] } };
	if (/plain_text$/.test(path)) return { text: `${FOREIGN_MARKER}\n` };
	if (/\/genesys\//.test(path)) return { json: [] };
	if (/\/recordings$/.test(path)) return { json: { status: 'success', recording: [] } };
	return { json: { status: 'success', note: FOREIGN_MARKER } };
}

async function sendMirrored(res, upstream) {
	const answer = await fetch(upstream, { redirect: 'manual' });
	const body = Buffer.from(await answer.arrayBuffer());
	res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream', 'Content-Length': String(body.length) });
	res.end(body);
}

/**
 * @param secrets () => the secret values to look for in each request (see credentialCheck.mjs)
 * @param mirror (path + query) => the URL to serve it from, or undefined for the impostor answer
 * @returns { url, requests(): [{ method, path, carried: [kinds] }], withCredentials(), close() }
 */
export async function startForeignHost({ secrets = () => [], mirror = () => undefined } = {}) {
	const log = [];
	let total = 0;
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', `http://${HOST}`);
		const body = (await readBody(req)) ?? '';
		total += 1;
		const carried = credentialsCarried({ url: req.url ?? '', headers: req.headers, body }, secrets());
		if (log.length < MAX_LOGGED) log.push({ method: req.method, path: url.pathname, carried });
		const upstream = mirror(`${url.pathname}${url.search}`);
		if (upstream) {
			await sendMirrored(res, upstream).catch(() => res.destroy());
			return;
		}
		const answer = impostorAnswer(url.pathname);
		if (answer.file) {
			res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(answer.file.length) });
			res.end(answer.file);
		} else if (answer.text !== undefined) {
			res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end(answer.text);
		} else {
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(JSON.stringify(answer.json));
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, HOST, resolve);
	});
	return {
		url: `http://${HOST}:${server.address().port}`,
		/** How many requests arrived (the log keeps at most MAX_LOGGED). */
		count: () => total,
		requests: () => log.map((r) => ({ ...r })),
		withCredentials: () => log.filter((r) => r.carried.length > 0).map((r) => ({ ...r })),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
