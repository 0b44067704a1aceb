#!/usr/bin/env node
/**
 * n8n's community-package scanner (@n8n/scan-community-package), run on every package exactly
 * as its CLI runs after downloading, minus the network:
 *
 * - source leg: the CLI fetches the GitHub tarball of the commit the npm provenance names and
 *   lints, in the folder whose package.json carries the package's name, the files matching
 *   SOURCE_FILE_PATTERNS. Here the "checkout" is the repository as git would ship it (tracked and
 *   new files, symlinks kept, ignored files such as dist/ left out), searched with the
 *   scanner's own findPackageRoot;
 * - tarball leg: the packed tarball (dist-packages/*.tgz), unpacked as the CLI does, linted on
 *   `**\/*.js` and `package.json`.
 *
 * Any finding fails. Prints the scanner's verdict per leg, with the number of files it linted.
 *
 *   node test/packages/scan.mjs               both legs (npm test)
 *   node test/packages/scan.mjs --leg=tarball the tarball leg only: the publish job runs it on the
 *                                             very tarballs it is about to publish
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import glob from 'fast-glob';
import { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'dist-packages');
const packs = JSON.parse(readFileSync(join(out, 'packs.json'), 'utf8'));
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const legArg = process.argv.find((a) => a.startsWith('--leg='))?.slice('--leg='.length);
if (legArg !== undefined && legArg !== 'tarball') {
	console.error(`unknown --leg=${legArg}: only --leg=tarball`);
	process.exit(2);
}
const sourceLeg = legArg === undefined;
const work = mkdtempSync(join(tmpdir(), 'scan-community-package-'));
let failures = 0;

/** The files analyzePackage lints for these patterns (same glob, same ignores). */
const lintedFiles = (dir, patterns) => glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] });

async function leg(label, dir, patterns, mustLint = []) {
	const files = lintedFiles(dir, patterns);
	const missing = mustLint.filter((f) => !files.includes(f));
	const result = await analyzePackage(dir, patterns);
	const ok = result.passed && missing.length === 0;
	failures += ok ? 0 : 1;
	console.log(`${ok ? 'PASS' : 'FAIL'} scanner, ${label}: ${result.passed ? 'no findings' : result.message} (${files.length} files linted)`);
	if (result.details) console.log(result.details);
	if (missing.length) console.log(`  not linted although the package ships them: ${missing.join(', ')}`);
}

/** The repository as git would ship it (tracked and new files, symlinks kept, ignored files left out). */
function checkoutAsGitShipsIt(checkout) {
	mkdirSync(checkout);
	const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root })
		.toString()
		.split('\0')
		.filter(Boolean);
	execFileSync('tar', ['-cf', join(work, 'source.tar'), '--null', '-T', '-'], { cwd: root, input: tracked.join('\0') });
	execFileSync('tar', ['-xf', join(work, 'source.tar'), '-C', checkout]);
}

async function sourceLegOf(checkout, pack, manifest) {
	const packageRoot = findPackageRoot(checkout, pack.name);
	if (!packageRoot || relative(checkout, packageRoot) !== manifest.repository.directory) {
		failures += 1;
		console.log(`FAIL scanner, ${pack.name} source: the CLI would look in ${packageRoot ? relative(checkout, packageRoot) : 'no folder'}, the manifest says ${manifest.repository.directory}`);
		return;
	}
	// The node and credential sources this package ships must be among the linted files.
	const sources = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((f) => f.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	await leg(`${pack.name} source (${manifest.repository.directory})`, packageRoot, SOURCE_FILE_PATTERNS, sources);
}

try {
	const checkout = join(work, 'source');
	if (sourceLeg) checkoutAsGitShipsIt(checkout);
	for (const pack of packs) {
		const manifest = JSON.parse(readFileSync(join(out, pack.name, 'package.json'), 'utf8'));
		if (sourceLeg) await sourceLegOf(checkout, pack, manifest);
		const unpacked = join(work, pack.name);
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', join(out, pack.filename), '-C', unpacked, '--strip-components=1']);
		await leg(`${pack.filename}`, unpacked, TARBALL_PATTERNS, ['package.json', ...manifest.n8n.nodes, ...manifest.n8n.credentials]);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
const legs = packs.length * (sourceLeg ? 2 : 1);
console.log(`\nscan-community-package: ${legs - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
