#!/usr/bin/env node
/**
 * End to end in a real n8n: the four packages published to a local npm registry, installed from
 * it one at a time into a fresh n8n (with --browser through Settings → Community nodes → Install
 * in Chromium, else through the same REST call), each checked to bring exactly its own nodes and
 * credential; then the vendor simulator, credentials (their Test button pressed through the REST
 * API), one workflow per operation group run with `n8n execute` and checked against what the
 * simulator served, the recording-to-Slack templates of examples/ run with their Slack node swapped
 * for the Slack-shaped sink, and the polling triggers after a restart that loads all four packages.
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
	parseExecuteOutput,
	REPO,
	restClient,
	startN8n,
} from './n8nInstance.mjs';
import { allowCustomRegistry, installOneByOne, installThroughRest, registryEnv } from './communityInstall.mjs';
import { useRegistry } from './localRegistry.mjs';
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
const registry = await useRegistry(say);
say(`packages ${registry.packages.map((p) => `${p.name}@${p.version}`).join(', ')} on the registry ${registry.url}`);

const sim = await startSimulator({});
say(`simulator on ${sim.url} (media ${sim.mediaUrl})`);
const slack = await startSlackSink();
const context = { slack };
const port = await freePort();
const vendors = allVendors();
let n8n;
const imported = [];
try {
	n8n = await startN8n({ ...bins, userFolder, port, env: registryEnv(registry.url) });
	say(`n8n up on ${n8n.url}`);
	await allowCustomRegistry(n8n.url);
	const install = { baseUrl: n8n.url, vendors, packages: registry.packages, check };
	if (args.has('--browser')) {
		// First, so the owner account is created through the UI as a user would.
		const { browserCheck, withCommunityNodesPage } = await import('./browserCheck.mjs');
		await withCommunityNodesPage(n8n.url, async (installInUi) => {
			const rest = await restClient(n8n.url);
			await installOneByOne({ ...install, rest, install: installInUi, label: 'Settings → Community nodes → Install: ' });
		});
		await check('browser: every node is found, added and opened in the editor', async () =>
			await browserCheck(n8n.url, vendors),
		);
	}
	const rest = await restClient(n8n.url);
	if (!args.has('--browser')) {
		await installOneByOne({ ...install, rest, install: (pkg) => installThroughRest(rest, pkg).then(() => 'installed through n8n\'s REST API'), label: 'REST install: ' });
	}

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
	const { checkTemplates, EXAMPLES_DIR } = await import('./templates.mjs');
	const asImported = await checkTemplates({
		rest,
		sim,
		sink: slack,
		check,
		credentials: Object.fromEntries(vendors.map((v) => [v.credentialType, v.credentialRecord])),
	});
	// What the templates posted, to read next to the checks.
	await writeFile(join(ARTIFACTS, 'templates-sink.json'), JSON.stringify({ posts: slack.posts, files: slack.files }, null, 2));
	if (args.has('--browser')) {
		const { screenshotWorkflows } = await import('./browserCheck.mjs');
		await check('browser: every template opens in the editor (screenshots in examples/)', async () => {
			const files = await screenshotWorkflows(
				n8n.url,
				asImported.map(({ slug, id }) => ({ id, file: join(EXAMPLES_DIR, `${slug}.png`) })),
			);
			return `${files.length} templates shown on the canvas`;
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
	await checkPackageLoaded({ n8n, rest, vendors, check, label: 'after a restart, all four packages together: ' });
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
await registry.stop();
if (!args.has('--keep')) await rm(userFolder, { recursive: true, force: true });

console.log(`\ne2e finished in ${elapsed()}`);
console.log(report.summary('e2e'));
process.exit(report.failed() === 0 ? 0 : 1);
