/**
 * Units and the Markdown output (pasteable into the README).
 */
export const MIB = 1024 * 1024;
export const TARGET_RSS_MIB = 64;
export const TARGET_CEILING_SHARE = 0.9;

export const PATHS = {
	node: 'node: Content → Download',
	store: 'store ceiling: prepareBinaryData(raw response)',
	curl: 'curl',
};

export function parseSize(text) {
	const match = /^(\d+(?:\.\d+)?)\s*(b|k|kib|m|mib|g|gib)?$/i.exec(text.trim());
	if (!match) throw new Error(`Cannot read size "${text}" (use e.g. 1MiB, 512MiB, 2GiB or bytes)`);
	const unit = { b: 1, k: 1024, kib: 1024, m: MIB, mib: MIB, g: 1024 * MIB, gib: 1024 * MIB };
	return Math.round(Number(match[1]) * unit[(match[2] ?? 'b').toLowerCase()]);
}

export function formatSize(bytes) {
	if (bytes % (1024 * MIB) === 0) return `${bytes / (1024 * MIB)} GiB`;
	if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
	return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Folds the repeats of one (size, path): median throughput and time (a shared VM is noisy),
 * worst RSS growth (the target must hold on every run). Any wrong download fails the row.
 */
export function summarize(size, key, samples) {
	if (samples.some((s) => s.error)) return { size, key, failed: true };
	const mbps = samples.map((s) => size / MIB / s.seconds);
	const growth = samples.map((s) => s.growthMiB).filter((g) => g !== undefined);
	return {
		size,
		key,
		mbps: median(mbps),
		minMbps: Math.min(...mbps),
		maxMbps: Math.max(...mbps),
		seconds: median(samples.map((s) => s.seconds)),
		growthMiB: growth.length ? Math.max(...growth) : undefined,
	};
}

export function printTables(rows, sizes, repeat) {
	const mbpsHead = repeat > 1 ? `MB/s (median of ${repeat}) | MB/s min–max` : 'MB/s';
	const growthHead = repeat > 1 ? `peak RSS growth MB (max of ${repeat})` : 'peak RSS growth MB';
	console.log(`\n| size | path | ${mbpsHead} | ${growthHead} | time s |`);
	console.log(`|---:|---|---:|${repeat > 1 ? '---:|' : ''}---:|---:|`);
	for (const r of rows) {
		const cells = r.failed
			? ['FAILED', ...(repeat > 1 ? [''] : []), '', '']
			: [fmt(r.mbps), ...(repeat > 1 ? [`${fmt(r.minMbps, 0)}–${fmt(r.maxMbps, 0)}`] : []), fmt(r.growthMiB), fmt(r.seconds, 2)];
		console.log(`| ${formatSize(r.size)} | ${PATHS[r.key]} | ${cells.join(' | ')} |`);
	}

	console.log(
		`\nTargets (informational): node peak RSS growth < ${TARGET_RSS_MIB} MB; node throughput ≥ ${TARGET_CEILING_SHARE * 100}% of the store ceiling (medians).\n`,
	);
	console.log('| size | node RSS growth | node vs store ceiling |');
	console.log('|---:|---|---|');
	for (const size of sizes) {
		const node = rows.find((r) => r.size === size && r.key === 'node');
		const store = rows.find((r) => r.size === size && r.key === 'store');
		if (!node || node.failed) {
			const why = node ? 'FAILED' : 'skipped';
			console.log(`| ${formatSize(size)} | ${why} | ${why} |`);
			continue;
		}
		const rss = node.growthMiB < TARGET_RSS_MIB ? 'PASS' : 'MISS';
		const share = store && !store.failed ? node.mbps / store.mbps : undefined;
		const speed = share === undefined ? 'n/a' : share >= TARGET_CEILING_SHARE ? 'PASS' : 'MISS';
		const shareText = share === undefined ? 'n/a' : `${(share * 100).toFixed(0)}%`;
		console.log(`| ${formatSize(size)} | ${rss} (${fmt(node.growthMiB)} MB) | ${speed} (${shareText}) |`);
	}
}
