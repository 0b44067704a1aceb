#!/usr/bin/env node
/**
 * Smoke-load on another n8n (1.x by default, or the newest 2.x): `npm install` the four packages
 * from the local registry into a fresh user folder's .n8n/nodes, start n8n, and check that every
 * node and credential is listed and loading logged no error. No workflows run: that is
 * run-e2e.mjs's job on the pinned 2.x.
 *
 *   node test/e2e/smoke-load.mjs [--n8n-version 1.123.80]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadErrors } from './e2eSteps.mjs';
import { npmInstallPackages, useRegistry } from './localRegistry.mjs';
import { ensureN8n, freePort, restClient, startN8n } from './n8nInstance.mjs';
import { allVendors } from './workflows/index.mjs';

const at = process.argv.indexOf('--n8n-version');
const version = at > 0 ? process.argv[at + 1] : '1.123.80';
const started = Date.now();
const say = (m) => console.log(`[smoke ${Math.round((Date.now() - started) / 1000)}s] ${m}`);

const bins = await ensureN8n((line) => say(line), version);
const userFolder = await mkdtemp(join(tmpdir(), `n8n-smoke-${version}-`));
const registry = await useRegistry(say);
await npmInstallPackages(userFolder, registry.url, registry.packages);
const n8n = await startN8n({ ...bins, userFolder, port: await freePort() });
let failures = 0;
try {
	say(`n8n ${version} up on ${n8n.url}`);
	const rest = await restClient(n8n.url);
	const headers = { cookie: rest.cookie() };
	const nodes = await (await fetch(`${n8n.url}/types/nodes.json`, { headers })).json();
	const credentials = await (await fetch(`${n8n.url}/types/credentials.json`, { headers })).json();
	const names = new Set(nodes.map((n) => n.name));
	const credNames = new Set(credentials.map((c) => c.name));
	for (const vendor of allVendors()) {
		for (const type of vendor.nodeTypes) {
			const ok = names.has(type);
			failures += ok ? 0 : 1;
			console.log(`${ok ? 'PASS' : 'FAIL'} n8n ${version} lists node ${type}`);
		}
		const ok = credNames.has(vendor.credentialType);
		failures += ok ? 0 : 1;
		console.log(`${ok ? 'PASS' : 'FAIL'} n8n ${version} lists credential ${vendor.credentialType}`);
	}
	const bad = loadErrors(n8n.output(), allVendors());
	failures += bad.length ? 1 : 0;
	console.log(`${bad.length ? 'FAIL' : 'PASS'} loading the ${registry.packages.length} packages on n8n ${version} logged no errors${bad.length ? `: ${bad.slice(0, 3).join(' | ')}` : ''}`);
} finally {
	await n8n.stop();
	await rm(userFolder, { recursive: true, force: true });
	await registry.stop();
}
console.log(`\nsmoke-load: ${failures === 0 ? 'all passed' : `${failures} failed`} (${Math.round((Date.now() - started) / 1000)}s)`);
process.exit(failures === 0 ? 0 : 1);
