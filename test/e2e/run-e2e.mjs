#!/usr/bin/env node
/**
 * End to end in a real n8n: pack this package, install the tarball into a fresh n8n user folder
 * the way "Install community node" does, start the vendor simulator and n8n, check that n8n
 * loaded every node and credential without errors, create credentials (and press their Test
 * button through the REST API), import one workflow per operation group, run each with
 * `n8n execute`, and check the results against what the simulator served.
 *
 *   node test/e2e/run-e2e.mjs [--keep] [--browser]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSimulator } from '../simulator/index.mjs';
import { startSlackSink } from './slackSink.mjs';
import {
	ensureN8n,
	executeWorkflow,
	freePort,
	installCommunityPackage,
	packPackage,
	PACKAGE_NAME,
	REPO,
	restClient,
	startN8n,
} from './n8nInstance.mjs';
import { allVendors } from './workflows/index.mjs';

const args = new Set(process.argv.slice(2));

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON, but log lines can come before and
 * after it: the document is the lines from a bare "{" to the next bare "}".
 */
function parseExecuteOutput(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start < 0 || end < 0) throw new Error(`no run data in the output: ${output.slice(-500)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (msg) => console.log(`[e2e ${elapsed().padStart(5)}] ${msg}`);

const results = [];
const ARTIFACTS = join(REPO, 'artifacts', 'e2e');
await mkdir(ARTIFACTS, { recursive: true });
function record(name, ok, detail) {
	results.push({ name, ok, detail });
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function check(name, fn) {
	try {
		record(name, true, await fn());
	} catch (error) {
		record(name, false, error.message);
	}
}

if (args.has('--browser')) {
	const { execFileSync } = await import('node:child_process');
	process.env.CHROMIUM_PATH ??= execFileSync('bash', [join(REPO, 'test/e2e/ensure-chromium.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	})
		.toString()
		.trim();
}
const userFolder = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
const bins = await ensureN8n((line) => say(line));
say(`n8n user folder ${userFolder}`);
const tarball = await packPackage(join(userFolder, 'pack'));
const version = await installCommunityPackage(userFolder, tarball);
say(`installed ${PACKAGE_NAME}@${version} from ${tarball}`);

const sim = await startSimulator({});
say(`simulator on ${sim.url} (media ${sim.mediaUrl})`);
const slack = await startSlackSink();
const context = { slack };
const port = await freePort();
const vendors = allVendors();
let n8n;
const imported = [];
try {
	n8n = await startN8n({ ...bins, userFolder, port });
	say(`n8n up on ${n8n.url}`);
	if (args.has('--browser')) {
		// First, so the owner account is created through the UI as a user would.
		const { browserCheck } = await import('./browserCheck.mjs');
		await check('browser: every node is found, added and opened in the editor', async () =>
			await browserCheck(n8n.url, vendors),
		);
	}
	const rest = await restClient(n8n.url);

	await check('n8n lists every node and credential of the package', async () => {
		const headers = { cookie: rest.cookie() };
		const nodes = await (await fetch(`${n8n.url}/types/nodes.json`, { headers })).json();
		const credentials = await (await fetch(`${n8n.url}/types/credentials.json`, { headers })).json();
		const ours = nodes.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`)).map((n) => n.name);
		const wantedNodes = vendors.flatMap((v) => v.nodeTypes);
		const missing = wantedNodes.filter((n) => !ours.includes(n));
		const credNames = credentials.map((c) => c.name);
		const missingCreds = vendors.map((v) => v.credentialType).filter((c) => !credNames.includes(c));
		if (missing.length || missingCreds.length) throw new Error(`missing: ${[...missing, ...missingCreds].join(', ')}`);
		return `${ours.length} nodes, ${vendors.length} credentials`;
	});

	await check('loading the package logs no errors', async () => {
		const bad = n8n
			.output()
			.split('\n')
			.filter((l) => /Failed to load package|nodes\/node_modules\/n8n-nodes-contact-center/.test(l));
		if (bad.length) throw new Error(bad.slice(0, 5).join(' | '));
		return 'clean';
	});

	for (const vendor of vendors) {
		const data = vendor.credential(sim);
		const credential = await rest.call('POST', '/rest/credentials', data);
		vendor.credentialRecord = { id: credential.id, name: data.name };
		await check(`${vendor.name}: credential Test button succeeds`, async () => {
			const result = await rest.call('POST', '/rest/credentials/test', {
				credentials: { id: credential.id, name: data.name, type: data.type, data: data.data },
			});
			if (result?.status !== 'OK') throw new Error(JSON.stringify(result));
			return result.message;
		});
		if (vendor.badCredential) {
			await check(`${vendor.name}: credential Test button explains a wrong secret`, async () => {
				const bad = vendor.badCredential(sim);
				const saved = await rest.call('POST', '/rest/credentials', { ...bad, name: `${bad.name} (wrong)` });
				const result = await rest.call('POST', '/rest/credentials/test', {
					credentials: { id: saved.id, name: saved.name, type: bad.type, data: bad.data },
				});
				if (result?.status === 'OK') throw new Error('a wrong secret passed the test');
				// Failing is not enough: the message must say the secret was refused, not something else.
				if (vendor.badCredentialExplains && !vendor.badCredentialExplains.test(result?.message ?? '')) {
					throw new Error(`not explained as a refused secret: ${result?.message}`);
				}
				return result.message;
			});
		}
		for (const entry of vendor.workflows(vendor.credentialRecord, sim, context)) {
			const saved = await rest.call('POST', '/rest/workflows', entry.workflow);
			imported.push({ ...entry, id: saved.id, vendor });
		}
	}
	if (args.has('--browser')) {
		const demo = imported.find((entry) => entry.workflow.name.startsWith('Demo:'));
		const { runWorkflowInEditor } = await import('./browserCheck.mjs');
		await check('browser: the demo workflow runs from the editor and posts to Slack', async () => {
			const before = slack.messages.length;
			const seconds = await runWorkflowInEditor(n8n.url, demo.id);
			const posted = slack.messages.length - before;
			if (posted === 0) throw new Error('no Slack message after the run');
			return `ran in ${seconds} s, ${posted} Slack messages; screenshot artifacts/browser/demo-workflow-run.png`;
		});
	}
} finally {
	await n8n?.stop();
}

for (const entry of imported) {
	say(`running "${entry.workflow.name}"`);
	const result = await executeWorkflow({ ...bins, userFolder, port, workflowId: entry.id });
	await writeFile(join(ARTIFACTS, `${entry.workflow.name.replace(/[^\w]+/g, '-')}.log`), result.output);
	await check(entry.workflow.name, async () => {
		if (entry.expectError) {
			if (result.ok) throw new Error('expected the run to fail');
			if (!entry.expectError.test(result.output)) throw new Error(`error not readable: ${result.output.slice(-800)}`);
			return `fails with a readable error`;
		}
		// n8n 2.41.1 on Node 24 now and then dies of SIGSEGV while shutting down, after it has
		// printed a finished run: judge the run, and say that it happened.
		const crashedAfterRun = !result.ok && result.signal === 'SIGSEGV' && /"status": "success"/.test(result.output);
		if (!result.ok && !crashedAfterRun) throw new Error(result.output.slice(-1500));
		const run = parseExecuteOutput(result.output);
		const verdict = entry.verify(run, sim, context);
		return crashedAfterRun ? `${verdict} (n8n crashed with SIGSEGV while exiting, after the run)` : verdict;
	});
}

// Phase 3: the polling triggers, activated in a running n8n (same user folder and credentials).
n8n = await startN8n({ ...bins, userFolder, port });
try {
	const rest = await restClient(n8n.url);
	const byType = Object.fromEntries(vendors.map((v) => [v.credentialType, v.credentialRecord]));
	const { checkTriggers } = await import('./triggers.mjs');
	await checkTriggers({
		rest,
		sim,
		slack,
		check,
		credentials: { vonage: byType.vonageContactCenterApi, kore: byType.koreAiSmartAssistApi },
	});
} finally {
	await n8n.stop();
}

await sim.close();
await slack.close();
if (!args.has('--keep')) await rm(userFolder, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok).length;
console.log(`\ne2e finished in ${elapsed()}`);
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
