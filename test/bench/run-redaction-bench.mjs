#!/usr/bin/env node
/**
 * Redaction and text-format timing: `npm run bench:redaction` (BENCH_REPEAT=3 by default, the
 * best of the repeats is shown). Bundles redaction-timing.ts with esbuild and runs it in a
 * fresh Node process, so the figures are of the shipped code, not of a TS runner.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = mkdtempSync(join(os.tmpdir(), 'redaction-bench-'));
try {
	const { build } = await import('esbuild');
	const outfile = join(outdir, 'redaction-timing.cjs');
	await build({ entryPoints: [join(here, 'redaction-timing.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
	console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
	const child = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
	process.exitCode = child.status ?? 1;
} finally {
	rmSync(outdir, { recursive: true, force: true });
}
