#!/usr/bin/env node
/**
 * Kill-and-restart backfill in a real n8n (one process on SQLite, or with --queue a main process
 * and one `n8n worker` on PostgreSQL and Redis). The Vonage trigger ("new
 * recording → sink", Start From before the simulator's oldest interaction, Max Items per Poll
 * bounded) is activated against a simulator holding --interactions interactions. Whenever the
 * sink sees the first message of a chosen poll's execution, the n8n (main) process gets SIGKILL:
 * the moment the execution is running and neither it nor the trigger's static data is settled, the
 * worst one for exactly-once. n8n is then started again on the same user folder and port (in queue
 * mode the worker, PostgreSQL and Redis stay up, as when only the main's host dies), and the
 * walk must go on from where it was saved. Once polling brings nothing new, it counts from what the
 * sink received recordings missing and recordings sent twice; then it retries each crashed
 * execution (n8n marks a killed one crashed on restart and never re-runs it), as an operator would
 * from the Executions list, and counts again.
 *
 * Each --modes entry runs in its own user folder and simulator, side by side:
 * - legacy: n8n's default poller; the trigger's static data is saved apart from the execution.
 * - durable: n8n's durable poll cursors (N8N_POLLER_DURABLE_CURSORS_ENABLED with the scheduler
 *   flags 2.37+ needs), which store the cursor in the same transaction as the execution.
 *
 *   node test/e2e/backfillRestart.mjs [--interactions=2000] [--max-items=400] [--kills=3]
 *     [--modes=legacy,durable] [--download] [--queue] [--trigger-e2e] [--assert] [--timeout-min=30]
 *
 * --queue runs each mode in queue mode, one mode after the other, and adds the worker's peak RSS.
 * --trigger-e2e first runs the triggers' e2e (triggers.mjs) in each mode's n8n, on a simulator of
 * its own, and checks which store kept the cursor: the durable-cursor e2e without an n8n start of
 * its own.
 *
 * --assert exits 1 unless, in every mode, nothing is lost once the crashed executions are retried,
 * durable cursors were on where asked for, and the trigger e2e passed. Duplicates are reported,
 * not required to be 0: n8n saves the trigger's place before the execution ends, so retrying a
 * killed execution repeats what it had delivered. Two bounds are asserted. Polling itself emits
 * nothing twice (the kill lands after the poll's place is saved, so a repeat there would be the
 * trigger's own fault). Retries repeat at most Max Items per Poll per kill.
 * Results go to artifacts/backfill-restart/<mode>[-queue][-download]-<interactions>.json.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startSimulator } from '../simulator/index.mjs';
import { DURABLE_ENV, durableCursorsDisabled } from './durableCursors.mjs';
import { createReport } from './e2eSteps.mjs';
import { npmInstallPackages, useRegistry } from './localRegistry.mjs';
import { ensureN8n, freePort, REPO, restClient, startN8n } from './n8nInstance.mjs';
import { ensureQueueServices, queueModeEnv, resetPeakRss, rssMiB, startQueueMode } from './queueServices.mjs';
import { startSlackSink } from './slackSink.mjs';
import { checkTriggersOnOwnSimulator } from './triggers.mjs';
import { PACKAGES } from './workflows/build.mjs';
import { triggerToSink } from './workflows/triggerToSink.mjs';
import { vonageCredential } from './workflows/vonage.mjs';

const { values: args } = parseArgs({
	options: {
		interactions: { type: 'string', default: '2000' },
		'max-items': { type: 'string', default: '400' },
		kills: { type: 'string', default: '3' },
		modes: { type: 'string', default: 'legacy,durable' },
		download: { type: 'boolean', default: false },
		queue: { type: 'boolean', default: false },
		'trigger-e2e': { type: 'boolean', default: false },
		assert: { type: 'boolean', default: false },
		'timeout-min': { type: 'string', default: '30' },
		seed: { type: 'string', default: '22' },
		'log-level': { type: 'string', default: 'info' },
	},
});
const INTERACTIONS = Number(args.interactions);
const MAX_ITEMS = Number(args['max-items']);
const KILLS = Number(args.kills);
const MODES = args.modes.split(',').filter(Boolean);
const TIMEOUT_MS = Number(args['timeout-min']) * 60_000;
/** One scheduled poll after the last recording: anything a restart replays late shows up in it. */
const SETTLE_MS = 65_000;
const STALL_MS = 125_000;

const started = Date.now();
const say = (msg) => console.log(`[backfill ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function backfillWorkflow(sinkUrl, credential, startFrom) {
	// The execution id rides along so the sink can tell polls apart (and count items per poll).
	const text = `={{ JSON.stringify({ text: 'VCC recording ' + $json.interactionId + ' ' + $execution.id${args.download ? " + ' ' + $binary.data.fileSize" : ''} }) }}`;
	return triggerToSink({
		name: 'backfill restart: Vonage → sink',
		trigger: {
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				contentTypes: ['callRecording'],
				downloadFiles: args.download,
				options: { startFrom, maxItemsPerPoll: MAX_ITEMS, requestsPerMinute: 0 },
			},
			type: `${PACKAGES.vonage}.vonageContactCenterTrigger`,
			credentials: { vonageContactCenterApi: credential },
		},
		url: sinkUrl,
		text,
		postNode: 'Post to sink',
	});
}

/** Runs one mode from activation to the settled end; returns its numbers. */
async function runMode({ mode, bins, nodesDir, services }) {
	const userFolder = await mkdtemp(join(tmpdir(), `n8n-backfill-${mode}-`));
	await cp(nodesDir, join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const env = { ...(mode === 'durable' ? DURABLE_ENV : {}), N8N_LOG_LEVEL: args['log-level'] };
	const log = (line) => (/durable|cursor|poll/i.test(line) ? say(`${mode} n8n: ${line.slice(0, 300)}`) : undefined);
	const logs = [];
	const t0 = Date.now();
	const sim = await startSimulator({ seed: Number(args.seed), interactions: INTERACTIONS });
	say(`${mode}: simulator with ${INTERACTIONS} interactions ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	const expected = sim.catalog.vonage.interactions.filter((x) => x.content.some((c) => c.type === 'callRecording')).map((x) => x.guid);
	const expectedPolls = Math.ceil(expected.length / MAX_ITEMS);
	// Kill on the first message of evenly spread polls, never the first (the activation) one.
	const gap = Math.max(1, Math.floor(expectedPolls / (KILLS + 1)));
	const killAtExecution = new Set(Array.from({ length: KILLS }, (_, i) => 1 + gap * (i + 1)));
	const executionsSeen = new Map();
	let n8n;
	let killing = null;
	const kills = [];
	const peaks = [];
	const onMessage = (payload) => {
		const [, , guid, executionId] = payload.text.split(' ');
		if (!guid) return;
		if (!executionsSeen.has(executionId)) {
			executionsSeen.set(executionId, 0);
			if (killAtExecution.has(executionsSeen.size) && n8n && !killing) {
				const victim = n8n;
				// Read before the kill: VmHWM is the process's peak so far.
				const hwm = rssMiBSync(victim.pid);
				process.kill(victim.pid, 'SIGKILL');
				kills.push({ atExecution: executionId, poll: executionsSeen.size, received: sink.messages.length, peakRssMiB: hwm, at: Date.now() });
				killing = victim;
			}
		}
		executionsSeen.set(executionId, executionsSeen.get(executionId) + 1);
	};
	const sink = await startSlackSink({ onMessage });
	const port = await freePort();
	let queue;
	const start = async () => {
		if (!args.queue) return await startN8n({ ...bins, userFolder, port, env, log });
		if (!queue) {
			queue = await startQueueMode({ bins, userFolder, port, services, env, log: (line) => say(`${mode}: ${line}`) });
			return queue.main;
		}
		// Only the main process died: it comes back on the services and worker still running.
		const mainEnv = queueModeEnv({ ...queue, extra: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true', ...env } });
		return await startN8n({ ...bins, userFolder, port, env: mainEnv, log });
	};
	let result;
	try {
		n8n = await start();
		const rest = await restClient(n8n.url);
		if (args['trigger-e2e']) {
			await checkTriggersOnOwnSimulator({ n8n, rest, check: report.check, durable: mode === 'durable', label: `${mode}${args.queue ? ' queue' : ''}: ` });
			// The backfill's peaks are its own, not the trigger e2e's downloads.
			await Promise.all([n8n.pid, queue?.worker.pid].filter(Boolean).map(resetPeakRss));
		}
		const credential = await rest.call('POST', '/rest/credentials', vonageCredential(sim));
		const startFrom = new Date(Date.now() - 31 * 24 * 3_600_000).toISOString();
		const saved = await rest.call('POST', '/rest/workflows', backfillWorkflow(sink.messageUrl(mode), { id: credential.id, name: credential.name }, startFrom));
		const tActivate = Date.now();
		await rest.call('POST', `/rest/workflows/${saved.id}/activate`, { versionId: saved.versionId });
		say(`${mode}: activated; ${expected.length} recordings to walk at ${MAX_ITEMS} a poll (~${expectedPolls} polls), SIGKILL at the first message of polls ${[...killAtExecution].join(', ')}`);
		const received = () => new Set(sink.messages.map((m) => m.text.split(' ')[2]));
		let lastProgress = Date.now();
		let lastCount = 0;
		let restartedAt = 0;
		while (Date.now() - tActivate < TIMEOUT_MS) {
			if (killing) {
				await killing.stop().catch(() => {});
				logs.push(killing.output());
				say(`${mode}: killed n8n (pid ${killing.pid}) at poll ${kills.at(-1).poll}, ${kills.at(-1).received} messages in; restarting`);
				const tRestart = Date.now();
				n8n = await start();
				kills.at(-1).restartSeconds = Number(((Date.now() - tRestart) / 1000).toFixed(1));
				killing = null;
				restartedAt = Date.now();
			}
			const count = received().size;
			if (count !== lastCount) {
				lastCount = count;
				lastProgress = Date.now();
			}
			if (count >= expected.length) break;
			// Nothing new for two scheduled polls since the last progress or restart: what is still
			// missing will not come by polling (a killed execution is not re-run).
			if (Date.now() - Math.max(lastProgress, restartedAt) > STALL_MS) break;
			await sleep(250);
		}
		const allAt = Date.now();
		say(`${mode}: ${received().size}/${expected.length} recordings after ${((allAt - tActivate) / 1000).toFixed(0)} s; one more poll to see late repeats`);
		const stalled = received().size < expected.length;
		if (!stalled) await sleep(SETTLE_MS);
		if (killing) throw new Error('a kill was still pending at the end');
		peaks.push(await rssMiB(n8n.pid, 'VmHWM'));
		const workerPeak = queue ? await rssMiB(queue.worker.pid, 'VmHWM') : undefined;
		const restNow = await restClient(n8n.url);
		const list = await restNow.call('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: saved.id }))}&limit=100`);
		const executions = list.results ?? list;
		// What the trigger left in static data: where a stall or a repeat comes from.
		const staticData = (await restNow.call('GET', `/rest/workflows/${saved.id}`)).staticData ?? null;
		const byStatus = {};
		for (const e of executions) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;

		const tally = () => {
			const posted = sink.messages.map((m) => m.text.split(' ')[2]);
			const counts = new Map();
			for (const guid of posted) counts.set(guid, (counts.get(guid) ?? 0) + 1);
			return { posted, counts, lost: expected.filter((g) => !counts.has(g)).length, duplicates: posted.length - counts.size };
		};
		const beforeRetry = tally();
		// A killed execution is marked crashed on restart and never resumed: its items reach the
		// sink only when someone retries it, as an operator would from the Executions list.
		const crashed = executions.filter((e) => e.status === 'crashed' || e.status === 'error');
		const retries = [];
		for (const e of crashed) {
			try {
				const retried = await restNow.call('POST', `/rest/executions/${e.id}/retry`, { loadWorkflow: false });
				retries.push({ id: e.id, status: e.status, retried: retried?.status ?? 'started' });
			} catch (error) {
				retries.push({ id: e.id, status: e.status, error: String(error.message).slice(0, 200) });
			}
		}
		// A retried execution posts for a while: wait until the sink has been quiet for 10 s.
		for (let quiet = 0, last = -1, waited = 0; crashed.length && quiet < 10_000 && waited < 300_000; waited += 1000) {
			await sleep(1000);
			quiet = sink.messages.length === last ? quiet + 1000 : 0;
			last = sink.messages.length;
		}
		const { posted, counts } = tally();
		const perPoll = [...executionsSeen.values()];
		const output = n8n.output();
		result = {
			mode,
			setup: args.queue ? 'queue: main + 1 worker, PostgreSQL, Redis' : 'single process, SQLite',
			env,
			interactions: INTERACTIONS,
			recordings: expected.length,
			download: args.download,
			maxItemsPerPoll: MAX_ITEMS,
			kills: kills.map(({ at, ...k }) => k),
			lostBeforeRetry: beforeRetry.lost,
			duplicatesBeforeRetry: beforeRetry.duplicates,
			retries,
			lost: expected.filter((g) => !counts.has(g)).length,
			duplicates: posted.length - counts.size,
			recordingsEmittedTwice: [...counts.values()].filter((c) => c > 1).length,
			unexpected: [...counts.keys()].filter((g) => !expected.includes(g)).length,
			messages: posted.length,
			polls: perPoll.length,
			maxItemsInOnePoll: Math.max(0, ...perPoll),
			executions: byStatus,
			peakRssMainMiB: Math.round(Math.max(...peaks, ...kills.map((k) => k.peakRssMiB))),
			peakRssWorkerMiB: workerPeak === undefined ? undefined : Math.round(workerPeak),
			secondsPolling: Number(((allAt - tActivate) / 1000).toFixed(1)),
			secondsTotal: Number(((Date.now() - t0) / 1000).toFixed(1)),
			staticData: JSON.stringify(staticData).slice(0, 1500),
			durableDisabledWarning: durableCursorsDisabled(output),
			schedulerLog: output.split('\n').filter((l) => /durable|poller_state|scheduler/i.test(l)).slice(0, 10),
		};
		return result;
	} finally {
		if (killing) await killing.stop().catch(() => {});
		await n8n?.stop();
		logs.push(n8n?.output() ?? '');
		if (queue) {
			logs.push(`(worker)\n${queue.worker.output()}`);
			await queue.stop();
		}
		await writeFile(join(ARTIFACTS, `${mode}${args.queue ? '-queue' : ''}-n8n.log`), logs.map((l, i) => `===== n8n run ${i + 1}\n${l}`).join('\n')).catch(() => {});
		await Promise.all([sim.close(), sink.close()]);
		await rm(userFolder, { recursive: true, force: true });
	}
}

/** VmHWM without awaiting: read in the sink's callback, right before the kill. */
function rssMiBSync(pid) {
	try {
		const text = readFileSyncProc(pid);
		return Number(/^VmHWM:\s+(\d+) kB/m.exec(text)?.[1] ?? 0) / 1024;
	} catch {
		return 0;
	}
}
const readFileSyncProc = (pid) => readFileSync(`/proc/${pid}/status`, 'utf8');

// Ending on a signal still runs the 'exit' handlers that SIGKILL the n8n processes started here.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const bins = await ensureN8n((line) => say(line));
const services = args.queue ? await ensureQueueServices((line) => say(line)) : undefined;
const report = createReport();
const registry = await useRegistry(say);
const installed = await mkdtemp(join(tmpdir(), 'n8n-backfill-nodes-'));
await npmInstallPackages(installed, registry.url, registry.packages);
await registry.stop();
const ARTIFACTS = join(REPO, 'artifacts', 'backfill-restart');
await mkdir(ARTIFACTS, { recursive: true });
say(`${registry.packages.map((p) => `${p.name}@${p.version}`).join(', ')} installed; modes ${MODES.join(', ')} ${args.queue ? 'one after the other, in queue mode' : 'side by side'}`);

const runOne = (mode) => runMode({ mode, bins, services, nodesDir: join(installed, '.n8n', 'nodes') });
let results;
if (args.queue) {
	// Each mode is two n8n processes, PostgreSQL and Redis: side by side on two cores they would
	// measure the contention, not n8n.
	results = [];
	for (const mode of MODES) results.push(...(await Promise.allSettled([runOne(mode)])));
} else {
	results = await Promise.allSettled(MODES.map(runOne));
}
await rm(installed, { recursive: true, force: true });
const problems = [];
for (const [i, r] of results.entries()) {
	const mode = MODES[i];
	if (r.status === 'rejected') {
		problems.push(`${mode}: ${r.reason?.stack ?? r.reason}`);
		continue;
	}
	const m = r.value;
	await writeFile(join(ARTIFACTS, `${mode}${args.queue ? '-queue' : ''}${args.download ? '-download' : ''}-${INTERACTIONS}.json`), JSON.stringify(m, null, 1));
	console.log(`\n${mode}: ${JSON.stringify(m, null, 1)}`);
	if (m.lost > 0) problems.push(`${mode}: ${m.lost} recordings lost`);
	if (m.unexpected > 0) problems.push(`${mode}: ${m.unexpected} recordings nobody asked for`);
	if (m.kills.length < Math.min(KILLS, 1)) problems.push(`${mode}: no kill happened (too few polls?)`);
	if (mode === 'durable' && m.durableDisabledWarning) problems.push(`${mode}: n8n logged that durable poll cursors stay disabled`);
	// What a retry repeats is only what its crashed execution had delivered: at most Max Items per
	// Poll for each kill. Polling itself repeats nothing, since each kill lands after the place is saved.
	if (m.duplicatesBeforeRetry > 0) problems.push(`${mode}: the trigger emitted ${m.duplicatesBeforeRetry} recordings twice`);
	if (m.duplicates > MAX_ITEMS * m.kills.length) problems.push(`${mode}: ${m.duplicates} repeats, more than Max Items per Poll per kill`);
}
if (args['trigger-e2e']) {
	console.log(report.summary('trigger e2e'));
	if (report.failed() > 0) problems.push(`${report.failed()} trigger e2e checks failed`);
}
console.log(`\nbackfill restart finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (problems.length) console.log(`problems:\n- ${problems.join('\n- ')}`);
process.exit(args.assert && problems.length ? 1 : 0);
