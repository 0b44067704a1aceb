/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 for the behaviours nock cannot fake faithfully (a socket
 * reset mid-body, a body shorter than its Content-Length). Each request gets the next handler.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface LoopbackServer {
	url: string;
	requests: IncomingMessage[];
	close(): Promise<void>;
}

export async function startLoopbackServer(handlers: Handler[]): Promise<LoopbackServer> {
	const requests: IncomingMessage[] = [];
	const server = createServer(answerInOrder(handlers, (req) => requests.push(req)));
	return { ...(await listenOnLoopback(server, 'http')), requests };
}

/** A request listener that answers the n-th request with the n-th handler (599 past the last). */
export function answerInOrder(handlers: Handler[], count: (req: IncomingMessage) => number): Handler {
	return (req, res) => {
		const handler = handlers[count(req) - 1];
		if (!handler) {
			res.writeHead(599).end('no handler for this request');
			return;
		}
		handler(req, res);
	};
}

/** An HTTP(S) server as listenOnLoopback needs it: structural, so http and https both fit. */
interface ListeningServer {
	listen(port: number, host: string, callback: () => void): unknown;
	address(): AddressInfo | string | null;
	closeAllConnections(): void;
	close(callback: () => void): unknown;
}

/** Listens on a free port of 127.0.0.1; `close` drops open connections first so it never hangs. */
export async function listenOnLoopback(
	server: ListeningServer,
	scheme: 'http' | 'https',
): Promise<{ url: string; close(): Promise<void> }> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `${scheme}://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers the VCC client-credentials grant. */
export const tokenHandler =
	(token = 'loop-token'): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ access_token: token, expires_in: 7200, token_type: 'Bearer' }));
	};

/** Drops the connection without answering: what a crashed proxy looks like. */
export const resetHandler: Handler = (req) => {
	req.socket.destroy();
};
