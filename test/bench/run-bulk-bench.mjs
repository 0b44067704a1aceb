#!/usr/bin/env node
/**
 * Bulk-export benchmark on a queue-mode n8n (main + one worker, Redis, PostgreSQL, binary data
 * in the `database` store: n8n's queue-mode defaults), against the vendor simulator: one workflow
 * "Vonage Search (30 days, Return All) → Download All (call recordings)" per case, run by the
 * worker. Prints, per case: interactions/s and recordings/s for search + download, MB/s, the
 * worker's peak RSS (VmHWM, reset before each case) and its growth, and the requests per minute
 * the simulator saw (the most in any 60 s window, and the average).
 *
 *   node test/bench/run-bulk-bench.mjs [--sizes=1000,10000] [--paced=1000@160] [--shared=1000@160x3] [--keep]
 *   (--sizes run unpaced, Max Requests per Minute 0; --paced=N@R adds N interactions at R/min,
 *    --paced= none; --shared=N@RxW: W workers export the same N-interaction account at once,
 *    each at ceiling R, against a simulator limiting the account to R/min (sharedLimit.mjs),
 *    plotted to test/bench/shared-limit.svg; --shared= none; quick: --sizes=200 --paced= --shared=)
 *
 * Every case is verified, not just timed: each recording of the simulator exported exactly once
 * with its size, none fetched twice, every binary in the database store, and a paced case never
 * over its rate in any minute (test/e2e/workflows/queueMode.mjs). A wrong case fails the run.
 */
import { writeFile as writeFileAsync } from 'node:fs/promises';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { npmInstallPackages, useRegistry } from '../e2e/localRegistry.mjs';
import { ensureN8n, freePort, REPO, restClient } from '../e2e/n8nInstance.mjs';
import { ensureQueueServices, executionOutcome, resetPeakRss, rssMiB, runOnWorker, startQueueMode } from '../e2e/queueServices.mjs';
import { bulkExportWorkflow, verifyBulkExport } from '../e2e/workflows/queueMode.mjs';
import { vonageCredential } from '../e2e/workflows/vonage.mjs';
import { startSimulator } from '../simulator/index.mjs';
import { measureSharedLimit, sharedLimitSvg } from './sharedLimit.mjs';

const flags = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? true];
	}),
);
const list = (value) => String(value).split(',').map((s) => s.trim()).filter(Boolean);
const cases = [
	...list(flags.sizes ?? '1000,10000').map((n) => ({ interactions: Number(n), rate: 0 })),
	...list(flags.paced ?? '1000@160').map((spec) => {
		const [n, rate] = spec.split('@').map(Number);
		return { interactions: n, rate };
	}),
];
const sharedCases = list(flags.shared ?? '1000@160x3').map((spec) => {
	const [n, rest] = spec.split('@');
	const [rate, workers] = rest.split('x').map(Number);
	return { interactions: Number(n), rate, workers };
});
for (const c of cases) {
	if (!(Number.isInteger(c.interactions) && c.interactions > 0 && Number.isInteger(c.rate) && c.rate >= 0)) {
		throw new Error(`bad case ${JSON.stringify(c)}: --sizes=N,N --paced=N@RATE`);
	}
}

const started = Date.now();
const say = (msg) => console.error(`[bench-bulk ${((Date.now() - started) / 1000).toFixed(0).padStart(5)}s] ${msg}`);

const bins = await ensureN8n(say);
const services = await ensureQueueServices(say);
const userFolder = mkdtempSync(join(os.tmpdir(), 'n8n-bench-bulk-'));
const registry = await useRegistry(say);
await npmInstallPackages(userFolder, registry.url, registry.packages);
await registry.stop();
const port = await freePort();
const queue = await startQueueMode({ bins, userFolder, port, services, log: say });
const rows = [];
let failed = false;
try {
	const rest = await restClient(queue.main.url);
	for (const c of cases) {
		say(`simulator with ${c.interactions} interactions; export at ${c.rate || 'no'} pacing`);
		const sim = await startSimulator({ seed: 100 + c.interactions, interactions: c.interactions });
		try {
			const name = `Vonage bulk ${c.interactions}`;
			const credential = await rest.call('POST', '/rest/credentials', { ...vonageCredential(sim), name });
			const saved = await rest.call('POST', '/rest/workflows', bulkExportWorkflow({ id: credential.id, name }, c.rate));
			sim.resetStats();
			const rssBefore = await queue.workerRssMiB();
			const peakReset = await resetPeakRss(queue.worker.pid);
			const t0 = performance.now();
			const result = await runOnWorker(queue, rest, saved.id, 'Start', 60 * 60_000);
			const seconds = (performance.now() - t0) / 1000;
			const peak = peakReset ? await rssMiB(queue.worker.pid, 'VmHWM') : Number.NaN;
			const outcome = executionOutcome(result);
			if (!outcome.ok) throw new Error(outcome.errorText.slice(0, 1500));
			const n = verifyBulkExport(outcome.run, sim, c.rate);
			rows.push({
				...c,
				recordings: n.recordings,
				gb: n.bytes / 1e9,
				seconds,
				interactionsPerSecond: c.interactions / seconds,
				recordingsPerSecond: n.recordings / seconds,
				mbPerSecond: n.bytes / 1e6 / seconds,
				rssBeforeMiB: rssBefore,
				peakMiB: peak,
				requests: n.requests,
				maxPerMinute: n.maxRequestsPerMinute,
				avgPerMinute: (n.requests * 60) / seconds,
			});
			say(`done: ${JSON.stringify(rows.at(-1))}`);
			// The stored executions (and their binaries) are not needed any more: keep PostgreSQL small.
			await rest.call('POST', '/rest/executions/delete', { ids: [result.executionId] }).catch(() => {});
		} catch (error) {
			failed = true;
			say(`FAILED ${c.interactions}@${c.rate}: ${error.message}`);
			rows.push({ ...c, failed: error.message });
		} finally {
			await sim.close();
		}
	}
} finally {
	await queue.stop();
}

const sharedRows = [];
for (const c of sharedCases) {
	// The same user folder (packages installed), fresh PostgreSQL and Redis, one job per worker.
	const sharedQueue = await startQueueMode({ bins, userFolder, port: await freePort(), services, workers: c.workers, concurrency: 1, log: say });
	try {
		const rest = await restClient(sharedQueue.main.url);
		const m = await measureSharedLimit({ queue: sharedQueue, rest, interactions: c.interactions, limit: c.rate, workers: c.workers, say });
		sharedRows.push(m);
		say(`shared: ${JSON.stringify({ ...m, timeline: undefined })}`);
		if (m.problems.length > 0) failed = true;
		await writeFileAsync(join(REPO, 'test', 'bench', 'shared-limit.svg'), sharedLimitSvg(m));
	} catch (error) {
		failed = true;
		say(`FAILED shared ${c.interactions}@${c.rate}x${c.workers}: ${error.message}`);
	} finally {
		await sharedQueue.stop();
	}
}

if (!flags.keep) rmSync(userFolder, { recursive: true, force: true });

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const lines = [
	`Bulk export on queue-mode n8n 2.41.1 (main + 1 worker, Redis, PostgreSQL, database binary store), ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at the end, ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
	'',
	'| interactions | pacing | recordings (GB) | s | interactions/s | recordings/s | MB/s | worker RSS before → peak MiB (growth) | requests | max in any minute | average per minute |',
	'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	...rows.map((r) =>
		r.failed
			? `| ${r.interactions} | ${r.rate || 'none'} | FAILED: ${r.failed.slice(0, 80)} | | | | | | | | |`
			: `| ${r.interactions} | ${r.rate ? `${r.rate}/min` : 'none'} | ${r.recordings} (${f(r.gb, 2)}) | ${f(r.seconds)} | ${f(r.interactionsPerSecond)} | ${f(r.recordingsPerSecond)} | ${f(r.mbPerSecond)} | ${f(r.rssBeforeMiB, 0)} → ${f(r.peakMiB, 0)} (+${f(r.peakMiB - r.rssBeforeMiB, 0)}) | ${r.requests} | ${r.maxPerMinute} | ${f(r.avgPerMinute, 0)} |`,
	),
];
if (sharedRows.length > 0) {
	lines.push(
		'',
		'| workers | interactions each | account limit = ceiling | recordings per export | s | requests | 429s in all | accepted per minute after 2 min | 429s after 2 min | bounds |',
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
		...sharedRows.map(
			(m) =>
				`| ${m.workers} | ${m.interactions} | ${m.limit}/min | ${m.recordings} | ${f(m.seconds)} | ${m.requests} | ${m.throttledAll} | ${f(m.acceptedPerMinute)} (${f((m.acceptedPerMinute / m.limit) * 100)} %) | ${f(m.throttledShare * 100, 2)} % | ${m.problems.length === 0 ? 'met' : m.problems.join('; ')} |`,
		),
	);
}
console.log(lines.join('\n'));
mkdirSync(join(REPO, 'artifacts', 'bench'), { recursive: true });
await writeFileAsync(join(REPO, 'artifacts', 'bench', 'bulk.json'), JSON.stringify({ rows, shared: sharedRows }, null, 2));
process.exit(failed ? 1 : 0);
