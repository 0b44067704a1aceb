/**
 * A real n8n for end-to-end tests and the demo: the pinned version from install-n8n.sh under
 * Node 24, in its own user folder, with this package installed the way "Install community node"
 * does it. Everything listens on 127.0.0.1.
 */
import { execFile, spawn } from 'node:child_process';

import { startServerProcess } from './serverProcess.mjs';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = resolve(import.meta.dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-contact-center';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-password-1',
};

/** Runs install-n8n.sh (cached after the first run) and returns the binaries it reports. */
export async function ensureN8n(log = () => {}, version = undefined) {
	const env = version ? { ...process.env, N8N_VERSION: version } : process.env;
	const child = spawn('bash', [join(REPO, 'test/e2e/install-n8n.sh')], { stdio: ['ignore', 'pipe', 'pipe'], env });
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => log(String(d).trimEnd()));
	const code = await new Promise((r) => child.on('close', r));
	if (code !== 0) throw new Error(`install-n8n.sh failed with exit code ${code}`);
	const vars = Object.fromEntries(out.trim().split('\n').map((l) => l.split('=')));
	return { node24: vars.NODE24, n8nBin: vars.N8N_BIN };
}

export async function freePort() {
	const server = createServer();
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address();
	await new Promise((r) => server.close(r));
	return port;
}

/** `npm pack` of the built package; returns the tarball path. */
export async function packPackage(outDir) {
	await mkdir(outDir, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: REPO });
	return join(outDir, stdout.trim().split('\n').pop());
}

/**
 * What n8n's CommunityPackagesService.downloadPackage does: unpack into
 * <user>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install`
 * with its flags, and record the package in nodes/package.json.
 */
export async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	await rm(packageDir, { recursive: true, force: true });
	await mkdir(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const pkgPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(await readFile(pkgPath, 'utf8'));
	void devDependencies, void peerDependencies, void optionalDependencies;
	await writeFile(pkgPath, JSON.stringify(pkg, null, 2));
	await run(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageDir },
	);
	const hostPath = join(nodesDir, 'package.json');
	const host = existsSync(hostPath)
		? JSON.parse(await readFile(hostPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	host.dependencies = { ...(host.dependencies ?? {}), [PACKAGE_NAME]: pkg.version };
	await writeFile(hostPath, JSON.stringify(host, null, 2));
	return pkg.version;
}

function n8nEnv(userFolder, port, extra = {}) {
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
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

/** Starts `n8n start`; resolves once the editor is up (not just /healthz). */
export async function startN8n(options) {
	return await startN8nProcess({ ...options, command: ['start'], ready: 'Editor is now accessible' });
}

/**
 * Starts `n8n worker` (queue mode) on the same user folder as the main process, so it loads the
 * same community package; resolves once it takes jobs. Its broker needs a port of its own.
 */
export async function startWorker({ concurrency = 10, port, env = {}, ...options }) {
	return await startN8nProcess({
		...options,
		port,
		env: { N8N_RUNNERS_BROKER_PORT: String(port + 2), QUEUE_HEALTH_CHECK_ACTIVE: 'false', ...env },
		command: ['worker', `--concurrency=${concurrency}`],
		ready: 'n8n worker is now ready',
	});
}

async function startN8nProcess({ node24, n8nBin, userFolder, port, env = {}, log = () => {}, command, ready }) {
	const server = await startServerProcess(`n8n ${command[0]}`, node24, [n8nBin, ...command], {
		env: n8nEnv(userFolder, port, env),
		ready,
		timeoutMs: 180_000,
		stopTimeoutMs: 20_000,
		log,
	});
	return { ...server, url: `http://127.0.0.1:${port}` };
}

/** A logged-in REST client (cookie session), owner created on first use. */
export async function restClient(baseUrl) {
	let cookie = '';
	async function call(method, path, body) {
		const res = await fetch(`${baseUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie, 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
		return json?.data ?? json;
	}
	const settings = await call('GET', '/rest/settings');
	if (settings?.userManagement?.showSetupOnFirstLoad !== false) {
		await call('POST', '/rest/owner/setup', OWNER);
	}
	await call('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	return { call, cookie: () => cookie };
}

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON, but log lines can come before and
 * after it: the document is the lines from a bare "{" to the next bare "}".
 */
export function parseExecuteOutput(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) throw new Error(`no run data in the output: ${output.slice(-500)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** `n8n execute --id` in its own process (the server must be stopped: both want port 5679). */
export async function executeWorkflow({ node24, n8nBin, userFolder, port, workflowId }) {
	try {
		const { stdout, stderr } = await run(node24, [n8nBin, 'execute', '--id', workflowId, '--rawOutput'], {
			env: n8nEnv(userFolder, port, { N8N_LOG_LEVEL: 'info', N8N_LOG_OUTPUT: 'console' }),
			maxBuffer: 64 * 1024 * 1024,
			timeout: 300_000,
		});
		return { ok: true, output: stdout, stderr };
	} catch (error) {
		return { ok: false, output: `${error.stdout ?? ''}\n${error.stderr ?? ''}`, stderr: error.stderr ?? '', code: error.code, signal: error.signal };
	}
}
