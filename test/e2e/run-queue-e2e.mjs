#!/usr/bin/env node
/**
 * End to end in n8n's queue mode: Redis + PostgreSQL (Debian's, on free loopback ports), one
 * `n8n start` main process and one `n8n worker`, binary data in the `database` store (what n8n
 * uses in queue mode), the four packages installed once from the local npm registry into the
 * shared user folder with `npm install` (how a private registry reaches an n8n that may not use
 * one itself: see the N8N_COMMUNITY_PACKAGES check below). Then, all against the vendor simulator:
 *
 * - every e2e workflow of the single-process run, unchanged, executed by the worker (manual runs
 *   offloaded with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS) and judged the same way;
 * - a recording over the database store's cap fails with the setting to raise, and the worker
 *   goes on working;
 * - a bulk export (Search 30 days → Download All) of a simulator with --bulk interactions, paced
 *   at --rate requests/minute: every recording once, nothing fetched twice, the rate kept;
 * - both polling triggers activated on the main process, their executions run by the worker;
 * - one vendor budget across workers (test/bench/sharedLimit.mjs, small form): a second queue
 *   with 3 workers, each exporting the same account at once at ceiling 160 against a simulator
 *   limiting that account to 160/min, must settle at ≥ 85 % of the limit with ≤ 5 % 429s, every
 *   recording once per export and no item failed.
 *
 *   node test/e2e/run-queue-e2e.mjs [--bulk=1000] [--rate=600] [--shared=300@160x3|--shared=] [--keep] [--no-triggers]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSimulator } from '../simulator/index.mjs';
import { checkPackageLoaded, createReport, judgeRun, loadErrors, setUpVendors } from './e2eSteps.mjs';
import {
	ensureN8n,
	freePort,
	REPO,
	restClient,
} from './n8nInstance.mjs';
import { CUSTOM_REGISTRY_FEATURE } from './communityInstall.mjs';
import { npmInstallPackages, useRegistry } from './localRegistry.mjs';
import { ensureQueueServices, executionOutcome, resetPeakRss, rssMiB, runOnWorker, startQueueMode } from './queueServices.mjs';
import { startSlackSink } from './slackSink.mjs';
import { allVendors } from './workflows/index.mjs';
import { bulkExportWorkflow, oversizeWorkflow, verifyBulkExport } from './workflows/queueMode.mjs';
import { vonageCredential } from './workflows/vonage.mjs';
import { measureSharedLimit, sharedLimitSvg } from '../bench/sharedLimit.mjs';

const flags = Object.fromEntries(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? true];
	}),
);
const BULK_INTERACTIONS = Number(flags.bulk ?? 1000);
const BULK_RATE = Number(flags.rate ?? 600);
const SHARED = flags.shared === undefined ? '300@160x3' : String(flags.shared);
/** The database store's cap for this run (MiB): above every simulator file but the oversize one. */
const BINARY_CAP_MIB = 8;
const OVERSIZE_MIB = 24;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (msg) => console.log(`[queue-e2e ${elapsed().padStart(5)}] ${msg}`);

const ARTIFACTS = join(REPO, 'artifacts', 'e2e-queue');
await mkdir(ARTIFACTS, { recursive: true });
const report = createReport();
const { check } = report;
const label = 'queue mode: ';

const bins = await ensureN8n((line) => say(line));
const services = await ensureQueueServices((line) => say(line));
const userFolder = await mkdtemp(join(tmpdir(), 'n8n-queue-e2e-'));
const registry = await useRegistry(say);
await npmInstallPackages(userFolder, registry.url, registry.packages);
say(`npm installed ${registry.packages.map((p) => `${p.name}@${p.version}`).join(', ')} from ${registry.url} into ${userFolder}`);

const sim = await startSimulator({});
const bulkSim = await startSimulator({ seed: 11, interactions: BULK_INTERACTIONS });
const slack = await startSlackSink();
const context = { slack };
say(`simulators on ${sim.url} and ${bulkSim.url} (${BULK_INTERACTIONS} Vonage interactions)`);

const port = await freePort();
let queue;

try {
	queue = await startQueueMode({
		bins,
		userFolder,
		port,
		services,
		log: say,
		env: {
			N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(BINARY_CAP_MIB),
			// Said explicitly although it is queue mode's default: this run is about that store.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// Docker and queue-mode deployments declare their packages in the environment (n8n
			// 2.21+). From a registry other than npmjs.org n8n needs a licence feature for that;
			// the check below holds this instance to that rule.
			N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
			N8N_COMMUNITY_PACKAGES: JSON.stringify(registry.packages.map((p) => ({ name: p.name, version: p.version }))),
			N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
		},
	});
	const { main, worker } = queue;
	const readWorkerRssMiB = queue.workerRssMiB;
	const workerRan = queue.workerRan;
	say(`n8n main on ${main.url}, worker pid ${worker.pid}`);

	const rest = await restClient(main.url);
	const vendors = allVendors();
	await checkPackageLoaded({ n8n: main, rest, vendors, check, label });
	await check(`${label}the worker loads the packages without errors`, async () => {
		const bad = loadErrors(worker.output(), vendors);
		if (bad.length) throw new Error(bad.slice(0, 5).join(' | '));
		return 'clean';
	});
	await check(`${label}N8N_COMMUNITY_PACKAGES from a private registry: n8n 2.41.1 asks for the ${CUSTOM_REGISTRY_FEATURE} licence`, async () => {
		const lines = main.output().split('\n').filter((l) => /from env/.test(l));
		const refused = registry.packages.filter((p) => lines.some((l) => l.includes(p.name) && l.includes(`does not allow for ${CUSTOM_REGISTRY_FEATURE}`)));
		if (refused.length !== registry.packages.length) throw new Error(`expected the licence refusal for each package, n8n logged: ${lines.slice(0, 6).join(' | ') || 'nothing'}`);
		return `refused for all ${refused.length} packages; the npm-installed ones serve this run`;
	});
	const imported = await setUpVendors({ rest, vendors, sim, context, check, label });

	for (const entry of imported) {
		say(`running "${entry.workflow.name}" on the worker`);
		let result;
		await check(`${label}${entry.workflow.name}`, async () => {
			result = await runOnWorker(queue, rest, entry.id, entry.workflow.nodes[0].name);
			await writeFile(join(ARTIFACTS, `${entry.workflow.name.replace(/[^\w]+/g, '-')}.json`), JSON.stringify(result.data, null, 1));
			if (!workerRan(result.executionId)) throw new Error(`execution ${result.executionId} did not run on the worker`);
			return judgeRun(entry, executionOutcome(result), sim, context);
		});
	}

	const vonageRecord = vendors.find((v) => v.credentialType === 'vonageContactCenterApi').credentialRecord;
	await check(`${label}a recording over the binary store cap fails with the setting to raise; the worker goes on`, async () => {
		const saved = await rest.call('POST', '/rest/workflows', oversizeWorkflow(vonageRecord, OVERSIZE_MIB));
		const result = await runOnWorker(queue, rest, saved.id, 'Start');
		const { ok, errorText } = executionOutcome(result);
		if (ok) throw new Error(`a ${OVERSIZE_MIB} MiB file was stored under a ${BINARY_CAP_MIB} MiB cap`);
		if (!/too large for n8n's binary data store/.test(errorText) || !/N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE/.test(errorText)) {
			throw new Error(`not a readable store-limit error: ${errorText.slice(0, 800)}`);
		}
		if (worker.output().includes('FATAL') || (await readWorkerRssMiB()) === 0) throw new Error('the worker did not survive');
		// The same worker still runs the next job.
		const again = await runOnWorker(queue, rest, imported[0].id, imported[0].workflow.nodes[0].name);
		if (again.status !== 'success') throw new Error(`the next run ended ${again.status}`);
		return errorText.split('\n')[1];
	});

	await check(`${label}bulk export of ${BULK_INTERACTIONS} interactions at ${BULK_RATE}/min: every recording once, rate kept`, async () => {
		const credential = await rest.call('POST', '/rest/credentials', { ...vonageCredential(bulkSim), name: 'Vonage (bulk simulator)' });
		const workflow = bulkExportWorkflow({ id: credential.id, name: 'Vonage (bulk simulator)' }, BULK_RATE);
		const saved = await rest.call('POST', '/rest/workflows', workflow);
		bulkSim.resetStats();
		const rssBefore = await readWorkerRssMiB();
		const peakReset = await resetPeakRss(worker.pid);
		const t0 = Date.now();
		const result = await runOnWorker(queue, rest, saved.id, 'Start', 30 * 60_000);
		const seconds = (Date.now() - t0) / 1000;
		const peak = peakReset ? await rssMiB(worker.pid, 'VmHWM') : Number.NaN;
		const { ok, errorText, run } = executionOutcome(result);
		if (!ok) throw new Error(errorText.slice(0, 1500));
		const numbers = verifyBulkExport(run, bulkSim, BULK_RATE);
		const summary = {
			...numbers,
			seconds: Number(seconds.toFixed(1)),
			workerRssBeforeMiB: Math.round(rssBefore),
			workerRssPeakMiB: Math.round(peak),
		};
		await writeFile(join(ARTIFACTS, 'bulk-export.json'), JSON.stringify(summary, null, 2));
		return `${numbers.recordings} recordings of ${numbers.interactions} interactions in ${summary.seconds} s; ${numbers.searchRequests} search + ${numbers.contentRequests} download requests, none repeated; at most ${numbers.maxRequestsPerMinute} requests in any minute; worker RSS ${summary.workerRssBeforeMiB} → peak ${summary.workerRssPeakMiB} MiB`;
	});

	if (!flags['no-triggers']) {
		// Polling runs on the main process; each poll's execution is a job for the worker.
		const { checkTriggers } = await import('./triggers.mjs');
		const byType = Object.fromEntries(vendors.map((v) => [v.credentialType, v.credentialRecord]));
		const prefixed = async (name, fn) => await check(`${label}${name}`, fn);
		const { workflowIds } = await checkTriggers({
			rest,
			sim,
			slack,
			check: prefixed,
			credentials: { vonage: byType.vonageContactCenterApi, kore: byType.koreAiSmartAssistApi },
		});
		await check(`${label}every trigger execution ran on the worker`, async () => {
			const ids = [];
			for (const workflowId of workflowIds) {
				const list = await rest.call('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
				ids.push(...(list.results ?? list).map((e) => e.id));
			}
			const elsewhere = ids.filter((id) => !workerRan(id));
			if (ids.length === 0) throw new Error('the triggers started no execution');
			if (elsewhere.length) throw new Error(`executions ${elsewhere.join(', ')} did not run on the worker`);
			return `${ids.length} trigger executions, all finished by the worker`;
		});
	}
} finally {
	await writeFile(join(ARTIFACTS, 'worker.log'), queue?.worker.output() ?? '').catch(() => {});
	await writeFile(join(ARTIFACTS, 'main.log'), queue?.main.output() ?? '').catch(() => {});
	await queue?.stop();
	await Promise.all([sim.close(), bulkSim.close(), slack.close(), registry.stop()]);
}

if (SHARED !== '' && SHARED !== 'true') {
	const [n, spec] = SHARED.split('@');
	const [limit, workers] = spec.split('x').map(Number);
	const interactions = Number(n);
	let shared;
	try {
		// The same user folder (packages installed), fresh PostgreSQL and Redis, one job per worker.
		shared = await startQueueMode({ bins, userFolder, port: await freePort(), services, workers, concurrency: 1, log: say });
		const rest = await restClient(shared.main.url);
		await check(`${label}${workers} workers exporting one account at once settle on its limit of ${limit}/min`, async () => {
			const m = await measureSharedLimit({ queue: shared, rest, interactions, limit, workers, say });
			await writeFile(join(ARTIFACTS, 'shared-limit.json'), JSON.stringify(m, null, 1));
			await writeFile(join(ARTIFACTS, 'shared-limit.svg'), sharedLimitSvg(m));
			if (m.problems.length > 0) throw new Error(m.problems.join('; '));
			return `${m.recordings} recordings per export, ${m.seconds.toFixed(0)} s; after 2 min ${m.acceptedPerMinute.toFixed(1)} accepted per minute (${((m.acceptedPerMinute / limit) * 100).toFixed(0)} %), ${(m.throttledShare * 100).toFixed(2)} % 429s; ${m.throttledAll} 429s in all, no item failed`;
		});
	} finally {
		await shared?.stop();
	}
}
if (!flags.keep) await rm(userFolder, { recursive: true, force: true });

console.log(`\nqueue-mode e2e finished in ${elapsed()}`);
console.log(report.summary('queue-mode e2e'));
process.exit(report.failed() === 0 ? 0 : 1);
