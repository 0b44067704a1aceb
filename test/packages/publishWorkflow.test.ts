/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- release tooling tests, never shipped: they read the workflow and run its script */
/**
 * The release workflow (.github/workflows/publish.yml): only the tag's own build, scanned, is
 * published, by a job that runs nothing else; the tests run where no OIDC token is.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const REPO = join(__dirname, '..', '..');
const WORKFLOW = readFileSync(join(REPO, '.github', 'workflows', 'publish.yml'), 'utf8');

/** A job's lines, comments left out: from `  <name>:` under `jobs:` to the next job. */
function job(name: string): string {
	const lines = WORKFLOW.slice(WORKFLOW.indexOf('\njobs:\n')).split('\n');
	const start = lines.indexOf(`  ${name}:`);
	if (start < 0) throw new Error(`no job ${name}`);
	const end = lines.findIndex((line, i) => i > start && /^ {2}\S/.test(line));
	return lines
		.slice(start, end < 0 ? undefined : end)
		.filter((line) => !line.trim().startsWith('#'))
		.join('\n');
}

/** The `run: |` script of the step with this name, dedented. */
function stepScript(block: string, stepName: string): string {
	const lines = block.split('\n');
	const at = lines.findIndex((line) => line.trim() === `- name: ${stepName}`);
	const run = lines.findIndex((line, i) => i > at && line.trim() === 'run: |');
	const indent = /^ */.exec(lines[run + 1])?.[0].length ?? 0;
	const body: string[] = [];
	for (const line of lines.slice(run + 1)) {
		if (line.trim() !== '' && (/^ */.exec(line)?.[0].length ?? 0) < indent) break;
		body.push(line.slice(indent));
	}
	return body.join('\n');
}

describe('the publish workflow', () => {
	it('runs the tests in a job that cannot request the OIDC token', () => {
		expect(job('test')).not.toContain('id-token');
	});

	it('publishes from a job that needs the tests, holds the token, and builds the tag from clean', () => {
		const publish = job('publish');

		expect(publish).toContain('needs: test');
		expect(publish).toContain('id-token: write');
		expect(publish).toContain('ref: ${{ github.ref }}');
		expect(publish).toContain('npm run build');
		expect(publish).toContain('npm run assemble');
		expect(publish).not.toMatch(/actions\/cache|cache:|download-artifact|npm test|\.ci\/run/);
	});

	it('scans the tarballs with the scanner before it publishes them', () => {
		const publish = job('publish');

		expect(publish.indexOf('node test/packages/scan.mjs --leg=tarball')).toBeGreaterThan(publish.indexOf('npm run assemble'));
		expect(publish.indexOf('npm publish')).toBeGreaterThan(publish.indexOf('scan.mjs --leg=tarball'));
	});

	it('pins every action by commit SHA, with its version in a comment', () => {
		const uses = WORKFLOW.split('\n').filter((line) => line.includes('uses:'));

		expect(uses.length).toBeGreaterThan(0);
		for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
	});
});

describe('the publish step', () => {
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'publish-step-'));
		mkdirSync(join(dir, 'dist-packages'));
		mkdirSync(join(dir, 'bin'));
		const packs = [{ name: 'n8n-nodes-a', filename: 'n8n-nodes-a-1.2.0.tgz' }, { name: 'n8n-nodes-b', filename: 'n8n-nodes-b-1.2.0.tgz' }];
		writeFileSync(join(dir, 'dist-packages', 'packs.json'), JSON.stringify(packs));
		// An npm that records what it was asked to do.
		writeFileSync(join(dir, 'bin', 'npm'), `#!/bin/sh\necho "npm $*" >> "${join(dir, 'npm.log')}"\n`);
		chmodSync(join(dir, 'bin', 'npm'), 0o755);
	});

	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	function publishFor(tag: string): string[] {
		const script = stepScript(job('publish'), 'npm publish each tarball');
		execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
			cwd: dir,
			env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, TAG: tag },
		});
		return readFileSync(join(dir, 'npm.log'), 'utf8').trim().split('\n');
	}

	it('publishes exactly the assembled tarballs, with provenance, as the latest release', () => {
		expect(publishFor('v1.2.0')).toEqual([
			'npm publish ./dist-packages/n8n-nodes-a-1.2.0.tgz --provenance --access public --tag latest',
			'npm publish ./dist-packages/n8n-nodes-b-1.2.0.tgz --provenance --access public --tag latest',
		]);
	});

	it('publishes a prerelease tag under next, so installs keep the last release', () => {
		expect(publishFor('v1.2.0-rc.1').every((line) => line.endsWith('--tag next'))).toBe(true);
	});
});
