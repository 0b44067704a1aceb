/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness';
import { CONTENT, GET, genesysCredentials, interactionResource, IXN_ID, runGenesys } from './fixtures';

/**
 * "Ignore TLS Certificate Errors" against a real HTTPS server on 127.0.0.1 with a self-signed
 * certificate made for this run (what on-premises servers with a private CA look like to n8n).
 */

let server: Server;
let baseUrl: string;
let certificateDir: string;
const requests: Array<{ url?: string; headers: Record<string, unknown> }> = [];
const file = Buffer.alloc(32 * 1024, 5);

beforeAll(async () => {
	// nock's interception would stand between the client and the real TLS handshake.
	nock.restore();
	certificateDir = mkdtempSync(join(tmpdir(), 'genesys-tls-'));
	const key = join(certificateDir, 'key.pem');
	const cert = join(certificateDir, 'cert.pem');
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- test code: makes a throw-away certificate
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
		'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
	], { stdio: 'ignore' });
	server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
		requests.push({ url: req.url, headers: req.headers });
		if (req.url === `/interactions/${IXN_ID}`) {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(interactionResource(IXN_ID, baseUrl)));
		} else if (req.url === `/interactions/${IXN_ID}/binary_content`) {
			res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.length) }).end(file);
		} else {
			res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'not here' }));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	rmSync(certificateDir, { recursive: true, force: true });
});

describe('TLS with a self-signed certificate', () => {
	it('is refused while Ignore TLS Certificate Errors is off', async () => {
		const before = requests.length;

		const { error } = await runGenesys(GET(), { credentials: genesysCredentials({ baseUrl, ignoreTlsErrors: false }) });

		expect(error?.message).toMatch(/^Genesys Context Services: connection failed: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
		// The handshake failed: no request (and so no header) reached the server.
		expect(requests.length).toBe(before);
	});

	it('reads the interaction when Ignore TLS Certificate Errors is on', async () => {
		const { items, error } = await runGenesys(GET(), {
			credentials: genesysCredentials({ baseUrl, ignoreTlsErrors: true, contactCenterId: '101' }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.interaction_id).toBe(IXN_ID);
		expect(requests[requests.length - 1].headers.contactcenterid).toBe('101');
	});

	it('streams binary content when Ignore TLS Certificate Errors is on', async () => {
		const { items, error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }), {
			credentials: genesysCredentials({ baseUrl, ignoreTlsErrors: true }),
		});

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(file)).toBe(true);
	});
});
