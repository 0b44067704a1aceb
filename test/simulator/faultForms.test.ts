/**
 * The fault forms the fault-injection run uses: seeded probabilities, bursts, every form of
 * Retry-After, a 200 HTML page, a redirect to a foreign host, and the logs that show a
 * credential reaching a host nobody configured (the foreign host, the Kore.ai media host).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startForeignHost, type ForeignHost } from './foreignHost.mjs';
import { startSimulator, type FaultRule, type Simulator } from './index.mjs';
import { kore, recordingsPath } from './simulatorClient';

let sim: Simulator;
let foreign: ForeignHost;
beforeAll(async () => {
	sim = await startSimulator({ seed: 21 });
	foreign = await startForeignHost({ secrets: () => sim.secretValues() });
});
afterEach(() => sim.clearFaults());
afterAll(async () => {
	await foreign?.close();
	await sim?.close();
});

const genesysPath = '/genesys/1/cs/interactions/some-id';
const get = (s: Simulator, path = genesysPath, init: RequestInit = {}) => fetch(`${s.url}${path}`, { redirect: 'manual', ...init });

async function hitPattern(seed: number, rule: FaultRule, requests: number): Promise<string> {
	const s = await startSimulator({ seed });
	try {
		s.setFaults([rule]);
		let pattern = '';
		for (let i = 0; i < requests; i++) pattern += (await get(s)).status === 500 ? 'x' : '.';
		return pattern;
	} finally {
		await s.close();
	}
}

describe('seeded probability and bursts', () => {
	it('hits the same requests for the same seed, some but not all', async () => {
		const rule: FaultRule = { vendor: 'genesys', fault: '500', probability: 0.3, times: 100 };
		const first = await hitPattern(5, rule, 40);
		expect(await hitPattern(5, rule, 40)).toBe(first);
		expect(first).toMatch(/x/);
		expect(first).toMatch(/\./);
		expect(await hitPattern(6, rule, 40)).not.toBe(first);
	});

	it('keeps hitting for the whole burst once a rule fires, then stops', async () => {
		sim.setFaults([{ vendor: 'genesys', fault: '500', burst: 3 }]);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await get(sim)).status);
		expect(statuses).toEqual([500, 500, 500, 401]);
	});
});

describe('Retry-After forms', () => {
	it('leaves the header out when asked for none', async () => {
		sim.setFaults([{ fault: '429', retryAfter: 'none' }]);
		const response = await get(sim);
		expect([response.status, response.headers.get('retry-after')]).toEqual([429, null]);
	});

	it('sends a raw value as it is, valid or not', async () => {
		sim.setFaults([
			{ fault: '429', retryAfterRaw: '1.5' },
			{ fault: '429', retryAfterRaw: '-1' },
			{ fault: '503', retryAfterRaw: 'soon' },
		]);
		const values = [];
		for (let i = 0; i < 3; i++) values.push((await get(sim)).headers.get('retry-after'));
		expect(values).toEqual(['1.5', '-1', 'soon']);
	});

	it('sends an HTTP date the given seconds after the answer', async () => {
		sim.setFaults([{ fault: '429', retryAfterDateIn: 30 }]);
		const before = Date.now();
		const date = Date.parse((await get(sim)).headers.get('retry-after') ?? '');
		expect(date - before).toBeGreaterThan(28_000);
		expect(date - before).toBeLessThanOrEqual(31_000);
	});

	it('refuses two forms in one rule', () => {
		expect(() => sim.setFaults([{ fault: '429', retryAfter: 1, retryAfterRaw: '1' }])).toThrow(/one of retryAfter/);
	});
});

describe('answers that are not the API', () => {
	it('answers 200 with an HTML page for html200', async () => {
		sim.setFaults([{ vendor: 'genesys', fault: 'html200' }]);
		const response = await get(sim);
		expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
		expect(await response.text()).toMatch(/<html>/);
	});

	it('redirects to the foreign host keeping path and query, with the status asked for', async () => {
		sim.setFaults([{ vendor: 'genesys', fault: 'redirect-foreign', to: foreign.url, redirectStatus: 302 }]);
		const response = await get(sim, `${genesysPath}?a=1`);
		expect([response.status, response.headers.get('location')]).toEqual([302, `${foreign.url}${genesysPath}?a=1`]);
	});

	it('refuses a redirect-foreign rule without a target', () => {
		expect(() => sim.setFaults([{ fault: 'redirect-foreign' }])).toThrow(/needs `to`/);
	});
});

describe('credentials where nobody configured them', () => {
	it('logs each credential the foreign host receives, by header, body field and value', async () => {
		const before = foreign.count();
		await fetch(`${foreign.url}/Auth/connect/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: `grant_type=client_credentials&client_id=x&client_secret=${sim.credentials.vonage.clientSecret}`,
		});
		await fetch(`${foreign.url}/api/x`, { headers: { auth: 'eyJ.x.y', cookie: 'a=b' } });
		await fetch(`${foreign.url}/genesys/1/cs/interactions/x`, { headers: { authorization: 'Basic dTpw' } });
		await fetch(`${foreign.url}/plain`);
		expect(foreign.count() - before).toBe(4);
		expect(foreign.requests().slice(-4).map((r) => r.carried)).toEqual([
			['body: client_secret', 'secret value'],
			['auth', 'cookie'],
			['authorization: Basic'],
			[],
		]);
	});

	it('logs a request to the media host that carries a credential', async () => {
		const listing = await kore(sim, recordingsPath(sim, 'faults-multi2'));
		const { recording } = (await listing.json()) as { recording: Array<{ fileUrl: string }> };
		await fetch(recording[0].fileUrl);
		expect(sim.mediaRequestsWithCredentials()).toEqual([]);
		await fetch(recording[1].fileUrl, { headers: { auth: 'a-jwt-value' } });
		expect(sim.mediaRequestsWithCredentials()).toEqual([
			{ method: 'GET', path: new URL(recording[1].fileUrl).pathname, carried: ['auth'] },
		]);
	});
});

describe('faults at known places', () => {
	it('hits the n-th matching request of each position, or the next one when another rule took it', async () => {
		sim.setFaults([
			{ vendor: 'genesys', fault: '503', at: [1] },
			{ vendor: 'genesys', fault: '500', at: [1, 3] },
		]);
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await get(sim)).status);
		expect(statuses).toEqual([401, 503, 500, 500, 401]);
	});
});
