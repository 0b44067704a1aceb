#!/usr/bin/env node
/**
 * The four packages are released in lockstep with the repository's version.
 *
 *   node .github/scripts/version.mjs check [--tag vX.Y.Z]   fail unless package.json, every
 *                                                    packages/<name>/package.json, the newest
 *                                                    CHANGELOG.md entry (and the tag) agree
 *   node .github/scripts/version.mjs set X.Y.Z              write X.Y.Z into all of those manifests
 *
 * With --tag the CHANGELOG entry must be released: "## X.Y.Z (YYYY-MM-DD)", not "(unreleased)".
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// --root <dir>: another checkout (the tests use a copy).
const rootAt = process.argv.indexOf('--root');
const root = rootAt > 0 ? resolve(process.argv[rootAt + 1]) : resolve(import.meta.dirname, '..', '..');
const manifestPaths = [
	'package.json',
	...readdirSync(join(root, 'packages'))
		.sort()
		.map((name) => join('packages', name, 'package.json')),
];
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const [command, ...rest] = process.argv.slice(2).filter((a, i, all) => a !== '--root' && all[i - 1] !== '--root');

function newestChangelogEntry() {
	const heading = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
		.split('\n')
		.find((l) => l.startsWith('## '));
	const match = /^## (\S+)(?: \((.+)\))?$/.exec(heading ?? '');
	if (!match) throw new Error(`CHANGELOG.md: the newest entry must start "## X.Y.Z (date)", found ${JSON.stringify(heading)}`);
	return { version: match[1], note: match[2] };
}

if (command === 'set') {
	const version = rest[0];
	if (!SEMVER.test(version ?? '')) throw new Error(`not a version: ${version}`);
	for (const file of manifestPaths) {
		const manifest = JSON.parse(readFileSync(join(root, file), 'utf8'));
		manifest.version = version;
		writeFileSync(join(root, file), `${JSON.stringify(manifest, null, 2)}\n`);
	}
	console.log(`version ${version} written to ${manifestPaths.join(', ')}; add "## ${version} (date)" to CHANGELOG.md and run npm install to update the lock file`);
} else if (command === 'check') {
	const tagAt = rest.indexOf('--tag');
	const tag = tagAt >= 0 ? rest[tagAt + 1] : undefined;
	const problems = [];
	const versions = manifestPaths.map((file) => [file, JSON.parse(readFileSync(join(root, file), 'utf8')).version]);
	const [, expected] = versions[0];
	for (const [file, version] of versions) if (version !== expected) problems.push(`${file} is at ${version}, package.json at ${expected}`);
	const entry = newestChangelogEntry();
	if (entry.version !== expected) problems.push(`CHANGELOG.md's newest entry is ${entry.version}, the packages are at ${expected}`);
	if (tag !== undefined) {
		if (tag !== `v${expected}`) problems.push(`tag ${tag} does not match the packages' version v${expected}`);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.note ?? '')) problems.push(`CHANGELOG.md's entry for ${entry.version} is "${entry.note ?? ''}", not a release date (YYYY-MM-DD)`);
	}
	if (problems.length) {
		console.error(`FAIL version check:\n- ${problems.join('\n- ')}`);
		process.exit(1);
	}
	console.log(`PASS version check: ${manifestPaths.length} manifests and CHANGELOG.md at ${expected}${tag ? `, tag ${tag}` : ''}`);
} else {
	console.error('usage: node .github/scripts/version.mjs check [--tag vX.Y.Z] | set X.Y.Z');
	process.exit(2);
}
