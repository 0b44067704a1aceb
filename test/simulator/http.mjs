/**
 * How every response leaves the simulator. Handlers describe a response (status, headers, body
 * source); `Reply` writes it, honouring backpressure, and is also where a fault degrades it
 * (connection reset or short body after some bytes, trickled body). Keeping this in one place is
 * what lets any route, including multi-GiB generated downloads, take any fault.
 */
import { STATUS_CODES } from 'node:http';

/** Bytes sent before a reset/short fault cuts the body: half the body, at most 1 MiB. */
const MAX_BYTES_BEFORE_CUT = 1024 * 1024;
/** A slow body is cut into at most this many pieces, with a pause before each. */
const SLOW_PIECES = 10;
const SLOW_PIECE_MAX = 64 * 1024;
export const MAX_REQUEST_BODY = 1024 * 1024;

/** A body source: its length and a way to produce [start, end) as chunks, lazily. */
export function bufferSource(buffer) {
	return { length: buffer.length, chunks: (start = 0, end = buffer.length) => [buffer.subarray(start, end)] };
}

export function sliceSource(source, start, end) {
	return { length: end - start, chunks: () => source.chunks(start, end) };
}

function toSource(body) {
	if (body === undefined || body === null) return bufferSource(Buffer.alloc(0));
	if (typeof body === 'string') return bufferSource(Buffer.from(body, 'utf8'));
	if (Buffer.isBuffer(body)) return bufferSource(body);
	return body;
}

/** A JSON body whose http(s) links (`"fileUrl":"http://host:port/…"`) point at `base` instead. */
function linksTo(body, base) {
	if (typeof body !== 'string') return body;
	return body.replace(/("(?:fileUrl|url)":")https?:\/\/[^/"]+/g, `$1${base}`);
}

/** Re-chunks a source's chunks into pieces of at most `size` bytes (for slow bodies). */
function* pieces(chunks, size) {
	for (const chunk of chunks) {
		for (let offset = 0; offset < chunk.length; offset += size) yield chunk.subarray(offset, offset + size);
	}
}

export class Reply {
	/**
	 * @param res the http.ServerResponse
	 * @param options.sleep cancellable delay from createTimers()
	 * @param options.onStatus called once with the status actually sent (for stats)
	 */
	constructor(req, res, { sleep, onStatus, onStall = () => {} }) {
		this.req = req;
		this.res = res;
		this.sleep = sleep;
		this.onStatus = onStatus;
		this.onStall = onStall;
		this.fault = null; // { fault: 'reset'|'short'|'slow', delayMs }
		this.sent = false;
		this.lastFlush = Promise.resolve(); // resolves when the last body write reached the socket
	}

	json(status, value, headers = {}) {
		return this.send(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));
	}

	text(status, text, contentType = 'text/plain; charset=utf-8', headers = {}) {
		return this.send(status, { 'Content-Type': contentType, ...headers }, text);
	}

	/**
	 * A file, honouring a single `Range: bytes=…` (206, or 416 with `Content-Range: bytes *\/size`).
	 * Multi-range requests get the whole file (allowed by RFC 9110).
	 */
	file(source, contentType, headers = {}, { ranges = true } = {}) {
		const base = { 'Content-Type': contentType, ...(ranges ? { 'Accept-Ranges': 'bytes' } : {}), ...headers };
		const range = ranges ? parseRange(this.req.headers.range, source.length) : null;
		if (range === 'unsatisfiable') {
			return this.send(416, { ...base, 'Content-Range': `bytes */${source.length}` }, null);
		}
		if (range) {
			const [start, end] = range;
			return this.send(
				206,
				{ ...base, 'Content-Range': `bytes ${start}-${end - 1}/${source.length}` },
				sliceSource(source, start, end),
			);
		}
		return this.send(200, base, source);
	}

	async send(status, headers, body) {
		if (this.sent) return;
		this.sent = true;
		const source = toSource(this.fault?.fault === 'internal-link' ? linksTo(body, this.fault.to) : body);
		const fault = this.fault?.fault;
		const cut = Math.min(Math.floor(source.length / 2), MAX_BYTES_BEFORE_CUT);
		// A short body must promise more than it sends, even when the real body is empty.
		const advertised = fault === 'short' ? Math.max(source.length, 1) : source.length;
		this.onStatus?.(status);
		this.res.writeHead(status, STATUS_CODES[status] ?? 'Unknown', { ...headers, 'Content-Length': String(advertised) });
		if (this.req.method === 'HEAD') {
			this.res.end();
			return;
		}
		try {
			if (fault === 'stall-body') {
				// Half the body, then nothing: the connection stays open until the client gives up.
				if (await this.#stream(source.chunks(), Math.max(1, cut))) {
					await this.lastFlush;
					this.onStall('mid-body');
				}
			} else if (fault === 'reset' || fault === 'short') await this.#cutAfter(source, cut, fault);
			else if (fault === 'slow') await this.#trickle(source, this.fault.delayMs);
			else await this.#stream(source.chunks(), Infinity);
		} catch {
			// The client went away mid-body: nothing left to tell it.
			this.res.destroy();
		}
	}

	/** Writes chunks with backpressure; stops after `limit` bytes. Resolves false if the socket died. */
	async #stream(chunks, limit) {
		let written = 0;
		this.lastFlush = Promise.resolve();
		for (const chunk of chunks) {
			if (this.res.destroyed) return false;
			if (written >= limit) break;
			const part = written + chunk.length > limit ? chunk.subarray(0, limit - written) : chunk;
			written += part.length;
			if (part.length === 0) continue;
			let accepted = true;
			this.lastFlush = new Promise((resolve) => {
				accepted = this.res.write(part, () => resolve());
			});
			if (!accepted) await waitForDrain(this.res);
		}
		if (limit === Infinity) this.res.end();
		return !this.res.destroyed;
	}

	async #cutAfter(source, cut, fault) {
		const alive = await this.#stream(source.chunks(), cut);
		if (!alive) return;
		// The bytes are with the kernel, and the client gets a moment to read them, before the
		// connection goes: "after some bytes" must really deliver some bytes.
		await this.lastFlush;
		await this.sleep(20);
		const socket = this.res.socket;
		if (!socket) return;
		if (fault === 'reset') {
			if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket.destroy();
		} else {
			socket.end();
			socket.destroySoon?.();
		}
	}

	async #trickle(source, delayMs) {
		const size = Math.min(SLOW_PIECE_MAX, Math.max(1, Math.ceil(source.length / SLOW_PIECES)));
		let index = 0;
		for (const piece of pieces(source.chunks(), size)) {
			if (this.res.destroyed) return;
			if (index++ < SLOW_PIECES && !(await this.sleep(delayMs))) {
				this.res.destroy();
				return;
			}
			if (!this.res.write(piece)) await waitForDrain(this.res);
		}
		this.res.end();
	}
}

function waitForDrain(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/**
 * RFC 9110 single byte range → [start, endExclusive], 'unsatisfiable', or null (no/ignored range).
 */
export function parseRange(header, size) {
	if (typeof header !== 'string') return null;
	const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
	if (!match) return null; // multi-range or malformed: serve the whole file
	const [, first, last] = match;
	if (first === '' && last === '') return null;
	if (first === '') {
		const suffix = Number(last);
		if (suffix === 0 || size === 0) return 'unsatisfiable';
		return [Math.max(0, size - suffix), size];
	}
	const start = Number(first);
	if (start >= size) return 'unsatisfiable';
	const end = last === '' ? size : Math.min(Number(last) + 1, size);
	if (end <= start) return null; // last < first: syntactically invalid, ignore
	return [start, end];
}

/** Reads a request body, at most MAX_REQUEST_BODY bytes; null when it was larger. */
export async function readBody(req) {
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > MAX_REQUEST_BODY) return null;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** `Authorization: Basic …` → { user, password } or null. */
export function parseBasicAuth(header) {
	const match = /^\s*basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(header ?? '');
	if (!match) return null;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
