/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: it runs openssl to make a throwaway certificate and needs fs, https and process */
/**
 * A real HTTPS server on 127.0.0.1 with a freshly made self-signed certificate: what a
 * self-hosted Ameyo on :8443 with a private CA looks like to n8n. Needs the openssl CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Handler } from '../support/loopbackServer';

export function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const dir = mkdtempSync(join(process.env.N8N_TEST_WORKER_DIR ?? tmpdir(), 'tls-'));
	const key = join(dir, 'key.pem');
	const cert = join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
		{ stdio: 'ignore' },
	);
	return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface TlsServer {
	url: string;
	paths: string[];
	close(): Promise<void>;
}

export async function startTlsServer(handlers: Handler[]): Promise<TlsServer> {
	const paths: string[] = [];
	const server: Server = createServer(selfSignedCertificate(), (req, res) => {
		paths.push(`${req.method} ${req.url}`);
		const handler = handlers[paths.length - 1];
		if (!handler) {
			res.writeHead(599).end('no handler for this request');
			return;
		}
		handler(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `https://127.0.0.1:${port}`,
		paths,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
