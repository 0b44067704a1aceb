/**
 * Process-level helpers for the real-n8n benchmark (run-n8n-bench.mjs): run `n8n execute` and
 * curl under GNU time -v, sample the n8n process's RSS while it runs, read the execution data,
 * find and hash what n8n stored. Everything here is asynchronous on purpose: the vendor
 * simulator serves the downloads from the orchestrator's own event loop, so nothing may block it
 * while a download is running.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';

export const MIB = 1024 * 1024;
const SAMPLE_MS = 100;

/** The environment n8nInstance.mjs gives n8n (its n8nEnv is private), for `n8n execute`. */
export function n8nEnv(userFolder, port) {
	return {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		// What-if runs (e.g. --max-semi-space-size=1): flags for the n8n process only, not for this one.
		...(process.env.BENCH_N8N_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_N8N_NODE_OPTIONS } : {}),
	};
}

/** What GNU time -v printed last (n8n's own stderr comes first in the same stream). */
function parseGnuTime(stderr) {
	const last = (re) => [...stderr.matchAll(re)].at(-1)?.[1];
	const maxRss = last(/Maximum resident set size \(kbytes\): (\d+)/g);
	const exit = last(/Exit status: (\d+)/g);
	return {
		maxRssMiB: maxRss === undefined ? undefined : Number(maxRss) / 1024,
		exitStatus: exit === undefined ? undefined : Number(exit),
	};
}

async function statusOf(pid) {
	const text = await readFile(`/proc/${pid}/status`, 'utf8');
	const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024, anonMiB: kib('RssAnon') / 1024 };
}

/**
 * Samples the RSS of the process GNU time started (its first child), every 100 ms, with
 * wall-clock timestamps so samples line up with n8n's runData startTime. Diagnostics only: the
 * reported peak comes from time -v (wait4's ru_maxrss), which misses nothing.
 */
function startRssSampler(timePid) {
	const samples = [];
	let pid;
	let busy = false;
	const timer = setInterval(async () => {
		if (busy) return;
		busy = true;
		try {
			if (pid === undefined) {
				const children = (await readFile(`/proc/${timePid}/task/${timePid}/children`, 'utf8')).trim();
				if (children) pid = Number(children.split(/\s+/)[0]);
			}
			if (pid !== undefined) samples.push({ t: Date.now(), ...(await statusOf(pid)) });
		} catch {
			// The process is gone (or not there yet): nothing to sample.
		} finally {
			busy = false;
		}
	}, SAMPLE_MS);
	return { samples, stop: () => clearInterval(timer) };
}

/**
 * Runs `cmd args` under `/usr/bin/time -v` in its own process group; resolves with stdout (empty with stdoutFd),
 * stderr's tail, the GNU time numbers, the wall time and (sampleRss) the RSS timeline.
 */
export function runTimed(cmd, args, { env = process.env, timeoutMs = 15 * 60_000, sampleRss = false, stdoutFd } = {}) {
	return new Promise((resolve) => {
		const started = process.hrtime.bigint();
		// stdoutFd: a file instead of a pipe. A process that exits right after printing a large
		// document (n8n 1.x `execute` does) loses what a pipe had not taken yet; a file takes it all.
		const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { env, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'], detached: true });
		const sampler = sampleRss ? startRssSampler(child.pid) : undefined;
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => {
			stderr += d;
			if (stderr.length > 4 * MIB) stderr = stderr.slice(-2 * MIB); // keep the tail: time -v is last
		});
		const timer = setTimeout(() => {
			stderr += `\n[bench] timed out after ${timeoutMs / 1000} s: killed\n`;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}, timeoutMs);
		const killOnExit = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		};
		process.once('exit', killOnExit);
		child.on('close', (code) => {
			clearTimeout(timer);
			sampler?.stop();
			process.removeListener('exit', killOnExit);
			// GNU time's report is the tail of stderr, starting with "Command being timed".
			const cut = stderr.lastIndexOf('\tCommand being timed:');
			resolve({
				code,
				stdout,
				stderr: cut >= 0 ? stderr.slice(0, cut) : stderr,
				wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
				...parseGnuTime(stderr),
				samples: sampler?.samples ?? [],
			});
		});
	});
}

/** The JSON `n8n execute --rawOutput` printed (pretty-printed: from a line "{" to a line "}"). */
export function parseExecuteOutput(stdout) {
	const start = stdout.search(/^\{$/m);
	const ends = [...stdout.matchAll(/^\}$/gm)];
	if (start < 0 || ends.length === 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start, ends.at(-1).index + 1));
	} catch {
		return undefined;
	}
}

/** n8n's filesystem binary store: <user>/.n8n/storage, or the legacy <user>/.n8n/binaryData. */
export function storeDirs(userFolder) {
	return [join(userFolder, '.n8n', 'storage'), join(userFolder, '.n8n', 'binaryData')];
}

/** Path of a stored binary from its id ("filesystem-v2:workflows/…/binary_data/<uuid>"). */
export async function storedFilePath(userFolder, binaryId) {
	const [mode, fileId] = String(binaryId ?? '').split(':');
	if (!fileId || !mode.startsWith('filesystem')) return undefined;
	for (const dir of storeDirs(userFolder)) {
		const file = join(dir, fileId);
		if (await stat(file).then(() => true, () => false)) return file;
	}
	return undefined;
}

/** Deletes every stored execution's binaries (the run is verified by then). */
export async function clearBinaryStore(userFolder) {
	for (const dir of storeDirs(userFolder)) {
		const entries = await readdir(dir).catch(() => []);
		// workflows/<id>/executions/<id>/binary_data/…: only that tree, not the rest of storage/.
		if (entries.includes('workflows')) await rm(join(dir, 'workflows'), { recursive: true, force: true });
	}
}

export async function sha256OfFile(file) {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of createReadStream(file, { highWaterMark: MIB })) {
		hash.update(chunk);
		bytes += chunk.length;
	}
	return { bytes, sha256: hash.digest('hex') };
}

export async function freeBytes(dir) {
	const s = await statfs(dir);
	return s.bavail * s.bsize;
}

/** `sync`, without blocking the event loop (the simulator lives on it). */
export function syncDisks() {
	return new Promise((resolve) => spawn('sync', [], { stdio: 'ignore' }).on('close', resolve).on('error', resolve));
}

/** stdout of a short command, or undefined. */
export function capture(cmd, args) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('error', () => resolve(undefined));
		child.on('close', (code) => resolve(code === 0 ? out.trim() : undefined));
	});
}

/**
 * What the RSS timeline says about one n8n run: RSS (and its anonymous part: heap, buffers) just
 * before the node started, at 25/50/75/100 % of its run, the highest sample while it ran and after
 * it, and VmHWM before it started (the boot's peak).
 */
export function rssAroundDownload(samples, startTime, executionTimeMs) {
	if (!samples.length || !Number.isFinite(startTime)) return undefined;
	const end = startTime + executionTimeMs;
	const at = (t) => samples.filter((s) => s.t <= t).at(-1);
	const atStart = at(startTime);
	const during = samples.filter((s) => s.t >= startTime && s.t <= end + SAMPLE_MS);
	const after = samples.filter((s) => s.t > end + SAMPLE_MS);
	const peak = (list, field) => (list.length ? Math.max(...list.map((s) => s[field])) : undefined);
	return {
		rssAtStartMiB: atStart?.rssMiB,
		anonAtStartMiB: atStart?.anonMiB,
		hwmBeforeMiB: atStart?.hwmMiB,
		quarterRssMiB: [0.25, 0.5, 0.75, 1].map((f) => at(startTime + f * executionTimeMs)?.rssMiB),
		peakDuringMiB: peak(during, 'rssMiB'),
		peakAnonDuringMiB: peak(during, 'anonMiB'),
		peakAfterMiB: peak(after, 'rssMiB'),
		hwmLastMiB: samples.at(-1).hwmMiB,
		samplesDuring: during.length,
	};
}
