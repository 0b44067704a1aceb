#!/usr/bin/env node
/**
 * `npm run demo`: the vendor simulator, a real n8n with this package installed as a community
 * node, a credential for every vendor pointing at the simulator, and the demo workflow
 * "new recordings → download audio → transcript and sentiment → Slack" ready to run.
 * The first run installs n8n (minutes); later runs reuse it. Ctrl-C stops everything.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { startSimulator } from '../simulator/index.mjs';
import {
	ensureN8n,
	installCommunityPackage,
	OWNER,
	packPackage,
	REPO,
	restClient,
	startN8n,
} from './n8nInstance.mjs';
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
	step('1/6 building the package (n8n-node build)');
	await promisify(execFile)('npx', ['n8n-node', 'build'], { cwd: REPO });

	step('2/6 getting n8n 2.41.1 and Node 24 (first run: several minutes, then cached)');
	const bins = await ensureN8n((line) => console.log(`        ${line}`));

	step('3/6 installing the package into a fresh n8n user folder, as "Install community node" does');
	const userFolder = await mkdtemp(join(tmpdir(), 'n8n-demo-'));
	stoppers.push(() => rm(userFolder, { recursive: true, force: true }));
	await installCommunityPackage(userFolder, await packPackage(join(userFolder, 'pack')));

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

Open the workflow and click "Execute workflow": it finds new recordings, downloads the audio,
gets the transcript and sentiment, and posts one message per call to the Slack-shaped webhook
(printed here). Credentials for Vonage, Ameyo, Kore.ai and Genesys already point at the
simulator: add any of the four nodes to try them. Ctrl-C stops everything.
`);
} catch (error) {
	console.error(`\nDemo failed: ${error.message}`);
	await stopAll(1);
}
