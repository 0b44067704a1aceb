/**
 * Kore.ai's signed recording links, served on the simulator's second port (a different origin, as
 * the real S3/getMediaStream host is). A link carries `e=<epoch expiry>&n=<nonce>&s=<signature>`
 * like the documented ones; the media port refuses (403) any request that carries an `auth` or
 * `authorization` header — credentials must never follow a pre-signed link — and any link that
 * is unsigned, tampered with or expired (expired → 403 "Link expired", as signed-URL stores do).
 * A hand-written call (koreCalls.mjs) may script what the host answers for its file, in turn.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

import { fileSource } from '../media.mjs';

const MAX_FILES = 10_000;

export function createKoreMedia({ mediaUrl, secret, clock, options }) {
	const files = new Map(); // path → { file, sessionId, answer?: () => status }

	function sign(path, e, n) {
		const mac = createHmac('sha256', secret).update(`${path}|${e}|${n}`).digest('base64');
		// The documented `s` is base64 of a JSON-quoted base64 MAC; so is this one.
		return Buffer.from(JSON.stringify(mac)).toString('base64');
	}

	/**
	 * Registers `file` at `path` and returns a freshly signed absolute URL for it. `meta`: the
	 * session it belongs to (for the request log) and, for a scripted call, the status to answer.
	 */
	function signedUrl(path, file, meta = {}) {
		if (!files.has(path) && files.size >= MAX_FILES) files.delete(files.keys().next().value);
		files.set(path, { file, ...meta });
		const e = Math.floor(clock.now() / 1000) + options.signedUrlTtlSeconds;
		const n = String(randomInt(1_000_000_000, 9_999_999_999));
		return `${mediaUrl()}${path}?e=${e}&n=${n}&s=${encodeURIComponent(sign(path, e, n))}`;
	}

	const refuse = (reply, status, msg) => reply.json(status, { errors: [{ msg, code: status }] });

	function serve({ req, reply, path, query, entry }) {
		const served = files.get(path);
		if (served?.sessionId !== undefined) entry.sessionId = served.sessionId;
		if (req.headers.auth !== undefined || req.headers.authorization !== undefined) {
			return refuse(reply, 403, 'Credentials are not accepted on media links: request the link without auth headers');
		}
		const e = query.get('e');
		const n = query.get('n');
		const s = query.get('s');
		if (!e || !n || !s || !/^\d+$/.test(e)) return refuse(reply, 403, 'Link is not signed');
		const expected = Buffer.from(sign(path, e, n));
		const given = Buffer.from(s);
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
			return refuse(reply, 403, 'Link signature is invalid');
		}
		if (Number(e) * 1000 <= clock.now()) return refuse(reply, 403, 'Link expired');
		if (!served) return refuse(reply, 404, 'Media not found');
		const status = served.answer?.() ?? 200;
		if (status !== 200) return refuse(reply, status, STATUS_CODES[status] ?? 'Error');
		return reply.file(fileSource(served.file), served.file.contentType);
	}

	return {
		signedUrl,
		routes: [{ method: 'GET', path: /^\/api\/getMediaStream\/.+/, name: 'media', handle: serve }],
		errorBody: (status, message) => ({ errors: [{ msg: message, code: status }] }),
	};
}
