/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: it runs openssl to make a throwaway certificate and needs fs, https and process */
/**
 * A real HTTPS server on 127.0.0.1 with a freshly made self-signed certificate: what a
 * self-hosted server with a private CA looks like to n8n. Needs the openssl CLI.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { answerInOrder, listenOnLoopback, type Handler } from './loopbackServer';

export function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** A throw-away key and certificate for 127.0.0.1, valid for a day. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const dir = mkdtempSync(join(process.env.N8N_TEST_WORKER_DIR ?? tmpdir(), 'tls-'));
	try {
		const key = join(dir, 'key.pem');
		const cert = join(dir, 'cert.pem');
		execFileSync(
			'openssl',
			['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(key), cert: readFileSync(cert) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export interface TlsServer {
	url: string;
	paths: string[];
	close(): Promise<void>;
}

/** Like startLoopbackServer, over HTTPS; records "METHOD /path?query" of each request. */
export async function startTlsServer(handlers: Handler[]): Promise<TlsServer> {
	const paths: string[] = [];
	const server = createServer(
		selfSignedCertificate(),
		answerInOrder(handlers, (req) => paths.push(`${req.method} ${req.url}`)),
	);
	return { ...(await listenOnLoopback(server, 'https')), paths };
}
