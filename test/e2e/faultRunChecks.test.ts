/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: it writes a scratch folder */
/**
 * The fault-injection run's own checks can fail: a lost input, a duplicate, a stored file that
 * differs from the served one, a wrong answer and a secret in the output are each counted.
 * (The run itself needs a real n8n: `node test/e2e/fault-run.mjs`.)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from '../simulator/index.mjs';
import { ameyoSession, vonageToken } from '../simulator/simulatorClient';
import { sha256, tallyRun, tallyStalls } from './faultTally.mjs';
import { scanForSecrets, secretsIn, secretsOf } from './secretScan.mjs';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ seed: 4 });
});
afterAll(async () => sim?.close());

describe('secret search', () => {
	it('finds a credential secret and every kind of issued secret, and nothing in clean text', async () => {
		const token = await vonageToken(sim);
		const session = await ameyoSession(sim);
		const secrets = secretsOf(sim);
		expect(secretsIn(`{"error":"bad ${sim.credentials.kore.clientSecret}"}`, secrets)).toEqual(['Kore.ai client secret']);
		expect(secretsIn(`Authorization: Bearer ${token}.`, secrets)).toEqual(['Vonage access token']);
		expect(secretsIn(`"Sessionid":"${session}"`, secrets)).toEqual(['Ameyo session id']);
		expect(secretsIn(`a ${'0'.repeat(48)} hex string that was never issued`, secrets)).toEqual([]);
	});
});

describe('tally of a run', () => {
	const file = { sha256: sha256(Buffer.from('served')), bytes: 6 };
	const branch = {
		vendor: 'vonage',
		nodeName: 'download',
		inputs: [{ inputId: 'a' }, { inputId: 'b' }, { inputId: 'c' }, { inputId: 'd' }],
		expect: () => ({ files: new Map([['k', file]]), fileKey: () => 'k' }),
	};
	const item = (index: number, bytes: string) => ({
		json: {},
		binary: { data: { data: Buffer.from(bytes).toString('base64') } },
		pairedItem: { item: index },
	});
	const run = (items: unknown[]) => ({ data: { resultData: { runData: { download: [{ data: { main: [items] } }] } } } });

	it('counts success, error, lost, duplicate and differing files per input', async () => {
		const tally = await tallyRun(
			run([item(0, 'served'), { json: { error: 'HTTP 503' }, pairedItem: { item: 1 } }, item(2, 'served'), item(2, 'served'), item(3, '<html>')]),
			[branch],
			'/nonexistent',
		);
		expect(tally.vonage).toMatchObject({ in: 4, success: 3, error: 1, lost: 0, duplicates: 1, filesDiffer: 1 });
	});

	it('counts an input without any output item as lost', async () => {
		const tally = await tallyRun(run([item(0, 'served')]), [branch], '/nonexistent');
		expect(tally.vonage).toMatchObject({ in: 4, success: 1, error: 0, lost: 3 });
	});
});

describe('secret search in n8n user folder', () => {
	it('reports a secret in the database or the binary store, and skips stored copies of served files', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'secret-scan-'));
		try {
			await mkdir(join(folder, '.n8n', 'storage', 'x'), { recursive: true });
			await mkdir(join(folder, '.n8n', 'nodes'), { recursive: true });
			const served = Buffer.from(`served file mentioning ${sim.credentials.genesys.password}`);
			await writeFile(join(folder, '.n8n', 'storage', 'x', 'copy'), served);
			await writeFile(join(folder, '.n8n', 'storage', 'x', 'page'), `<p>${sim.credentials.vonage.clientSecret}</p>`);
			await writeFile(join(folder, '.n8n', 'database.sqlite'), `{"error":"${sim.credentials.ameyo.password}"}`);
			await writeFile(join(folder, '.n8n', 'nodes', 'package.js'), sim.credentials.kore.clientSecret);
			const { findings } = await scanForSecrets({
				texts: { log: 'clean' },
				userFolder: folder,
				servedSha256: new Set([sha256(served)]),
				secrets: secretsOf(sim),
			});
			expect(findings).toEqual([
				{ place: 'n8n user folder: database.sqlite', secrets: ['Ameyo password'] },
				{ place: 'n8n user folder: storage/x/page', secrets: ['Vonage client secret'] },
			]);
		} finally {
			await rm(folder, { recursive: true, force: true });
		}
	});
});

describe('tally of stalled answers', () => {
	const limits = { timeoutMs: 2000, graceMs: 3000, endedAt: 100_000 };

	it('counts a stall the client closed within the timeout as no hang', () => {
		const tally = tallyStalls([{ kind: 'mid-body', vendor: 'kore', path: '/m', stalledAt: 1000, closedAt: 3100 }], limits);

		expect(tally.kore).toMatchObject({ stalled: 1, hangs: 0 });
	});

	it('counts a stall held open past the timeout, or never closed, as a hang', () => {
		const tally = tallyStalls(
			[
				{ kind: 'before the headers', vendor: 'vonage', path: '/a', stalledAt: 1000, closedAt: 9000 },
				{ kind: 'mid-body', vendor: 'vonage', path: '/b', stalledAt: 1000 },
			],
			limits,
		);

		expect(tally.vonage).toMatchObject({ stalled: 2, hangs: 2 });
	});
});
