/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: it starts the CLI as a process */
/**
 * The simulator itself: fault switches (per run and per request), stats, the control API, the
 * determinism of its data, and the CLI. Vendor behaviour is in vonage/ameyo/kore/genesys.test.ts.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { largeFileGuid, startSimulator, type Simulator } from './index.mjs';
import { kore, rawGet, recordingsPath, VCC_ACCEPT, vcc, vonageToken } from './simulatorClient';

let sim: Simulator;
let token: string;
beforeAll(async () => {
	sim = await startSimulator({ seed: 15 });
	token = await vonageToken(sim);
});
afterEach(() => sim.clearFaults());
afterAll(async () => sim?.close());

const recordingPath = () => {
	const call = sim.catalog.vonage.interactions.find((x) => x.channel === 'call')!;
	return `/interaction-content/interactions/${call.guid}/content/callRecording`;
};
const recordingBytes = () => sim.catalog.vonage.interactions.find((x) => x.channel === 'call')!.content[0].bytes;
const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, accept: VCC_ACCEPT, ...extra });

describe('faults per run', () => {
	it('answers 429 with Retry-After for `times` requests, then normally', async () => {
		sim.setFaults([{ vendor: 'vonage', path: '/content/', fault: '429', times: 2, retryAfter: 7 }]);
		const first = await vcc(sim, recordingPath(), token);
		expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
		expect(await first.json()).toHaveProperty('message');
		expect((await vcc(sim, recordingPath(), token)).status).toBe(429);
		expect((await vcc(sim, recordingPath(), token)).status).toBe(200);
	});

	it('only hits the vendor and path it names', async () => {
		sim.setFaults([{ vendor: 'kore', fault: '500' }]);
		expect((await vcc(sim, recordingPath(), token)).status).toBe(200);
		const kored = await kore(sim, recordingsPath(sim, 'any-unavailable'));
		expect(kored.status).toBe(500);
		expect(await kored.json()).toHaveProperty('errors');
	});

	it('sends an HTTP-date Retry-After as given', async () => {
		const date = new Date(Date.now() + 30_000).toUTCString();
		sim.setFaults([{ fault: '503', retryAfter: date }]);
		const response = await vcc(sim, recordingPath(), token);
		expect([response.status, response.headers.get('retry-after')]).toEqual([503, date]);
	});

	it('resets the connection mid-body after some bytes', async () => {
		sim.setFaults([{ vendor: 'vonage', fault: 'reset' }]);
		const response = await rawGet(`${sim.url}${recordingPath()}`, headers());
		expect(response.status).toBe(200);
		expect(response.error).toBeDefined();
		expect(response.body.length).toBeGreaterThan(0);
		expect(response.body.length).toBeLessThan(recordingBytes());
	});

	it('sends a short body: fewer bytes than Content-Length, then closes', async () => {
		sim.setFaults([{ vendor: 'vonage', fault: 'short' }]);
		const response = await rawGet(`${sim.url}${recordingPath()}`, headers());
		expect(Number(response.headers['content-length'])).toBe(recordingBytes());
		expect(response.body.length).toBeLessThan(recordingBytes());
		expect(response.error).toBeDefined();
	});

	it('makes fetch fail on a short body rather than return a truncated file', async () => {
		sim.setFaults([{ vendor: 'vonage', fault: 'short' }]);
		const response = await vcc(sim, recordingPath(), token);
		await expect(response.arrayBuffer()).rejects.toThrow();
	});

	it('trickles a slow body with pauses but delivers all of it', async () => {
		sim.setFaults([{ vendor: 'vonage', fault: 'slow', delayMs: 40 }]);
		const started = Date.now();
		const response = await rawGet(`${sim.url}${recordingPath()}`, headers());
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
		expect(response.error).toBeUndefined();
		expect(response.body.length).toBe(recordingBytes());
	});

	it('degrades a multi-MiB generated download too (reset after at most 1 MiB)', async () => {
		sim.setFaults([{ fault: 'reset' }]);
		const response = await rawGet(`${sim.url}/interaction-content/interactions/${largeFileGuid(8)}/content/callRecording`, headers());
		expect(response.error).toBeDefined();
		expect(response.body.length).toBeLessThanOrEqual(1024 * 1024);
	});
});

describe('faults per request and over HTTP', () => {
	it('applies the x-sim-fault header to that request only', async () => {
		expect((await vcc(sim, recordingPath(), token, { 'x-sim-fault': '500' })).status).toBe(500);
		expect((await vcc(sim, recordingPath(), token, { 'x-sim-fault': '429' })).headers.get('retry-after')).toBe('1');
		expect((await vcc(sim, recordingPath(), token)).status).toBe(200);
	});

	it('sets, lists and clears rules through /__sim/faults', async () => {
		const set = await fetch(`${sim.url}/__sim/faults`, {
			method: 'POST',
			body: JSON.stringify([{ vendor: 'genesys', fault: '503', times: 3 }]),
		});
		expect(await set.json()).toEqual([{ vendor: 'genesys', fault: '503', remaining: 3, delayMs: 200 }]);
		await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
		expect(sim.faults()).toEqual([]);
	});

	it('refuses an invalid rule with a readable message', async () => {
		expect(() => sim.setFaults([{ fault: 'explode' as '500' }])).toThrow(/fault must be one of/);
		const response = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ fault: '500', vendor: 'acme' }) });
		expect(response.status).toBe(400);
	});
});

describe('stats and data', () => {
	it('counts requests per vendor and route, statuses, tokens issued and the busiest minute', async () => {
		sim.resetStats();
		await vonageToken(sim);
		for (let i = 0; i < 3; i++) await vcc(sim, recordingPath(), token);
		await vcc(sim, recordingPath(), token, { 'x-sim-fault': '503' });
		const stats = sim.stats();
		expect(stats.tokensIssued).toBe(1);
		expect(stats.vendors.vonage).toMatchObject({
			requests: 5,
			requestsLastMinute: 5,
			maxRequestsPerMinute: 5,
			byRoute: { token: 1, content: 4 },
			byStatus: { 200: 4, 503: 1 },
		});
		expect(stats.faultsInjected).toEqual({ 503: 1 });
	});

	it('builds the same ids and files from the same seed and now', async () => {
		const now = Date.parse('2025-06-01T12:00:00Z');
		const again = await startSimulator({ seed: 15, now });
		const other = await startSimulator({ seed: 16, now });
		try {
			const ids = (s: Simulator) => s.catalog.vonage.interactions.map((x) => `${x.guid}:${x.content.map((c) => c.sha256).join()}`);
			const first = await startSimulator({ seed: 15, now });
			expect(ids(again)).toEqual(ids(first));
			expect(ids(other)).not.toEqual(ids(first));
			expect(again.credentials.vonage.clientSecret).toBe(sim.credentials.vonage.clientSecret);
			await first.close();
		} finally {
			await Promise.all([again.close(), other.close()]);
		}
	});

	it('listens on 127.0.0.1 only, on two ports', () => {
		expect(new URL(sim.url).hostname).toBe('127.0.0.1');
		expect(new URL(sim.mediaUrl).hostname).toBe('127.0.0.1');
		expect(sim.url).not.toBe(sim.mediaUrl);
	});
});

describe('CLI', () => {
	it('prints one JSON line when ready and exits 0 on SIGTERM', async () => {
		const script = fileURLToPath(new URL('./server.mjs', import.meta.url));
		const child = spawn(process.execPath, [script, '--seed', '3', '--interactions', '5', '--fault', 'vonage/429/1'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const line = await new Promise<string>((resolve, reject) => {
				createInterface({ input: child.stdout }).once('line', resolve);
				child.once('exit', (code) => reject(new Error(`exited ${code}`)));
			});
			const ready = JSON.parse(line) as { url: string; mediaUrl: string; credentials: Simulator['credentials'] };
			expect(Object.keys(ready)).toEqual(['url', 'mediaUrl', 'credentials']);
			const health = await fetch(`${ready.url}/__sim/health`);
			expect(await health.json()).toEqual({ ok: true });
			expect((await fetch(`${ready.url}/__sim/faults`).then((r) => r.json())) as unknown[]).toHaveLength(1);
			const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
