/**
 * The services n8n's queue mode needs, started on free loopback ports for one test run and
 * stopped with it: Redis (the job queue) and PostgreSQL (the database main and workers share;
 * n8n does not support queue mode on SQLite). Binaries come from ensure-queue-services.sh.
 */
import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, REPO, startN8n, startWorker } from './n8nInstance.mjs';
import { startServerProcess } from './serverProcess.mjs';

const run = promisify(execFile);

export async function ensureQueueServices(log = () => {}) {
	const { stdout, stderr } = await run('bash', [join(REPO, 'test/e2e/ensure-queue-services.sh')], { maxBuffer: 16 * 1024 * 1024 });
	if (stderr.trim()) log(stderr.trim().split('\n').at(-1));
	return Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=')));
}

/** Redis and PostgreSQL log a lot less than n8n: the tail is enough to say why one did not start. */
function startServer(name, command, args, ready) {
	return startServerProcess(name, command, args, { env: process.env, ready, maxOutput: 20_000 });
}

export async function startRedis(redisServer) {
	const port = await freePort();
	const server = await startServer(
		'redis-server',
		redisServer,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		/Ready to accept connections/,
	);
	return { ...server, host: '127.0.0.1', port };
}

/**
 * A throw-away PostgreSQL cluster in a temp folder (trust auth on loopback only, fsync off: test
 * data). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(pgBin) {
	const root = await mkdtemp(join(tmpdir(), 'n8n-queue-pg-'));
	const dataDir = join(root, 'data');
	await mkdir(dataDir);
	const asRoot = userInfo().uid === 0;
	const wrap = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
	if (asRoot) {
		const { stdout } = await run('id', ['-u', 'postgres']);
		const { stdout: gid } = await run('id', ['-g', 'postgres']);
		await chown(root, Number(stdout), Number(gid));
		await chown(dataDir, Number(stdout), Number(gid));
	}
	await run(...wrap(join(pgBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']));
	const port = await freePort();
	const server = await startServer(
		'postgres',
		...wrap(join(pgBin, 'postgres'), [
			'-D', dataDir, '-p', String(port), '-k', root,
			'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
		]),
		/database system is ready to accept connections/,
	);
	await run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE DATABASE n8n']);
	return {
		...server,
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'postgres',
		async stop() {
			await server.stop();
			await rm(root, { recursive: true, force: true });
		},
	};
}

/** The environment that puts an n8n process (main or worker) into queue mode on these services. */
export function queueModeEnv({ redis, postgres, extra = {} }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		...extra,
	};
}

/**
 * A queue-mode n8n on fresh services: PostgreSQL, Redis, `n8n start` (main) and one `n8n worker`
 * on the same user folder. Manual runs are offloaded to the worker, so a workflow started
 * through the REST API runs where production executions run. `stop()` takes it all down.
 */
export async function startQueueMode({ bins, userFolder, port, services, env: extraEnv = {}, concurrency = 5, workers: workerCount = 1, log = () => {} }) {
	const [postgres, redis] = await Promise.all([startPostgres(services.PG_BIN), startRedis(services.REDIS_SERVER)]);
	log(`PostgreSQL on 127.0.0.1:${postgres.port}, Redis on 127.0.0.1:${redis.port}`);
	const env = queueModeEnv({ redis, postgres, extra: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true', ...extraEnv } });
	let main;
	const workers = [];
	try {
		main = await startN8n({ ...bins, userFolder, port, env });
		for (let i = 0; i < workerCount; i++) {
			// Each worker's task-runner broker needs ports of its own.
			const workerPort = i === 0 ? port : await freePort();
			workers.push(await startWorker({ ...bins, userFolder, port: workerPort, env, concurrency }));
		}
	} catch (error) {
		await Promise.all(workers.map((w) => w.stop()));
		await main?.stop();
		await Promise.all([postgres.stop(), redis.stop()]);
		throw error;
	}
	const [worker] = workers;
	// The execution data n8n stores is `flatted` JSON: read it with n8n's own copy.
	const { parse: parseFlatted } = createRequire(join(dirname(bins.n8nBin), '..', 'package.json'))('flatted');
	return {
		main,
		worker,
		workers,
		postgres,
		redis,
		parseFlatted,
		/** The worker's own log says it took this execution (every job, whatever its outcome). */
		workerRan: (executionId) => workers.some((w) => w.output().includes(`Worker started execution ${executionId} (job`)),
		workerRssMiB: () => rssMiB(worker.pid),
		async stop() {
			await Promise.all(workers.map((w) => w.stop()));
			await main?.stop();
			await Promise.all([postgres.stop(), redis.stop()]);
		},
	};
}

/** VmHWM is a process's peak RSS since start; writing 5 to clear_refs resets it (Linux ≥ 4.0). */
export async function resetPeakRss(pid) {
	return await writeFile(`/proc/${pid}/clear_refs`, '5').then(() => true, () => false);
}

export async function rssMiB(pid, field = 'VmRSS') {
	const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) / 1024;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a saved workflow through the REST API (offloaded to the worker) and waits for its end. */
export async function runOnWorker(queue, rest, workflowId, triggerName, timeoutMs = 10 * 60_000) {
	const { executionId } = await rest.call('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await rest.call('GET', `/rest/executions/${executionId}`);
		if (execution?.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution?.status)) {
			const data = typeof execution.data === 'string' ? queue.parseFlatted(execution.data) : execution.data;
			return { executionId, status: execution.status, data };
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${execution?.status} after ${timeoutMs / 1000} s`);
		await sleep(500);
	}
}

/** A finished execution as the shared judge wants it: `run.data` = execution data, errors as text. */
export function executionOutcome(result) {
	const resultData = result.data?.resultData ?? {};
	const nodeErrors = Object.values(resultData.runData ?? {})
		.flat()
		.map((task) => task?.error)
		.filter(Boolean);
	// Plain text, as a user reads it in the editor: each error's message and description.
	const errorText = [resultData.error, ...nodeErrors]
		.filter(Boolean)
		.flatMap((e) => [e.message, e.description])
		.filter(Boolean)
		.join('\n');
	return { ok: result.status === 'success', run: { data: result.data }, errorText: `execution ${result.status}\n${errorText}` };
}
