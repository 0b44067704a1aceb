#!/usr/bin/env node
/**
 * Side-by-side download benchmark in a REAL n8n (the pinned 2.41.1 under Node 24, as the e2e run
 * installs it): our Vonage Contact Center "Content → Download" vs n8n's own HTTP Request node
 * (response format File) vs curl, on the same simulator files, in one go.
 *
 *   node test/bench/run-n8n-bench.mjs [--sizes=1MiB,512MiB,2GiB] [--repeat=N] [--skip-build] [--keep]
 *   (or BENCH_SIZES / BENCH_REPEAT; BENCH_TMPDIR picks the disk) — quick: --sizes=1MiB,64MiB --repeat=1
 *   BENCH_N8N_NODE_OPTIONS='--max-semi-space-size=1' gives the n8n processes (only) Node flags: what-if runs
 *   BENCH_SIM_FAULTS='[{"vendor":"vonage","fault":"short","times":1000}]' (simulator faults after the
 *   warm-up) is a self-check: every row must then say FAILED and the exit code be 1
 *
 * Setup, once: build and assemble the packages, publish them to a local npm registry and
 * `npm install` them into a fresh n8n user folder's .n8n/nodes, start the vendor simulator (test/simulator) in this process,
 * start n8n, create the Vonage credential and two workflows per size through the REST API
 * (Manual Trigger → our node; Manual Trigger → HTTP Request with the Bearer token this script
 * fetched), stop n8n. Then every measurement is one `n8n execute --id` process under GNU
 * `time -v` (its max RSS is the n8n process's peak; the process tree's, strictly, see the notes),
 * or one curl, paths interleaved and rotated per round, repeats reported as medians.
 *
 * - throughput = file bytes / the node's own time in the execution data (runData[node].executionTime),
 *   not the process wall time (that includes n8n's boot; it is printed too). curl: its time_total.
 * - peak RSS growth = max RSS at that size − median max RSS of the same path at 1 MiB (that is how
 *   the issue's numbers were measured; 1 MiB is always run as the baseline).
 * - every download is verified: the stored file (n8n's binary store, located from the binary id in
 *   the execution data) or curl's file must have the served size and sha256; a wrong one fails the
 *   run (exit 1). PASS/MISS lines against the targets are informational.
 * - the binary store is emptied and `sync` run after every run, so 2 GiB files never pile up;
 *   free disk space is checked before every run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';

import { npmInstallPackages, useRegistry } from '../e2e/localRegistry.mjs';
import { ensureN8n, freePort, REPO, restClient, startN8n } from '../e2e/n8nInstance.mjs';
import { chain, manualTrigger, node, PACKAGES, withCredential } from '../e2e/workflows/build.mjs';
import { vonageCredential } from '../e2e/workflows/vonage.mjs';
import { largeFileGuid, largeFileGuidBytes, largeFileSha256, startSimulator } from '../simulator/index.mjs';
import {
	capture, clearBinaryStore, freeBytes, n8nEnv, parseExecuteOutput, rssAroundDownload, runTimed,
	sha256OfFile, storedFilePath, syncDisks,
} from './n8n-exec.mjs';
import { BASELINE_SIZE, median, N8N_PATHS, printDiagnostics, printTables, summarize } from './n8n-report.mjs';
import { formatSize, MIB, parseSize } from './report.mjs';
import { HAVE_CURL, HAVE_TIME } from './runners.mjs';

const GIB = 1024 * MIB;
const DISK_MARGIN = GIB; // one stored file at a time (deleted after each run), plus n8n's DB and slack
const VONAGE_ACCEPT = 'application/vnd.newvoicemedia.v3+json';
const OURS_NODE = 'Download';
const HTTP_NODE = 'HTTP Request';

const argv = process.argv.slice(2);
const arg = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name) => argv.includes(`--${name}`);
const requested = (arg('sizes') ?? process.env.BENCH_SIZES ?? '1MiB,512MiB,2GiB').split(',').filter(Boolean).map(parseSize);
// 1 MiB is the RSS baseline of every path: always measured, first.
const sizes = [...new Set([BASELINE_SIZE, ...requested])].sort((a, b) => a - b);
const repeatArg = arg('repeat') ?? process.env.BENCH_REPEAT;
const repeatFor = (size) => Math.max(1, Number(repeatArg ?? (size >= GIB ? 2 : 3)));

const startedAt = Date.now();
const log = (msg) => process.stderr.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)}s] ${msg}\n`);

function guidFor(size) {
	return size % MIB === 0 ? largeFileGuid(size / MIB) : largeFileGuidBytes(size);
}

function contentUrl(sim, size) {
	return `${sim.url}/interaction-content/interactions/${guidFor(size)}/content/callRecording`;
}

async function fetchToken(sim) {
	const { clientId, clientSecret, tokenUrl } = sim.credentials.vonage;
	const res = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'interaction-content:read' }),
	});
	if (!res.ok) throw new Error(`token request → ${res.status}: ${await res.text()}`);
	return (await res.json()).access_token;
}

function oursWorkflow(size, credential) {
	return chain(`bench: ours ${formatSize(size)}`, [
		manualTrigger(),
		withCredential(
			node(OURS_NODE, `${PACKAGES.vonage}.vonageContactCenter`, {
				resource: 'content',
				operation: 'download',
				guid: guidFor(size),
				contentKey: 'callRecording',
				binaryPropertyName: 'data',
				options: { requestsPerMinute: 0 },
			}),
			'vonageContactCenterApi',
			credential,
		),
	]);
}

function httpWorkflow(size, sim, token) {
	return chain(`bench: HTTP Request ${formatSize(size)}`, [
		manualTrigger(),
		node(
			HTTP_NODE,
			'n8n-nodes-base.httpRequest',
			{
				method: 'GET',
				url: contentUrl(sim, size),
				authentication: 'none',
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: {
					parameters: [
						{ name: 'Accept', value: VONAGE_ACCEPT },
						{ name: 'Authorization', value: `Bearer ${token}` },
					],
				},
				options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
			},
			{ typeVersion: 4.2 },
		),
	]);
}

const tail = (text, n = 1500) => (text.length > n ? `…${text.slice(-n)}` : text).trim();

/** One `n8n execute` of a benchmark workflow: timing, peak RSS, and the stored file checked. */
async function measureN8n(ctx, workflowId, nodeName, size) {
	const r = await runTimed(ctx.bins.node24, [ctx.bins.n8nBin, 'execute', '--id', workflowId, '--rawOutput'], {
		env: n8nEnv(ctx.userFolder, ctx.port),
		sampleRss: true,
	});
	try {
		const run = parseExecuteOutput(r.stdout);
		// n8n 2.41.1 under Node 24 now and then dies of SIGSEGV while shutting down, after it printed
		// the finished execution: the download (checked below) and the peak RSS are still valid.
		const signal = /Command terminated by signal (\d+)/.exec(r.stderr)?.[1];
		const finished = run?.status === 'success' && run?.finished === true;
		if (r.code !== 0 && !(signal && finished)) {
			return { error: `n8n execute exit ${r.code}:\n${tail(`${r.stdout}\n${r.stderr}`)}` };
		}
		const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
		if (!task) return { error: `no run data for "${nodeName}" in the output:\n${tail(r.stdout)}` };
		if (task.executionStatus && task.executionStatus !== 'success') {
			return { error: `"${nodeName}" ended ${task.executionStatus}: ${JSON.stringify(task.error ?? {}).slice(0, 500)}` };
		}
		const binary = task.data?.main?.[0]?.[0]?.binary?.data;
		const file = await storedFilePath(ctx.userFolder, binary?.id);
		if (!file) return { error: `the output binary is not a file in the filesystem store: ${JSON.stringify(binary)?.slice(0, 300)}` };
		const stored = await sha256OfFile(file);
		if (binary.bytes !== undefined && binary.bytes !== stored.bytes) {
			return { error: `binary.bytes says ${binary.bytes}, the stored file has ${stored.bytes}` };
		}
		return {
			...stored,
			// executionTime is whole milliseconds: 1 ms floor so a tiny file never divides by 0.
			downloadSeconds: Math.max(task.executionTime, 1) / 1000,
			wallSeconds: r.wallSeconds,
			maxRssMiB: r.maxRssMiB,
			rss: rssAroundDownload(r.samples, task.startTime, task.executionTime),
			crashedAtExit: r.code !== 0 ? `signal ${signal}` : undefined,
		};
	} finally {
		await clearBinaryStore(ctx.userFolder);
		await syncDisks(); // no writeback of this file left to slow the next run
	}
}

async function measureCurl(ctx, size) {
	const file = join(ctx.curlDir, 'download.wav');
	const r = await runTimed('curl', [
		'-sS', '--fail', '-o', file,
		'-H', `Accept: ${VONAGE_ACCEPT}`,
		'-H', `Authorization: Bearer ${ctx.token}`,
		'-w', '%{http_code} %{size_download} %{time_total}',
		contentUrl(ctx.sim, size),
	]);
	try {
		if (r.code !== 0) return { error: `curl exit ${r.code}: ${tail(r.stderr, 500)}` };
		const [status, received, total] = r.stdout.trim().split(' ');
		if (status !== '200') return { error: `curl got HTTP ${status}` };
		const stored = await sha256OfFile(file);
		if (Number(received) !== stored.bytes) return { error: `curl reported ${received} bytes, the file has ${stored.bytes}` };
		return { ...stored, downloadSeconds: Number(total), wallSeconds: r.wallSeconds, maxRssMiB: r.maxRssMiB };
	} finally {
		rmSync(file, { force: true });
		await syncDisks();
	}
}

const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

async function printHeader(ctx) {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const n8nDir = join(ctx.bins.n8nBin, '..', '..');
	const gitHead = await capture('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']);
	const dirty = (await capture('git', ['-C', REPO, 'status', '--porcelain', '--', 'nodes', 'credentials']))?.split('\n').filter(Boolean).length ?? 0;
	console.log('# Download benchmark in a real n8n: Vonage Content → Download vs HTTP Request node vs curl\n');
	console.log(`- date: ${new Date(startedAt).toISOString()}`);
	console.log(`- n8n ${version(n8nDir)} (\`n8n execute\`, binary data mode filesystem) under Node ${await capture(ctx.bins.node24, ['--version'])}; ${PACKAGES.vonage} ${ctx.packageVersion} (git ${gitHead ?? '?'}${dirty ? `, ${dirty} uncommitted file(s) in nodes/ credentials/` : ''}), assembled, published to a local npm registry and npm-installed into the user folder`);
	console.log(`- machine: ${os.type()} ${os.release()} ${os.arch()}, nproc ${os.availableParallelism()} (${cpu}), ${(os.totalmem() / GIB).toFixed(1)} GiB RAM, shared; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
	console.log(`- curl: ${HAVE_CURL ? (await capture('curl', ['--version']))?.split('\n')[0] : 'not installed (curl rows skipped)'}; peak RSS from GNU time -v`);
	console.log(`- simulator: test/simulator (in the orchestrating process, Node ${process.version}) on 127.0.0.1; user folder ${ctx.userFolder} (${((await freeBytes(ctx.tmpRoot)) / GIB).toFixed(1)} GiB free)`);
	if (process.env.BENCH_N8N_NODE_OPTIONS) console.log(`- **n8n runs with NODE_OPTIONS=${process.env.BENCH_N8N_NODE_OPTIONS}** (BENCH_N8N_NODE_OPTIONS: a what-if run, not the default)`);
	console.log(`- sizes: ${sizes.map((s) => `${formatSize(s)} ×${repeatFor(s)}`).join(', ')} per path; paths interleaved, order rotated each round; one untimed warm-up \`n8n execute\` first`);
}

async function setUp(ctx) {
	if (!flag('skip-build')) {
		for (const command of [['n8n-node', 'build'], ['gulp', 'pack']]) {
			log(`npx ${command.join(' ')}`);
			const build = spawnSync('npx', command, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
			if (build.status !== 0) throw new Error(`npx ${command.join(' ')} failed (exit ${build.status}):\n${tail(`${build.stdout}\n${build.stderr}`, 3000)}`);
		}
	}
	ctx.bins = await ensureN8n((line) => log(line));
	ctx.registry = await useRegistry((line) => log(line));
	await npmInstallPackages(ctx.userFolder, ctx.registry.url, ctx.registry.packages);
	ctx.packageVersion = ctx.registry.packages.find((p) => p.name === PACKAGES.vonage).version;
	log(`npm installed ${PACKAGES.vonage}@${ctx.packageVersion} from ${ctx.registry.url} into ${ctx.userFolder}`);

	// The HTTP Request workflows carry one fixed token: it must outlive the whole run.
	ctx.sim = await startSimulator({ tokenTtlSeconds: 24 * 3600 });
	ctx.token = await fetchToken(ctx.sim);
	log(`simulator on ${ctx.sim.url}; hashing the expected files`);
	ctx.expected = new Map(sizes.map((s) => [s, largeFileSha256(s)]));

	ctx.port = await freePort();
	const n8n = await startN8n({ ...ctx.bins, userFolder: ctx.userFolder, port: ctx.port });
	ctx.workflows = new Map();
	try {
		const rest = await restClient(n8n.url);
		const data = vonageCredential(ctx.sim);
		const saved = await rest.call('POST', '/rest/credentials', data);
		const credential = { id: saved.id, name: data.name };
		for (const size of sizes) {
			const ours = await rest.call('POST', '/rest/workflows', oursWorkflow(size, credential));
			const http = await rest.call('POST', '/rest/workflows', httpWorkflow(size, ctx.sim, ctx.token));
			ctx.workflows.set(size, { ours: ours.id, http: http.id });
		}
	} finally {
		await n8n.stop();
	}
	log(`n8n set up (${sizes.length * 2} workflows); server stopped`);
}

async function main() {
	if (!HAVE_TIME) {
		throw new Error('GNU time is needed for the peak RSS: install it (Debian/Ubuntu: apt-get install -y time) so that /usr/bin/time -v works');
	}
	const tmpRoot = mkdtempSync(join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'n8n-real-bench-'));
	const ctx = { tmpRoot, userFolder: join(tmpRoot, 'user'), curlDir: join(tmpRoot, 'curl') };
	mkdirSync(ctx.curlDir, { recursive: true });
	const rows = [];
	const failures = [];
	const notes = [];
	const loads = [];
	let allPass = false;
	try {
		await setUp(ctx);
		await printHeader(ctx);

		const warm = await measureN8n(ctx, ctx.workflows.get(BASELINE_SIZE).ours, OURS_NODE, BASELINE_SIZE);
		if (warm.error) throw new Error(`the warm-up run failed: ${warm.error}`);
		log(`warm-up done (n8n process ${warm.wallSeconds.toFixed(1)} s)`);
		if (process.env.BENCH_SIM_FAULTS) {
			// Self-check of the verification, e.g. '[{"vendor":"vonage","fault":"short","times":1000}]'.
			ctx.sim.setFaults(JSON.parse(process.env.BENCH_SIM_FAULTS));
			notes.push(`simulator faults on (BENCH_SIM_FAULTS=${process.env.BENCH_SIM_FAULTS}): a self-check, not a measurement.`);
		}

		const paths = ['ours', 'http', ...(HAVE_CURL ? ['curl'] : [])];
		if (!HAVE_CURL) notes.push('curl is not installed: its rows are skipped.');
		const samplesBySize = new Map();
		for (const size of sizes) {
			const label = formatSize(size);
			const repeat = repeatFor(size);
			const samples = Object.fromEntries(paths.map((k) => [k, []]));
			samplesBySize.set(size, samples);
			let skipped = false;
			for (let round = 1; round <= repeat && !skipped; round++) {
				const order = paths.map((_, i) => paths[(i + round - 1) % paths.length]);
				for (const key of order) {
					const free = await freeBytes(tmpRoot);
					if (free < size + DISK_MARGIN) {
						notes.push(`${label}: stopped at round ${round}: needs ${((size + DISK_MARGIN) / MIB).toFixed(0)} MiB free in ${tmpRoot}, ${(free / MIB).toFixed(0)} MiB available.`);
						log(notes.at(-1));
						skipped = true;
						break;
					}
					const load = os.loadavg()[0];
					loads.push(load);
					const r =
						key === 'curl'
							? await measureCurl(ctx, size)
							: await measureN8n(ctx, ctx.workflows.get(size)[key], key === 'ours' ? OURS_NODE : HTTP_NODE, size);
					const sha256 = ctx.expected.get(size);
					if (!r.error && r.bytes !== size) r.error = `stored ${r.bytes} bytes, expected ${size}`;
					if (!r.error && r.sha256 !== sha256) r.error = `stored sha256 ${r.sha256} ≠ expected ${sha256}`;
					if (!r.error && !Number.isFinite(r.maxRssMiB)) r.error = 'GNU time reported no maximum resident set size';
					if (r.error) {
						failures.push(`${label} ${N8N_PATHS[key]} (round ${round}): ${r.error}`);
						log(`FAILED: ${failures.at(-1)}`);
					} else {
						log(
							`${label} | ${key} | round ${round}/${repeat}: ${(size / MIB / r.downloadSeconds).toFixed(1)} MB/s (${r.downloadSeconds.toFixed(2)} s), max RSS ${r.maxRssMiB.toFixed(1)} MB, process ${r.wallSeconds.toFixed(1)} s, load ${load.toFixed(2)}`,
						);
					}
					if (r.crashedAtExit) {
						notes.push(`${label} ${N8N_PATHS[key]} (round ${round}): n8n printed the finished, successful execution, then died (${r.crashedAtExit}) while shutting down; the run is counted (download verified).`);
						log(notes.at(-1));
					}
					samples[key].push(r);
				}
			}
		}
		const baseline = Object.fromEntries(
			paths.map((k) => {
				const base = samplesBySize.get(BASELINE_SIZE)[k].filter((s) => !s.error);
				return [k, base.length ? median(base.map((s) => s.maxRssMiB)) : undefined];
			}),
		);
		for (const size of sizes) for (const k of paths) rows.push(summarize(size, k, samplesBySize.get(size)[k], baseline[k]));

		allPass = printTables(rows, sizes);
		printDiagnostics(rows);
		const baselineText = paths.map((k) => `${k} ${baseline[k]?.toFixed(1) ?? 'n/a'} MB`).join(', ');
		console.log(`
Notes: MB = 2^20 bytes. MB/s = file size / the node's executionTime in the execution data
(ms resolution; for ours it includes the OAuth token POST, the HTTP Request node got a token fetched
beforehand); curl: its time_total. Peak RSS growth = max RSS of the run (GNU time -v: the largest of
n8n and its child processes, i.e. the n8n main process) − the median max RSS of the same path at
1 MiB (${baselineText}); that baseline already holds what a 1 MiB download adds inside the process, so
"Inside the n8n process" (Δ from the RSS when the node started) shows the whole in-run growth.
The process wall time includes n8n's boot and shutdown.
Load average (1 min) at the runs: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${os.availableParallelism()} cores (shared machine).
${failures.length ? 'SOME DOWNLOADS WERE WRONG (listed below); their rows say FAILED.' : 'Every download verified: size and sha256 of the stored file equal the served bytes.'}
Overall vs targets (sizes above 1 MiB): ${allPass ? 'PASS' : 'MISS'}`);
		for (const note of notes) console.log(`- ${note}`);
	} finally {
		await ctx.sim?.close();
		await ctx.registry?.stop();
		if (flag('keep')) log(`kept ${tmpRoot}`);
		else rmSync(tmpRoot, { recursive: true, force: true });
	}

	const script = relative(process.cwd(), join(REPO, 'test', 'bench', 'run-n8n-bench.mjs'));
	const sizeArg = requested.map((s) => formatSize(s).replace(' ', '')).join(',');
	const repeatText = repeatArg ? ` --repeat=${repeatArg}` : '';
	const envText = process.env.BENCH_N8N_NODE_OPTIONS ? `BENCH_N8N_NODE_OPTIONS='${process.env.BENCH_N8N_NODE_OPTIONS}' ` : '';
	console.log(`\nReproduce (from ${process.cwd() === REPO ? 'the package root' : process.cwd()}): ${envText}node ${script} --sizes=${sizeArg}${repeatText}`);
	console.log(`Total run time: ${((Date.now() - startedAt) / 1000).toFixed(0)} s (setup included)`);
	if (failures.length) {
		console.error(`\n${failures.length} download(s) were wrong:\n${failures.map((f) => `- ${f}`).join('\n')}`);
		process.exit(1);
	}
	process.exit(0);
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exit(1);
});
