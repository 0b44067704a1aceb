/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: it resolves names */
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';

import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { startLoopbackServer, type Handler, type LoopbackServer } from '../support/loopbackServer';
import {
	api,
	DOWNLOAD_RECORDING,
	koreCredentials,
	media,
	recordingsAnswer,
	RECORDINGS_PATH,
	runKore,
	SESSION,
	signedUrl,
	wav,
} from './fixtures';

/**
 * Links to host names that resolve inside. n8n-core's real egress filter resolves them (the
 * harness runs n8n-core as n8n does, with SSRF protection off as on a default instance): the
 * node must ask it for the enforced default rules itself.
 */

/** A host name (not a literal address) that resolves to this machine's loopback, if any does here. */
async function loopbackName(): Promise<string | undefined> {
	for (const name of ['localhost.', hostname()]) {
		const addresses = await lookup(name, { all: true }).catch(() => []);
		if (addresses.length > 0 && addresses.every((a) => a.address.startsWith('127.') || a.address === '::1')) return name;
	}
	return undefined;
}

const LOOPBACK_NAME = await loopbackName();

const serveWav: Handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'audio/wav' }).end(wav);

let servers: LoopbackServer[] = [];

async function internalServer(handlers: Handler[] = [serveWav]): Promise<LoopbackServer> {
	const server = await startLoopbackServer(handlers);
	servers.push(server);
	return server;
}

/** The internal server's URL under a host name instead of 127.0.0.1. */
function byName(server: LoopbackServer, name: string, path: string): string {
	return `http://${name}:${new URL(server.url).port}${path}`;
}

function recordings(): nock.Interceptor {
	return api().get(RECORDINGS_PATH).query({ sessionId: SESSION });
}

beforeAll(() => nock.enableNetConnect());

afterEach(async () => {
	nock.cleanAll();
	await Promise.all(servers.map(async (server) => await server.close()));
	servers = [];
});

describe('media links to host names that lead inside', () => {
	it.runIf(LOOPBACK_NAME !== undefined)('refuses a link to a name that resolves to this machine, sending it nothing', async () => {
		const name = LOOPBACK_NAME as string;
		const internal = await internalServer();
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: byName(internal, name, '/m/r.wav') }]));

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toContain(`the link to session ${SESSION}`);
		expect(error?.message).toMatch(new RegExp(`points at the internal address ${name.replace('.', '\\.')} \\(127\\.`));
		expect(internal.requests).toEqual([]);
	});

	it.runIf(LOOPBACK_NAME !== undefined)('refuses a redirect to a name that resolves to this machine, sending it nothing', async () => {
		const name = LOOPBACK_NAME as string;
		const internal = await internalServer();
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media().get('/m/r.wav').query(true).reply(302, '', { Location: byName(internal, name, '/m/r.wav') });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('a redirect of the link to');
		expect(error?.message).toContain(`points at the internal address ${name}`);
		expect(internal.requests).toEqual([]);
	});

	it.each(['localhost.', 'metadata.google.internal', 'instance-data'])(
		'refuses a link to %s wherever that name resolves',
		async (name) => {
			recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: `http://${name}/m/r.wav` }]));

			const { error } = await runKore(DOWNLOAD_RECORDING);

			expect(error?.message).toContain(`points at the internal address ${name}`);
		},
	);

	it.runIf(LOOPBACK_NAME !== undefined)(
		'fetches a link to an internal name when the configured Kore.ai host is itself internal (on-premises)',
		async () => {
			const name = LOOPBACK_NAME as string;
			const files = await internalServer();
			const onPremises = await internalServer([
				(_req, res) =>
					res
						.writeHead(200, { 'Content-Type': 'application/json' })
						.end(JSON.stringify(recordingsAnswer([{ fileName: 'r.wav', fileUrl: byName(files, name, '/m/r.wav') }]))),
			]);
			const credentials = koreCredentials({ host: 'custom', customHost: onPremises.url });

			const { items, error } = await runKore(DOWNLOAD_RECORDING, { credentials });

			expect(error).toBeUndefined();
			expect((await readBinary(items[0])).equals(wav)).toBe(true);
			expect(files.requests.map((r) => r.url)).toEqual(['/m/r.wav']);
		},
	);
});

describe('redirects of media links', () => {
	it('refuses a redirect from https to http, so the signed query never travels in clear text', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media().get('/m/r.wav').query(true).reply(302, '', { Location: 'http://media.kore-recordings.example/m/r.wav?s=sig' });
		const clear = nock('http://media.kore-recordings.example').get(/.*/).query(true).reply(200, wav);

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toContain('a redirect from https to http (http://media.kore-recordings.example/m/r.wav) was refused');
		expect(clear.isDone()).toBe(false);
	});
});
