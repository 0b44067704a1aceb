#!/usr/bin/env node
/**
 * Download benchmark: Vonage Contact Center "Content → Download" vs n8n's binary-store ceiling
 * vs curl, same loopback server, same files, one run.
 *
 *   node test/bench/run-download-bench.mjs [--sizes=1MiB,512MiB,2GiB] [--repeat=3]
 *   (or BENCH_SIZES / BENCH_REPEAT; BENCH_TMPDIR picks the disk) — quick: --sizes=1MiB,64MiB
 *
 * Every measurement runs in a fresh child process, so "peak RSS growth" is that process's own
 * peak during the download minus its RSS just before it (see child-common.ts); the file server
 * is a process of its own. Each download is checked (size + sha256 of what was stored against
 * the served bytes) and a wrong one fails the run (exit 1). PASS/MISS lines are informational.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';

import { expectedSha256 } from './file-bytes.mjs';
import { formatSize, MIB, parseSize, PATHS, printTables, summarize } from './report.mjs';
import {
	BENCH_DIR, bundleChildren, contentUrl, curlRun, HAVE_CURL, HAVE_TIME, measureCurl,
	measureInChild, measureNode, REPO, run, startServer, WARMUP_SIZE,
} from './runners.mjs';

const DISK_MARGIN = 256 * MIB; // one stored file at a time, plus slack

const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = (arg('sizes') ?? process.env.BENCH_SIZES ?? '1MiB,512MiB,2GiB').split(',').filter(Boolean).map(parseSize);
const repeat = Math.max(1, Number(arg('repeat') ?? process.env.BENCH_REPEAT ?? 3));

function freeBytes(dir) {
	// POSIX df: 1024-byte blocks, "Available" is the 4th column of the 2nd line.
	const available = run('df', ['-Pk', dir])?.split('\n')[1]?.trim().split(/\s+/)[3];
	return available === undefined ? Infinity : Number(available) * 1024;
}

const version = (pkg) => JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function printHeader(tmpRoot) {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	console.log('# Download benchmark: Vonage Contact Center Content → Download\n');
	console.log(`- date: ${new Date().toISOString()}`);
	console.log(`- node ${process.version}, n8n-core ${version('n8n-core')}, n8n-workflow ${version('n8n-workflow')}`);
	console.log(`- machine: ${os.type()} ${os.release()} ${os.arch()}, nproc ${os.availableParallelism()} (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`);
	console.log(`- curl: ${HAVE_CURL ? run('curl', ['--version']).split('\n')[0] : 'not installed (curl rows skipped)'}`);
	console.log(`- temp dir: ${tmpRoot} (${(freeBytes(tmpRoot) / 1024 ** 3).toFixed(1)} GiB free)`);
	console.log(`- sizes: ${sizes.map(formatSize).join(', ')}; ${repeat} run(s) per size and path, paths interleaved`);
}

async function main() {
	const startedAt = Date.now();
	const tmpRoot = mkdtempSync(join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'n8n-download-bench-'));
	const ctx = { bundleDir: join(tmpRoot, 'bundle') };
	const rows = [];
	const failures = [];
	const notes = [];
	printHeader(tmpRoot);

	let server;
	try {
		await bundleChildren(ctx.bundleDir);
		({ server, token: ctx.token, baseUrl: ctx.baseUrl } = await startServer());
		if (HAVE_CURL && HAVE_TIME) {
			ctx.curlBaseRssMiB = curlRun(contentUrl(ctx.baseUrl, 1024), join(tmpRoot, 'curl-base'), ctx.token).maxRssMiB;
		} else if (HAVE_CURL) {
			notes.push('/usr/bin/time is not available: curl peak RSS is not measured (n/a).');
		}

		const paths = {
			node: measureNode,
			store: (size, c, dir) => measureInChild('measure-store.js', size, c, dir),
			...(HAVE_CURL ? { curl: measureCurl } : {}),
		};

		for (const size of sizes) {
			const label = formatSize(size);
			const free = freeBytes(tmpRoot);
			if (free < size + DISK_MARGIN) {
				notes.push(`${label}: SKIPPED, needs ${((size + DISK_MARGIN) / MIB).toFixed(0)} MiB free in ${tmpRoot}, only ${(free / MIB).toFixed(0)} MiB available.`);
				console.error(notes.at(-1));
				continue;
			}
			const sha256 = expectedSha256(size);
			const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
			// Rounds interleave the paths so drift on a shared machine hits all of them alike.
			for (let round = 1; round <= repeat; round++) {
				for (const [key, measure] of Object.entries(paths)) {
					process.stderr.write(`${label} | ${PATHS[key]} | run ${round}/${repeat}: `);
					const workDir = mkdtempSync(join(tmpRoot, `${key}-`));
					let r;
					try {
						r = await measure(size, ctx, workDir);
					} finally {
						rmSync(workDir, { recursive: true, force: true }); // 2 GiB files must not pile up
						spawnSync('sync'); // no writeback of this file left to slow the next one
					}
					if (!r.error && r.bytes !== size) r.error = `stored ${r.bytes} bytes, expected ${size}`;
					if (!r.error && r.sha256 !== sha256) r.error = `stored sha256 ${r.sha256} ≠ expected ${sha256}`;
					if (r.error) {
						failures.push(`${label} ${PATHS[key]} (run ${round}): ${r.error}`);
						console.error(`\nFAILED: ${failures.at(-1)}\n`);
					}
					process.stderr.write(
						r.error ? 'FAILED\n' : `${(size / MIB / r.seconds).toFixed(1)} MB/s, RSS growth ${r.growthMiB?.toFixed(1) ?? 'n/a'} MB\n`,
					);
					if (r.peakSource === 'sampled') notes.push(`${label} ${key}: VmHWM reset refused, peak from 20 ms rss samples.`);
					samples[key].push(r);
				}
			}
			for (const [key, list] of Object.entries(samples)) rows.push(summarize(size, key, list));
		}
	} finally {
		server?.kill('SIGTERM');
		rmSync(tmpRoot, { recursive: true, force: true });
	}

	printTables(rows, sizes, repeat);
	console.log(`
Notes: MB = 2^20 bytes. Peak RSS growth = the measuring process's VmHWM after the download minus its
VmRSS just before (high-water mark reset via /proc/self/clear_refs), after a ${formatSize(WARMUP_SIZE)} warm-up
download in the same process. The node's time includes its token POST and the engine run. curl: its
time_total; RSS growth = curl's max RSS (GNU time -v) minus its max RSS for a 1 KiB download.
${failures.length ? 'SOME DOWNLOADS WERE WRONG (listed below); their rows say FAILED.' : 'Every download verified: size and sha256 of the stored file equal the served bytes.'}`);
	for (const note of notes) console.log(`- ${note}`);

	const script = relative(process.cwd(), join(BENCH_DIR, 'run-download-bench.mjs'));
	const sizeArg = sizes.map((s) => formatSize(s).replace(' ', '')).join(',');
	console.log(`\nReproduce (from ${process.cwd() === REPO ? 'the package root' : process.cwd()}): node ${script} --sizes=${sizeArg} --repeat=${repeat}`);
	console.log(`Total run time: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

	if (failures.length) {
		console.error(`\n${failures.length} download(s) were wrong:\n${failures.map((f) => `- ${f}`).join('\n')}`);
		process.exit(1);
	}
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exit(1);
});
