/**
 * How the orchestrator starts things: the TypeScript children (bundled with esbuild), the file
 * server, and curl. Each measurement is its own process, so its peak RSS is its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { guidForSize, VONAGE_ACCEPT } from './file-bytes.mjs';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO = join(BENCH_DIR, '..', '..');
export const WARMUP_SIZE = 64 * 1024;

/** stdout of a command, or undefined when it fails or is missing. */
export function run(cmd, args) {
	const r = spawnSync(cmd, args, { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

export const HAVE_CURL = run('curl', ['--version']) !== undefined;
export const HAVE_TIME = existsSync('/usr/bin/time') && run('/usr/bin/time', ['-v', 'true']) !== undefined;

/**
 * Compiles each TypeScript child (with the node, credential and harness it imports) into one
 * CommonJS file. CJS matters: there `n8n-workflow` resolves to its CJS build, the very copy
 * n8n-core requires, which is what vitest.config.mts's alias arranges for the tests. Plain
 * `node` then runs the bundle: no TS runner or dev server in the measured process.
 */
export async function bundleChildren(outdir) {
	const { build } = await import('esbuild'); // ships with vitest (via vite)
	await build({
		entryPoints: [join(BENCH_DIR, 'measure-node.ts'), join(BENCH_DIR, 'measure-store.ts')],
		outdir,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external', // n8n-core, n8n-workflow, @n8n/di load from node_modules, as in n8n
		sourcemap: 'inline', // stack traces point at nodes/*.ts
		// The bundle lives in a temp dir; the harness reads the package manifests next to its source.
		define: { __dirname: JSON.stringify(join(REPO, 'test', 'harness')) },
		logLevel: 'warning',
	});
}

export async function startServer() {
	const server = spawn(process.execPath, [join(BENCH_DIR, 'file-server.mjs')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	process.on('exit', () => server.kill('SIGTERM'));
	const firstLine = await new Promise((resolve, reject) => {
		createInterface({ input: server.stdout }).once('line', resolve);
		server.once('exit', (code) => reject(new Error(`file server exited (${code})`)));
	});
	const { port, token } = JSON.parse(firstLine);
	return { server, token, baseUrl: `http://127.0.0.1:${port}` };
}

export async function serverStats(baseUrl) {
	return await (await fetch(`${baseUrl}/stats`)).json();
}

export function contentUrl(baseUrl, size) {
	return `${baseUrl}/interaction-content/interactions/${guidForSize(size)}/content/callRecording`;
}

/** Runs a bundled child; resolves with its BENCH_RESULT line, or { error } with its stderr. */
function runChildProcess(script, env) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', script], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('close', (code) => {
			const line = stdout.split('\n').reverse().find((l) => l.startsWith('BENCH_RESULT '));
			if (code === 0 && line) resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
			else resolve({ error: `exit ${code}\n${stderr.trim() || stdout.trim()}` });
		});
	});
}

/** measure-node.js or measure-store.js → { seconds, growthMiB, bytes, sha256, ... } */
export async function measureInChild(script, size, ctx, workDir) {
	const r = await runChildProcess(join(ctx.bundleDir, script), {
		NODE_PATH: join(REPO, 'node_modules'), // the bundles live in a temp dir
		BENCH_BASE_URL: ctx.baseUrl,
		BENCH_GUID: guidForSize(size),
		BENCH_WARMUP_GUID: guidForSize(WARMUP_SIZE),
		BENCH_ACCEPT: VONAGE_ACCEPT,
		// What test/harness/setup-env.ts sets under vitest: n8n's config and the binary store go
		// to this measurement's own temp dir, which the orchestrator deletes right after.
		N8N_USER_FOLDER: workDir,
		N8N_TEST_WORKER_DIR: workDir,
		N8N_LOG_LEVEL: 'silent',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	});
	return r.error ? r : { ...r, growthMiB: r.peakGrowthMiB };
}

export async function measureNode(size, ctx, workDir) {
	const before = await serverStats(ctx.baseUrl);
	const r = await measureInChild('measure-node.js', size, ctx, workDir);
	const after = await serverStats(ctx.baseUrl);
	// Warm-up + measured run, each with a fresh credential: two token POSTs expected.
	if (!r.error && after.tokenRequests - before.tokenRequests < 2) {
		r.error = 'the node never fetched a token from tokenUrl';
	}
	return r;
}

/** One curl download; maxRssMiB from GNU time -v when available. */
export function curlRun(url, file, token) {
	const curlArgs = [
		'-sS', '--fail', '-o', file,
		'-H', `Accept: ${VONAGE_ACCEPT}`,
		'-H', `Authorization: Bearer ${token}`,
		'-w', '%{http_code} %{size_download} %{time_total}',
		url,
	];
	const [cmd, args] = HAVE_TIME ? ['/usr/bin/time', ['-v', 'curl', ...curlArgs]] : ['curl', curlArgs];
	const r = spawnSync(cmd, args, { encoding: 'utf8' });
	if (r.status !== 0) return { error: `curl exit ${r.status}: ${r.stderr.trim().split('\n')[0]}` };
	const seconds = Number(r.stdout.trim().split(' ')[2]);
	const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1];
	return { seconds, maxRssMiB: maxRss ? Number(maxRss) / 1024 : undefined };
}

async function sha256OfFile(file) {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk);
	return hash.digest('hex');
}

export async function measureCurl(size, ctx, workDir) {
	const file = join(workDir, 'download.wav');
	const r = curlRun(contentUrl(ctx.baseUrl, size), file, ctx.token);
	if (r.error) return r;
	const known = r.maxRssMiB !== undefined && ctx.curlBaseRssMiB !== undefined;
	return {
		seconds: r.seconds, // curl's own time_total: no process start-up
		// curl's max RSS minus its max RSS for a 1 KiB download = what the file size adds.
		growthMiB: known ? r.maxRssMiB - ctx.curlBaseRssMiB : undefined,
		bytes: statSync(file).size,
		sha256: await sha256OfFile(file),
	};
}
