/**
 * A Slack-shaped sink on 127.0.0.1: an incoming webhook that accepts `{ text, blocks? }` like
 * hooks.slack.com does (answers "ok"), and a file upload that accepts multipart/form-data with one
 * file and its form fields (answers `{ ok: true }` like Slack's files API). It keeps what it got,
 * with the path it came to, so each sender can post to a path of its own.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const MAX_MESSAGE_BYTES = 1_000_000;
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => (size > limit ? reject(new Error(`body over ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
		req.on('error', reject);
	});
}

/** The parts of a multipart/form-data body: `{ name, filename?, contentType?, data }`. */
export function parseMultipart(body, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) throw new Error('no multipart boundary');
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	const parts = [];
	let start = body.indexOf(delimiter);
	while (start >= 0) {
		const afterDelimiter = start + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', afterDelimiter);
		const next = body.indexOf(delimiter, afterDelimiter);
		if (headerEnd < 0 || next < 0) throw new Error('truncated multipart body');
		const headers = body.subarray(afterDelimiter + 2, headerEnd).toString('utf8');
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
		// The part's data ends with the CRLF that precedes the next delimiter.
		parts.push({ name, filename, contentType: type, data: body.subarray(headerEnd + 4, next - 2) });
		start = next;
	}
	return parts;
}

export async function startSlackSink({ port = 0, onMessage = () => {}, onFile = () => {} } = {}) {
	const messages = [];
	/** Every accepted message with the path it was posted to: `{ path, message }`. */
	const posts = [];
	/** Every accepted upload: `{ path, fields, file: { field, filename, contentType, bytes, sha256 } }`. */
	const files = [];

	async function acceptMessage(req, res) {
		let payload;
		try {
			payload = JSON.parse((await readBody(req, MAX_MESSAGE_BYTES)).toString('utf8'));
		} catch {
			res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
			return;
		}
		if (typeof payload?.text !== 'string' || payload.text.trim() === '') {
			res.writeHead(400, { 'content-type': 'text/plain' }).end('no_text');
			return;
		}
		messages.push(payload);
		posts.push({ path: req.url, message: payload });
		onMessage(payload);
		res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
	}

	async function acceptFile(req, res) {
		const answer = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		let parts;
		try {
			parts = parseMultipart(await readBody(req, MAX_UPLOAD_BYTES), req.headers['content-type']);
		} catch (error) {
			answer(400, { ok: false, error: 'invalid_form_data', detail: error.message });
			return;
		}
		const fileParts = parts.filter((p) => p.filename !== undefined);
		if (fileParts.length !== 1 || fileParts[0].data.length === 0) {
			answer(400, { ok: false, error: 'no_file_data' });
			return;
		}
		const [part] = fileParts;
		const fields = Object.fromEntries(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')]));
		const upload = {
			path: req.url,
			fields,
			file: {
				field: part.name,
				filename: part.filename,
				contentType: part.contentType,
				bytes: part.data.length,
				sha256: createHash('sha256').update(part.data).digest('hex'),
			},
		};
		files.push(upload);
		onFile(upload);
		answer(200, { ok: true, file: { id: `F${String(files.length).padStart(8, '0')}`, name: part.filename } });
	}

	const server = createServer((req, res) => {
		if (req.method === 'POST' && req.url.startsWith('/services/')) return void acceptMessage(req, res);
		if (req.method === 'POST' && req.url.startsWith('/files/')) return void acceptFile(req, res);
		res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;
	return {
		url: `${origin}/services/T000/B000/demo`,
		/** A webhook URL of its own for one sender, so its messages can be told apart. */
		messageUrl: (tag) => `${origin}/services/T000/B000/${encodeURIComponent(tag)}`,
		/** An upload URL of its own for one sender. */
		filesUrl: (tag) => `${origin}/files/${encodeURIComponent(tag)}`,
		messages,
		posts,
		files,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
