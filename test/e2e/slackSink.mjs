/**
 * A Slack-shaped incoming webhook on 127.0.0.1: accepts `{ text, blocks? }` like
 * hooks.slack.com does (answers "ok"), keeps the messages, and prints them when asked.
 */
import { createServer } from 'node:http';

export async function startSlackSink({ port = 0, onMessage = () => {} } = {}) {
	const messages = [];
	const server = createServer((req, res) => {
		if (req.method !== 'POST' || !req.url.startsWith('/services/')) {
			res.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
			return;
		}
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => {
			if (body.length < 1_000_000) body += chunk;
		});
		req.on('end', () => {
			let payload;
			try {
				payload = JSON.parse(body);
			} catch {
				res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
				return;
			}
			if (typeof payload?.text !== 'string' || payload.text.trim() === '') {
				res.writeHead(400, { 'content-type': 'text/plain' }).end('no_text');
				return;
			}
			messages.push(payload);
			onMessage(payload);
			res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/services/T000/B000/demo`;
	return {
		url,
		messages,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
