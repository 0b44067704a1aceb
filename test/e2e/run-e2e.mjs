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
	parseExecuteOutput,
	REPO,
	restClient,
	startN8n,
} from './n8nInstance.mjs';
import { checkPackageLoaded, createReport, judgeRun, setUpVendors } from './e2eSteps.mjs';
import { allVendors } from './workflows/index.mjs';

const args = new Set(process.argv.slice(2));

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const say = (msg) => console.log(`[e2e ${elapsed().padStart(5)}] ${msg}`);

const ARTIFACTS = join(REPO, 'artifacts', 'e2e');
await mkdir(ARTIFACTS, { recursive: true });
const report = createReport();
const { check } = report;

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

	await checkPackageLoaded({ n8n, rest, vendors, check });
	imported.push(...(await setUpVendors({ rest, vendors, sim, context, check })));
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
	// n8n 2.41.1 on Node 24 now and then dies of SIGSEGV while shutting down, after it has
	// printed a finished run: judge the run, and say that it happened.
	const crashedAfterRun = !result.ok && result.signal === 'SIGSEGV' && /"status": "success"/.test(result.output);
	const ok = result.ok || crashedAfterRun;
	await check(entry.workflow.name, async () =>
		judgeRun(
			entry,
			{
				ok,
				run: ok && !entry.expectError ? parseExecuteOutput(result.output) : undefined,
				errorText: result.output,
				note: crashedAfterRun ? 'n8n crashed with SIGSEGV while exiting, after the run' : undefined,
			},
			sim,
			context,
		),
	);
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

console.log(`\ne2e finished in ${elapsed()}`);
console.log(report.summary('e2e'));
process.exit(report.failed() === 0 ? 0 : 1);
