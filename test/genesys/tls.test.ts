/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped */
import { createServer } from 'node:https';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { readBinary } from '../harness/index';
import { pressTestButton } from '../support/credentialTestButton';
import { listenOnLoopback } from '../support/loopbackServer';
import { selfSignedCertificate } from '../support/tlsServer';
import { CONTENT, GET, genesysCredentials, interactionResource, IXN_ID, runGenesys } from './fixtures';

/**
 * "Ignore TLS Certificate Errors" against a real HTTPS server on 127.0.0.1 with a self-signed
 * certificate made for this run (what on-premises servers with a private CA look like to n8n).
 */

let baseUrl: string;
let closeServer: () => Promise<void>;
const requests: Array<{ url?: string; headers: Record<string, unknown> }> = [];
const file = Buffer.alloc(32 * 1024, 5);

beforeAll(async () => {
	// nock's interception would stand between the client and the real TLS handshake.
	nock.restore();
	const server = createServer(selfSignedCertificate(), (req, res) => {
		requests.push({ url: req.url, headers: req.headers });
		if (req.url === `/interactions/${IXN_ID}`) {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(interactionResource(IXN_ID, baseUrl)));
		} else if (req.url === '/metadata/business-attributes') {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
		} else if (req.url === `/interactions/${IXN_ID}/binary_content`) {
			res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.length) }).end(file);
		} else {
			res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'not here' }));
		}
	});
	({ url: baseUrl, close: closeServer } = await listenOnLoopback(server, 'https'));
});

afterAll(async () => await closeServer());

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

	it('passes the Test button only when Ignore TLS Certificate Errors is on', async () => {
		const press = async (ignoreTlsErrors: boolean) =>
			await pressTestButton(new GenesysContextServicesApi(), genesysCredentials({ baseUrl, ignoreTlsErrors }));

		expect((await press(false)).status).toBe('Error');
		expect(await press(true)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
