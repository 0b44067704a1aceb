/**
 * Folding and printing for run-n8n-bench.mjs (Markdown, pasteable into the README). Units as in
 * report.mjs: MB = 2^20 bytes.
 */
import { formatSize, MIB, TARGET_RSS_MIB } from './report.mjs';

export const N8N_PATHS = {
	ours: 'Vonage Contact Center: Content → Download',
	http: 'HTTP Request node (response format File)',
	curl: 'curl -o file',
};

export const BASELINE_SIZE = MIB;

export function median(values) {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return undefined;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const fmt = (n, digits = 1) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(digits));
const range = (values, digits = 0) => {
	const v = values.filter((x) => Number.isFinite(x));
	return v.length > 1 ? ` (${fmt(Math.min(...v), digits)}–${fmt(Math.max(...v), digits)})` : '';
};

/**
 * One row per (size, path): medians over the repeats. RSS growth = a run's max RSS − the median
 * max RSS of the same path at 1 MiB (how the issue measured it).
 */
export function summarize(size, key, samples, baselineRssMiB) {
	if (!samples.length) return { size, key, skipped: true };
	if (samples.some((s) => s.error)) return { size, key, failed: true, runs: samples.length };
	const mbps = samples.map((s) => size / MIB / s.downloadSeconds);
	const rss = samples.map((s) => s.maxRssMiB);
	const growth = baselineRssMiB === undefined ? [] : rss.map((r) => r - baselineRssMiB);
	return {
		size,
		key,
		runs: samples.length,
		mbps: median(mbps),
		mbpsAll: mbps,
		downloadSeconds: median(samples.map((s) => s.downloadSeconds)),
		maxRssMiB: median(rss),
		growthMiB: median(growth),
		growthAll: growth,
		wallSeconds: median(samples.map((s) => s.wallSeconds)),
		wallAll: samples.map((s) => s.wallSeconds),
		diag: samples.map((s) => s.rss).filter(Boolean),
	};
}

export function printTables(rows, sizes) {
	console.log('\n| size | path | MB/s median (min–max) | peak RSS growth MB vs 1 MiB, median (min–max) | max RSS MB, median | process wall s, median (min–max) | runs |');
	console.log('|---:|---|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		const head = `| ${formatSize(r.size)} | ${N8N_PATHS[r.key]} |`;
		if (r.skipped) console.log(`${head} skipped | | | | 0 |`);
		else if (r.failed) console.log(`${head} **FAILED** | | | | ${r.runs} |`);
		else {
			const growth = r.size === BASELINE_SIZE ? `0 (baseline)` : `${fmt(r.growthMiB)}${range(r.growthAll, 1)}`;
			console.log(
				`${head} ${fmt(r.mbps)}${range(r.mbpsAll)} | ${growth} | ${fmt(r.maxRssMiB)} | ${fmt(r.wallSeconds, 1)}${range(r.wallAll, 1)} | ${r.runs} |`,
			);
		}
	}

	console.log(`\nTargets: ours peak RSS growth < ${TARGET_RSS_MIB} MB at every size; ours throughput ≥ the HTTP Request node's (medians).\n`);
	console.log('| size | ours RSS growth < 64 MB | ours MB/s ≥ HTTP Request node |');
	console.log('|---:|---|---|');
	const verdicts = [];
	for (const size of sizes) {
		const ours = rows.find((r) => r.size === size && r.key === 'ours');
		const http = rows.find((r) => r.size === size && r.key === 'http');
		if (!ours || ours.failed || ours.skipped) {
			const why = !ours || ours.skipped ? 'skipped' : 'FAILED';
			console.log(`| ${formatSize(size)} | ${why} | ${why} |`);
			verdicts.push(false);
			continue;
		}
		const rssOk = size === BASELINE_SIZE || ours.growthMiB < TARGET_RSS_MIB;
		const rss = size === BASELINE_SIZE ? 'baseline (0 by definition)' : `${rssOk ? 'PASS' : 'MISS'} (${fmt(ours.growthMiB)} MB)`;
		let speed = 'n/a';
		let speedOk = true;
		if (http && !http.failed && !http.skipped) {
			speedOk = ours.mbps >= http.mbps;
			speed = `${speedOk ? 'PASS' : 'MISS'} (${fmt(ours.mbps)} vs ${fmt(http.mbps)} MB/s, ${fmt((ours.mbps / http.mbps) * 100, 0)}%)`;
			if (size === BASELINE_SIZE) speed += ' — info only: a few ms, ms-resolution timer, ours includes its token POST';
		}
		if (size !== BASELINE_SIZE) verdicts.push(rssOk && speedOk);
		console.log(`| ${formatSize(size)} | ${rss} | ${speed} |`);
	}
	return verdicts.length > 0 && verdicts.every(Boolean);
}

/** Where the memory goes inside one n8n run, from the 10 Hz RSS samples (diagnostics). */
export function printDiagnostics(rows) {
	const n8nRows = rows.filter((r) => r.key !== 'curl' && !r.failed && !r.skipped && r.diag.length);
	if (!n8nRows.length) return;
	console.log('\nInside the n8n process (RSS sampled every 100 ms from /proc/<pid>/status; medians over the runs; Δ = minus the RSS when the node started):\n');
	console.log('| size | path | VmHWM before the node MB | RSS at node start MB | Δ RSS at 25 / 50 / 75 / 100 % of the node\'s run MB | Δ highest RSS while it ran MB | of which anonymous MB | highest RSS after it MB | node s |');
	console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of n8nRows) {
		const m = (f) => median(r.diag.map(f));
		const quarters = [0, 1, 2, 3].map((i) => fmt(m((d) => d.quarterRssMiB[i] - d.rssAtStartMiB), 0)).join(' / ');
		console.log(
			`| ${formatSize(r.size)} | ${N8N_PATHS[r.key]} | ${fmt(m((d) => d.hwmBeforeMiB))} | ${fmt(m((d) => d.rssAtStartMiB))} | ${quarters} | ${fmt(m((d) => d.peakDuringMiB - d.rssAtStartMiB))} | ${fmt(m((d) => d.peakAnonDuringMiB - d.anonAtStartMiB))} | ${fmt(m((d) => d.peakAfterMiB))} | ${fmt(r.downloadSeconds, 2)} |`,
		);
	}
}
