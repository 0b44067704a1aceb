#!/usr/bin/env node
/**
 * What a recording costs in memory on n8n 1.x, where binary data stays in memory unless the
 * instance says otherwise: one large Vonage "Content → Download" in a real n8n 1.x, run by
 * `n8n execute` once with N8N_DEFAULT_BINARY_DATA_MODE=default (1.x's default) and once with
 * `filesystem`, peak RSS side by side.
 *
 *   node test/bench/run-n8n1-memory.mjs [--size=256MiB] [--n8n-version=1.123.80] [--repeat=3]
 *
 * Setup: the packages (dist-packages/, `npx gulp pack`) published to a local npm registry and
 * `npm install`ed into a fresh n8n user folder, the vendor simulator in this process, one
 * credential and one workflow (Manual Trigger → Download) created through n8n's REST API.
 * Each run is one `n8n execute --id` under GNU `time -v`, its RSS sampled every 100 ms:
 * - "while downloading" = RSS when the node started → highest sample while it ran (n8n's own
 *   runData startTime/executionTime), the node's share;
 * - "process peak" = GNU time's max RSS of the whole `n8n execute` (boot, the download, and
 *   printing the run, which in `default` mode holds the file as base64 in its output too).
 * Every download is verified: the served size and sha256, from the filesystem store or from the
 * base64 data n8n kept in the execution.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { npmInstallPackages, useRegistry } from '../e2e/localRegistry.mjs';
import { ensureN8n, freePort, restClient, startN8n } from '../e2e/n8nInstance.mjs';
import { chain, manualTrigger, node, PACKAGES, withCredential } from '../e2e/workflows/build.mjs';
import { vonageCredential } from '../e2e/workflows/vonage.mjs';
import { largeFileGuidBytes, largeFileSha256, startSimulator } from '../simulator/index.mjs';
import { clearBinaryStore, n8nEnv, parseExecuteOutput, rssAroundDownload, runTimed, sha256OfFile, storedFilePath } from './n8n-exec.mjs';
import { formatSize, MIB, parseSize } from './report.mjs';
import { HAVE_TIME } from './runners.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const size = parseSize(arg('size', '256MiB'));
const n8nVersion = arg('n8n-version', '1.123.80');
const repeat = Number(arg('repeat', '3'));
const MODES = ['default', 'filesystem'];
const NODE = 'Download';

const startedAt = Date.now();
const log = (msg) => process.stderr.write(`[bench-1x ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(5)}s] ${msg}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function verify(userFolder, binary) {
	if (binary?.id) return await sha256OfFile(await storedFilePath(userFolder, binary.id));
	if (typeof binary?.data !== 'string') throw new Error(`no binary in the run data: ${JSON.stringify(binary)?.slice(0, 200)}`);
	const bytes = Buffer.from(binary.data, 'base64');
	return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function main() {
	if (!HAVE_TIME) throw new Error('GNU time is needed for the peak RSS (Debian: apt-get install -y time)');
	const tmp = mkdtempSync(join(os.tmpdir(), 'n8n1-memory-'));
	const userFolder = join(tmp, 'user');
	const bins = await ensureN8n(log, n8nVersion);
	const registry = await useRegistry(log);
	const sim = await startSimulator({ tokenTtlSeconds: 24 * 3600 });
	const rows = [];
	const nodeVersion = execFileSync(bins.node24, ['--version']).toString().trim();
	try {
		await npmInstallPackages(userFolder, registry.url, registry.packages);
		const port = await freePort();
		const n8n = await startN8n({ ...bins, userFolder, port });
		let workflowId;
		try {
			const rest = await restClient(n8n.url);
			const data = vonageCredential(sim);
			const saved = await rest.call('POST', '/rest/credentials', data);
			const download = node(NODE, `${PACKAGES.vonage}.vonageContactCenter`, {
				resource: 'content',
				operation: 'download',
				guid: largeFileGuidBytes(size),
				contentKey: 'callRecording',
				binaryPropertyName: 'data',
				options: { requestsPerMinute: 0 },
			});
			const workflow = chain(`1.x memory: ${formatSize(size)}`, [manualTrigger(), withCredential(download, 'vonageContactCenterApi', { id: saved.id, name: data.name })]);
			workflowId = (await rest.call('POST', '/rest/workflows', workflow)).id;
		} finally {
			await n8n.stop();
		}
		const expected = largeFileSha256(size);
		for (let round = 1; round <= repeat; round++) {
			for (const mode of round % 2 ? MODES : [...MODES].reverse()) {
				const env = { ...n8nEnv(userFolder, port), N8N_DEFAULT_BINARY_DATA_MODE: mode };
				// In `default` mode the run's output carries the file as base64: into a file, not a pipe.
				const outFile = join(tmp, 'execute.out');
				const fd = openSync(outFile, 'w');
				const r = await runTimed(bins.node24, [bins.n8nBin, 'execute', '--id', workflowId, '--rawOutput'], { env, sampleRss: true, stdoutFd: fd });
				closeSync(fd);
				r.stdout = readFileSync(outFile, 'utf8');
				rmSync(outFile);
				const run = parseExecuteOutput(r.stdout);
				const task = run?.data?.resultData?.runData?.[NODE]?.[0];
				if (!task || task.executionStatus === 'error') {
					const dump = join(os.tmpdir(), `n8n1-memory-${mode}.out`);
					writeFileSync(dump, `${r.stdout}\n--- stderr ---\n${r.stderr}`);
					throw new Error(`${mode}: no successful run of "${NODE}" in the output (exit ${r.code}; kept in ${dump}): ${r.stderr.slice(-600)}`);
				}
				const binary = task.data.main[0][0].binary.data;
				const file = await verify(userFolder, binary);
				if (file.bytes !== size || file.sha256 !== expected) throw new Error(`${mode}: stored ${file.bytes} bytes (sha256 ${file.sha256}), expected ${size} (${expected})`);
				const rss = rssAroundDownload(r.samples, task.startTime, task.executionTime);
				rows.push({ mode, round, seconds: task.executionTime / 1000, atStart: rss?.rssAtStartMiB, peakDuring: rss?.peakDuringMiB, processPeak: r.maxRssMiB, stored: binary.id ? 'filesystem store' : 'in the execution (base64)' });
				log(`${mode} round ${round}: ${(task.executionTime / 1000).toFixed(1)} s, RSS ${rss?.rssAtStartMiB?.toFixed(0)} → ${rss?.peakDuringMiB?.toFixed(0)} MiB while downloading, process peak ${r.maxRssMiB?.toFixed(0)} MiB`);
				await clearBinaryStore(userFolder);
			}
		}
	} finally {
		await sim.close();
		await registry.stop();
		rmSync(tmp, { recursive: true, force: true });
	}

	console.log(`# One ${formatSize(size)} recording on n8n ${n8nVersion}: binary data mode default vs filesystem\n`);
	console.log(`${new Date(startedAt).toISOString()}; n8n under Node ${nodeVersion}; ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}; medians of ${repeat} runs per mode\n`);
	console.log('| N8N_DEFAULT_BINARY_DATA_MODE | file kept | node time s | RSS at node start MiB | peak while downloading MiB | growth MiB | `n8n execute` process peak MiB |');
	console.log('|---|---|---:|---:|---:|---:|---:|');
	for (const mode of MODES) {
		const mine = rows.filter((r) => r.mode === mode);
		const m = (field) => median(mine.map((r) => r[field]));
		console.log(`| ${mode} | ${mine[0].stored} | ${m('seconds').toFixed(1)} | ${m('atStart').toFixed(0)} | ${m('peakDuring').toFixed(0)} | +${(m('peakDuring') - m('atStart')).toFixed(0)} | ${m('processPeak').toFixed(0)} |`);
	}
	console.log(`\nEvery download verified (size and sha256). Reproduce: node test/bench/run-n8n1-memory.mjs --size=${formatSize(size).replace(' ', '')} --n8n-version=${n8nVersion} --repeat=${repeat}`);
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exit(1);
});
