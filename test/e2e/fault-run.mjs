#!/usr/bin/env node
/**
 * Fault-injection run in a real n8n: the packed package installed as a community node, one
 * workflow with every operation under test (Continue On Fail on), run with `n8n execute` while
 * the vendor simulator injects a seeded mix of faults for all four vendors — 429 with every form
 * of Retry-After, 5xx bursts, resets mid-body, short bodies, redirects to a foreign loopback
 * host, 200 with an HTML page. Then it counts, per vendor and in total, from n8n's own record:
 * items in, success items, error items, items lost, duplicates, stored files that differ from
 * the served bytes, answers that are not what was asked for, requests that carried a credential
 * to a host nobody configured (the foreign host's log and the media host's), and credential
 * values found in execution data, error items, n8n's logs, database or binary store.
 * Then a vendor-wide outage (outageRun.mjs): the Vonage trigger activated while every VCC
 * download answers 503 for a few polls must, once VCC is back, post every recording once and give
 * none up. Exits 1 when any of those must-be-zero counts is not zero, or fewer than 200 items went in.
 *
 *   node test/e2e/fault-run.mjs [--seed N] [--keep]
 */
import { lookup } from 'node:dns/promises';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { faultForm, normalizeRule } from '../simulator/faults.mjs';
import { startForeignHost } from '../simulator/foreignHost.mjs';
import { startSimulator } from '../simulator/index.mjs';
import { faultMix } from './faultMix.mjs';
import { npmInstallPackages, useRegistry } from './localRegistry.mjs';
import { tallyRun, tallyStalls } from './faultTally.mjs';
import { runOutage } from './outageRun.mjs';
import {
	ensureN8n,
	executeWorkflow,
	freePort,
	parseExecuteOutput,
	REPO,
	restClient,
	startN8n,
} from './n8nInstance.mjs';
import { scanForSecrets, secretsOf } from './secretScan.mjs';
import { FAULT_RUN_TIMEOUT_SECONDS, FAULT_VENDORS, faultBranches, faultWorkflow } from './workflows/faultRun.mjs';

const MIN_ITEMS = 200;
/** A sign-in has a fixed timeout of its own (the credential cannot see the node's option). */
const SIGN_IN_TIMEOUT_MS = 30_000;
const SIGN_IN_PATH = /^\/(Auth\/connect\/token|ameyorestapi\/session\/userLogin)$/;
/** How much longer than its timeout a stalled connection may stay open: the close, the engine's pace. */
const STALL_GRACE_MS = 3_000;
const { values: args } = parseArgs({ options: { seed: { type: 'string', default: '1' }, keep: { type: 'boolean' } } });
const seed = Number(args.seed);
if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a whole number');

const started = Date.now();
const say = (msg) => console.log(`[fault-run ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
say(`seed ${seed} (rerun: node test/e2e/fault-run.mjs --seed ${seed})`);

const bins = await ensureN8n((line) => say(line));
const userFolder = await mkdtemp(join(tmpdir(), 'n8n-faults-'));
const registry = await useRegistry(say);
await npmInstallPackages(userFolder, registry.url, registry.packages);
await registry.stop();
say(`installed ${registry.packages.map((p) => `${p.name}@${p.version}`).join(', ')} from ${registry.url} into ${userFolder}`);

// Kore.ai is reached by the name `localhost`, which the instance allows (N8N_SSRF_ALLOWED_HOSTNAMES),
// as an operator allows a vendor's host: its links are then checked against n8n's SSRF rules like
// a cloud host's, and a link to any other internal name must be refused. SSRF protection itself
// stays off (the default), so nothing else changes for the other vendors.
process.env.N8N_SSRF_ALLOWED_HOSTNAMES = 'localhost';

// A server inside the network (a metadata service, say): links to names that lead to it must
// never be fetched. It logs what reaches it.
const internalHits = [];
const internal = createServer((req, res) => {
	internalHits.push(`${req.method} ${req.headers.host}${req.url}`);
	res.writeHead(200, { 'Content-Type': 'audio/wav' }).end('internal-server-answer');
});
await new Promise((resolve) => internal.listen(0, '127.0.0.1', resolve));
const internalPort = internal.address().port;
const resolvesInside = async (name) =>
	(await lookup(name, { all: true }).catch(() => [])).some((a) => /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd])/.test(a.address));
const internalNames = [
	// This machine's own name, where it resolves to an internal address.
	...((await resolvesInside(hostname())) ? [hostname()] : []),
	// Names of cloud metadata services: refused wherever they resolve.
	'metadata.google.internal',
	'instance-data',
];
const internalLinks = internalNames.map((name) => `http://${name}:${internalPort}`);

// Token and session lives stay long: an expiry at a moment of the wall clock would shift which
// request meets which fault, and the same seed must give the same run. The vendors' rate limits
// are off: the run injects its own 429s.
const sim = await startSimulator({
	seed,
	koreHost: 'localhost',
	korePlatformPerMinute: 0,
	koreAnalyticsPerMinute: 0,
});
// A pre-signed media link may redirect to storage elsewhere that serves the same file: the
// foreign host plays that storage for Kore.ai's media paths, and an impostor for everything else.
const foreign = await startForeignHost({
	secrets: () => sim.secretValues(),
	mirror: (pathAndQuery) => (pathAndQuery.startsWith('/api/getMediaStream/') ? `${sim.mediaUrl}${pathAndQuery}` : undefined),
});
say(`simulator ${sim.url} (media ${sim.mediaUrl}), foreign host ${foreign.url}, internal server 127.0.0.1:${internalPort} linked as ${internalNames.join(', ')}`);

const branches = faultBranches(sim);
const port = await freePort();
let serverLog = '';
let workflowId;
const credentials = {};
{
	const n8n = await startN8n({ ...bins, userFolder, port });
	try {
		const rest = await restClient(n8n.url);
		for (const vendor of FAULT_VENDORS) {
			const data = vendor.credential(sim);
			const saved = await rest.call('POST', '/rest/credentials', data);
			credentials[vendor.key] = { id: saved.id, name: data.name };
		}
		workflowId = (await rest.call('POST', '/rest/workflows', faultWorkflow(branches, credentials))).id;
	} finally {
		serverLog = n8n.output();
		await n8n.stop();
	}
}

const requestsPerVendor = {};
for (const b of branches) requestsPerVendor[b.vendor] = (requestsPerVendor[b.vendor] ?? 0) + b.inputs.length;
// The foreign host by the allowed name too, so Kore.ai's media redirects reach it (as storage).
const rules = faultMix({ foreignUrl: foreign.url.replace('127.0.0.1', 'localhost'), seed, requestsPerVendor, internalLinks });
sim.resetStats();
sim.setFaults(rules);
say(`running ${branches.reduce((n, b) => n + b.inputs.length, 0)} inputs through ${branches.length} nodes under ${rules.length} fault rules`);
const result = await executeWorkflow({ ...bins, userFolder, port, workflowId });
const stats = sim.stats();
say(`n8n execute ${result.ok ? 'finished' : `failed (${result.signal ?? result.code})`}`);

const ARTIFACTS = join(REPO, 'artifacts', 'fault-run');
await mkdir(ARTIFACTS, { recursive: true });
await writeFile(join(ARTIFACTS, 'execute-output.log'), `${result.output}\n--- stderr ---\n${result.stderr ?? ''}`);

let run;
try {
	run = parseExecuteOutput(result.output);
} catch (error) {
	say(`no run data: ${error.message.slice(0, 300)}`);
}
const tally = await tallyRun(run, branches, userFolder);
const stallTally = tallyStalls(sim.stalls(), {
	timeoutMs: (stall) => (SIGN_IN_PATH.test(stall.path) ? SIGN_IN_TIMEOUT_MS : FAULT_RUN_TIMEOUT_SECONDS * 1000),
	graceMs: STALL_GRACE_MS,
	endedAt: Date.now(),
});

// Credentials sent where nobody configured them: the foreign host's own log, and the media host's.
const leaksByVendor = {};
for (const r of foreign.withCredentials()) {
	const vendor = /^\/(auth|interaction-content|conversation-analyzer)/i.test(r.path) ? 'vonage'
		: r.path.startsWith('/ameyorestapi') ? 'ameyo'
		: r.path.startsWith('/genesys') ? 'genesys' : 'kore';
	(leaksByVendor[vendor] ??= []).push(`foreign host ${r.method} ${r.path} carried ${r.carried.join(', ')}`);
}
for (const r of sim.mediaRequestsWithCredentials()) {
	(leaksByVendor.kore ??= []).push(`media host ${r.method} ${r.path} carried ${r.carried.join(', ')}`);
}

const secrets = secretsOf(sim);
const servedSha256 = new Set([
	...sim.catalog.vonage.interactions.flatMap((x) => x.content.map((c) => c.sha256)),
	...sim.catalog.ameyo.recordings.flatMap((r) => Object.values(r.files).map((f) => f.sha256)),
	...Object.values(sim.catalog.kore.files).map((f) => f.sha256),
	...sim.catalog.genesys.interactions.flatMap((x) => Object.values(x.content).map((f) => f.sha256)),
]);
const scan = await scanForSecrets({
	texts: { 'n8n execute output (run data, error items, log)': `${result.output}\n${result.stderr ?? ''}`, 'n8n server log': serverLog },
	userFolder,
	servedSha256,
	secrets,
});

const outage = await runOutage({ bins, userFolder, port, sim, credential: credentials.vonage, say });

await foreign.close();
await sim.close();
internal.closeAllConnections();
await new Promise((resolve) => internal.close(resolve));
if (!args.keep) await rm(userFolder, { recursive: true, force: true });

// ---- the table ----
const vendorsShown = FAULT_VENDORS.map((v) => v.key);
const rows = [
	['items in', (v) => v.in],
	['success items', (v) => v.success],
	['error items', (v) => v.error],
	['items lost (must be 0)', (v) => v.lost, true],
	['duplicates (must be 0)', (v) => v.duplicates, true],
	['stored files ≠ served bytes (must be 0)', (v) => v.filesDiffer, true],
	['answers not what was asked (must be 0)', (v) => v.answersDiffer, true],
	['credentials sent to an unconfigured host (must be 0)', (_v, key) => leaksByVendor[key]?.length ?? 0, true],
	['stalled answers (before the headers, mid-body)', (_v, key) => stallTally[key]?.stalled ?? 0],
	[`hangs past the timeout (must be 0)`, (_v, key) => stallTally[key]?.hangs ?? 0, true],
	['internal fetches (must be 0)', (_v, key) => (key === 'kore' ? internalHits.length : 0), true],
];
const total = (fn) => vendorsShown.reduce((n, key) => n + fn(tally[key] ?? {}, key), 0);
const names = Object.fromEntries(FAULT_VENDORS.map((v) => [v.key, v.name]));
const header = ['', ...vendorsShown.map((k) => names[k]), 'total'];
const lines = [header, ...rows.map(([label, fn]) => [label, ...vendorsShown.map((k) => String(fn(tally[k] ?? {}, k))), String(total(fn))])];
const secretCount = scan.findings.reduce((n, f) => n + f.secrets.length, 0);
lines.push(['credential values in execution data, error items, logs (must be 0)', ...vendorsShown.map(() => ''), String(secretCount)]);
const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c].length)));
const fmt = (l) => `| ${l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
const table = [
	`Fault-injection run, seed ${seed}, n8n ${bins.n8nBin.match(/n8n-([\d.]+)/)?.[1] ?? ''}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
	fmt(lines[0]),
	`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
	...lines.slice(1).map(fmt),
].join('\n');
const outageTable = [
	'| vendor-wide outage | recordings | posted before it | downloads refused | posted during it | posted once in all | recordings given up (must be 0) | lost (must be 0) | duplicates (must be 0) |',
	'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	`| Vonage trigger mid-backfill, every download 503 for ${outage.outageSeconds} s | ${outage.recordings} | ${outage.postedBefore} | ${outage.refusedDuringOutage} | ${outage.postedDuringOutage} | ${outage.postedOnce} | ${outage.givenUp} | ${outage.lost} | ${outage.duplicates} |`,
].join('\n');
console.log(`\n${table}\n\n${outageTable}`);
if (outage.failedExamples.length > 0) console.log(`given up: ${outage.failedExamples.join('; ')}`);
await writeFile(join(ARTIFACTS, 'table.md'), `${table}\n\n${outageTable}\n`);
await writeFile(join(ARTIFACTS, 'outage-n8n.log'), outage.serverLog);
console.log(`\nfaults injected (${Object.values(stats.faultForms).reduce((a, b) => a + b, 0)} in ${stats.requests} requests; the foreign host received ${foreign.count()}):`);
for (const key of vendorsShown) {
	const injected = stats.vendors[key]?.faultForms ?? {};
	const planned = [...new Set(rules.filter((r) => r.vendor === key).map((r) => faultForm(normalizeRule(r))))];
	const missing = planned.filter((form) => !injected[form]);
	console.log(`  ${names[key]} (${stats.vendors[key]?.requests ?? 0} requests): ${Object.entries(injected).map(([form, n]) => `${form} ×${n}`).join(', ')}`);
	if (missing.length > 0) console.log(`    not met by this seed: ${missing.join(', ')}`);
}
console.log(`secrets searched: ${secrets.fixed.length} credential secrets and ${secrets.issued.size} issued tokens, sessions and JWTs, in the execute output (${result.output.length} characters), the server log and ${scan.filesScanned} files of n8n's user folder`);

const problems = [];
for (const [key, t] of Object.entries(tally)) {
	for (const [kind, list] of Object.entries(t.examples)) {
		if (kind === 'errors') continue;
		for (const line of list) problems.push(`${names[key]} ${kind}: ${line}`);
	}
}
for (const [key, list] of Object.entries(leaksByVendor)) for (const line of list.slice(0, 5)) problems.push(`${names[key]} credential off its host: ${line}`);
for (const [key, t] of Object.entries(stallTally)) for (const line of t.examples) problems.push(`${names[key]} hang: ${line}`);
for (const line of internalHits.slice(0, 5)) problems.push(`internal server reached: ${line}`);
for (const f of scan.findings) problems.push(`secret in ${f.place}: ${f.secrets.join(', ')}`);
if (problems.length > 0) console.log(`\n${problems.join('\n')}`);
console.log('\nerror items, first of each node:');
for (const t of Object.values(tally)) for (const line of t.examples.errors.slice(0, 3)) console.log(`  ${line}`);

const outageProblems = outage.givenUp + outage.lost + outage.duplicates;
const mustBeZero = rows.filter((r) => r[2]).reduce((n, [, fn]) => n + total(fn), 0) + secretCount + outageProblems;
const itemsIn = total((v) => v.in ?? 0);
if (!result.ok && !run) console.log('\nFAIL: n8n did not finish the run');
if (itemsIn < MIN_ITEMS) console.log(`\nFAIL: only ${itemsIn} items in (at least ${MIN_ITEMS})`);
if (mustBeZero > 0) console.log(`\nFAIL: ${mustBeZero} in the must-be-zero rows`);
process.exit(mustBeZero === 0 && itemsIn >= MIN_ITEMS && run ? 0 : 1);
