/**
 * A server process for a test run (n8n, a worker, Redis, PostgreSQL): started, waited for until
 * its log says it is ready, killed if this process exits, stopped with SIGTERM then SIGKILL.
 */
import { spawn } from 'node:child_process';

/**
 * @param ready       text (or RegExp) in its output that means it serves
 * @param maxOutput   characters of output kept (the tail), default all
 */
export async function startServerProcess(name, command, args, { env, ready, timeoutMs = 60_000, stopTimeoutMs = 15_000, maxOutput = Infinity, log = () => {} }) {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	// Whatever happens to this process, the server must not outlive it.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	let output = '';
	const onData = (d) => {
		output += d;
		if (output.length > maxOutput) output = output.slice(-maxOutput);
		for (const line of String(d).split('\n')) if (line.trim()) log(line);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const isReady = () => (typeof ready === 'string' ? output.includes(ready) : ready.test(output));
	const started = Date.now();
	await new Promise((resolve, reject) => {
		const timer = setInterval(() => {
			if (isReady()) {
				clearInterval(timer);
				resolve();
			} else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
				clearInterval(timer);
				reject(new Error(`${name} did not start (exit ${child.exitCode}):\n${output.slice(-3000)}`));
			}
		}, 100);
	});
	return {
		pid: child.pid,
		output: () => output,
		async stop() {
			process.removeListener('exit', killOnExit);
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			const exited = await Promise.race([
				new Promise((r) => child.on('exit', () => r(true))),
				new Promise((r) => setTimeout(() => r(false), stopTimeoutMs)),
			]);
			if (!exited) child.kill('SIGKILL');
		},
	};
}
