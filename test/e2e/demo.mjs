#!/usr/bin/env node
/**
 * `npm run demo`: the vendor simulator, a real n8n with the four per-vendor packages published to
 * a local npm registry and installed from it into n8n's nodes folder, a credential for every vendor pointing at the simulator, and the demo workflow
 * "new recordings → download audio → transcript and sentiment → Slack" ready to run.
 * The first run installs n8n (minutes); later runs reuse it. Ctrl-C stops everything.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startSimulator } from '../simulator/index.mjs';
import { npmInstallPackages, useRegistry } from './localRegistry.mjs';
import { ensureN8n, OWNER, REPO, restClient, startN8n } from './n8nInstance.mjs';
import { startSlackSink } from './slackSink.mjs';
import { demoWorkflow } from './workflows/demo.mjs';
import { allVendors } from './workflows/index.mjs';

const started = Date.now();
const since = () => {
	const s = Math.round((Date.now() - started) / 1000);
	return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};
const step = (msg) => console.log(`[demo ${since()}] ${msg}`);
const port = Number(process.env.N8N_DEMO_PORT ?? 5678);

const stoppers = [];
let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the simulator…');
	for (const stop of stoppers.reverse()) await stop().catch(() => {});
	process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
	step('1/6 building (n8n-node build) and assembling the four packages (gulp)');
	await promisify(execFile)('npx', ['n8n-node', 'build'], { cwd: REPO });
	await promisify(execFile)('npx', ['gulp', 'pack'], { cwd: REPO });

	step('2/6 getting n8n 2.41.1 and Node 24 (first run: several minutes, then cached)');
	const bins = await ensureN8n((line) => console.log(`        ${line}`));

	step('3/6 publishing them to a local npm registry and installing them from it with npm');
	const userFolder = await mkdtemp(join(tmpdir(), 'n8n-demo-'));
	stoppers.push(() => rm(userFolder, { recursive: true, force: true }));
	const registry = await useRegistry((line) => console.log(`        ${line}`));
	stoppers.push(() => registry.stop());
	await npmInstallPackages(userFolder, registry.url, registry.packages);

	step('4/6 starting the vendor simulator and a Slack-shaped webhook');
	const sim = await startSimulator({});
	stoppers.push(() => sim.close());
	const slack = await startSlackSink({
		onMessage: (m) => console.log(`\n[slack] message received:\n${m.text.replace(/^/gm, '  ')}\n`),
	});
	stoppers.push(() => slack.close());

	step(`5/6 starting n8n on port ${port}`);
	const n8n = await startN8n({ ...bins, userFolder, port });
	stoppers.push(() => n8n.stop());

	step('6/6 creating the owner, one credential per vendor, and the demo workflow');
	const rest = await restClient(n8n.url);
	let vonageCredential;
	for (const vendor of allVendors()) {
		const data = vendor.credential(sim);
		const saved = await rest.call('POST', '/rest/credentials', data);
		if (vendor.credentialType === 'vonageContactCenterApi') vonageCredential = { id: saved.id, name: data.name };
	}
	const workflow = await rest.call('POST', '/rest/workflows', demoWorkflow(vonageCredential, slack.url));

	console.log(`
Ready (${since()}).

  n8n editor   ${n8n.url}/workflow/${workflow.id}
  login        ${OWNER.email} / ${OWNER.password}
  simulator    ${sim.url}  (stats: ${sim.url}/__sim/stats)
  npm registry ${registry.url}  (${registry.packages.map((p) => p.name).join(', ')})

Open the workflow and click "Execute workflow": it finds new recordings, downloads the audio,
gets the transcript and sentiment, and posts one message per call to the Slack-shaped webhook
(printed here). Credentials for Vonage, Ameyo, Kore.ai and Genesys already point at the
simulator: add any of the four nodes to try them. Ctrl-C stops everything.
`);
} catch (error) {
	console.error(`\nDemo failed: ${error.message}`);
	await stopAll(1);
}
