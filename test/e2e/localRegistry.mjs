#!/usr/bin/env node
/**
 * A private npm registry on loopback (verdaccio, no uplinks: nothing is fetched from or sent to
 * another registry; storage in a temp folder) that receives `npm publish` of the four packages
 * from dist-packages/, the command the publish workflow runs minus `--provenance`. n8n then
 * installs them from it as it would from npmjs.org.
 *
 * One registry serves a whole `npm test`: test/run-all.sh starts `node test/e2e/localRegistry.mjs
 * serve` once and passes its URL in E2E_REGISTRY_URL; a script run on its own starts its own.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ensureN8n, freePort, REPO } from './n8nInstance.mjs';

const run = promisify(execFile);
const PACKAGES_DIR = join(REPO, 'dist-packages');
const VERDACCIO = join(REPO, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
const PUBLISHER = { name: 'release-ci', password: 'local-registry-only-1', email: 'release-ci@example.com' };

/** The assembled packages (gulp) as { name, version, dir }, in name order. */
export async function assembledPackages() {
	const names = (await readdir(PACKAGES_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
	if (names.length === 0) throw new Error('dist-packages/ is empty: run `npx gulp pack` after the build');
	return await Promise.all(
		names.map(async (name) => {
			const dir = join(PACKAGES_DIR, name);
			const { version } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
			return { name, version, dir };
		}),
	);
}

/** A Node for verdaccio 6, which needs 22 or newer: this one, or the Node 24 that runs n8n. */
async function registryNode(log) {
	if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
	return (await ensureN8n(log)).node24;
}

/** Starts verdaccio under `node` on a free loopback port. */
export async function startRegistry({ node, log = () => {} }) {
	const home = await mkdtemp(join(tmpdir(), 'npm-registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = `storage: ${join(home, 'storage')}
auth:
  htpasswd:
    file: ${join(home, 'htpasswd')}
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
publish:
  allow_offline: true
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
	await writeFile(join(home, 'config.yaml'), config);
	const child = spawn(node, [VERDACCIO, '--config', join(home, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, VERDACCIO_APPDIR: home },
	});
	// A script that fails half-way must not leave the registry running.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`verdaccio exited: ${output.slice(-2000)}`);
		const up = await fetch(`${url}/-/ping`).then((r) => r.ok, () => false);
		if (up) break;
		if (Date.now() > deadline) throw new Error(`verdaccio did not answer on ${url}: ${output.slice(-2000)}`);
		await new Promise((r) => setTimeout(r, 250));
	}
	log(`npm registry (verdaccio) on ${url}`);

	// The publishing account: a token as `npm login` would store it, in a user config of its own
	// (the user's ~/.npmrc is not read, nor touched).
	const res = await fetch(`${url}/-/user/org.couchdb.user:${PUBLISHER.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ _id: `org.couchdb.user:${PUBLISHER.name}`, type: 'user', roles: [], date: new Date().toISOString(), ...PUBLISHER }),
	});
	const { token } = await res.json();
	if (!res.ok || !token) throw new Error(`could not create the publishing user: HTTP ${res.status}`);
	const userconfig = join(home, 'npmrc');
	await writeFile(userconfig, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);

	async function stop() {
		process.removeListener('exit', killOnExit);
		if (child.exitCode === null) {
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		}
		await rm(home, { recursive: true, force: true });
	}
	return { url, userconfig, stop, output: () => output };
}

/** `npm publish <package dir> --access public` of every assembled package, to this registry. */
export async function publishPackages(registry, log = () => {}) {
	const packages = await assembledPackages();
	for (const pkg of packages) {
		await run('npm', ['publish', pkg.dir, '--access', 'public', '--registry', `${registry.url}/`], {
			env: { ...process.env, npm_config_userconfig: registry.userconfig },
		});
		log(`published ${pkg.name}@${pkg.version} to ${registry.url}`);
	}
	return packages;
}

/**
 * The registry for one e2e script: the shared one of this `npm test` (E2E_REGISTRY_URL), or a
 * new one with the packages published, stopped by `stop()`.
 */
export async function useRegistry(log = () => {}) {
	const packages = await assembledPackages();
	if (process.env.E2E_REGISTRY_URL) {
		return { url: process.env.E2E_REGISTRY_URL, packages, stop: async () => {} };
	}
	const registry = await startRegistry({ node: await registryNode(log), log });
	try {
		await publishPackages(registry, log);
	} catch (error) {
		await registry.stop();
		throw error;
	}
	return { url: registry.url, packages, stop: registry.stop };
}

/**
 * The "npm install in ~/.n8n/nodes" way of installing community packages (for n8n without the
 * Community nodes UI, and for registries n8n itself may not use): `npm install` of the packages
 * from the registry into <user folder>/.n8n/nodes, as n8n's own folder layout has it.
 */
export async function npmInstallPackages(userFolder, registryUrl, packages) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	await run('mkdir', ['-p', nodesDir]);
	await writeFile(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await run(
		'npm',
		// --legacy-peer-deps: n8n provides n8n-workflow (the only peer); n8n's own installer drops
		// peer dependencies before `npm install` for the same reason.
		['install', ...packages.map((p) => `${p.name}@${p.version}`), '--registry', `${registryUrl}/`, '--legacy-peer-deps', '--audit=false', '--fund=false', '--ignore-scripts', '--package-lock=false'],
		{ cwd: nodesDir, env: { ...process.env, npm_config_userconfig: join(nodesDir, '.npmrc-none') } },
	);
}

// `node test/e2e/localRegistry.mjs serve`: start, publish, print the URL, serve until SIGTERM.
if (process.argv[1] === import.meta.filename && process.argv[2] === 'serve') {
	const log = (line) => console.error(line);
	const registry = await startRegistry({ node: await registryNode(log), log });
	const stop = async () => {
		await registry.stop();
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	try {
		await publishPackages(registry, (l) => console.error(l));
	} catch (error) {
		console.error(`publishing failed: ${error.message}`);
		await registry.stop();
		process.exit(1);
	}
	console.log(`E2E_REGISTRY_URL=${registry.url}`);
}
