/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- release tooling tests, never shipped: they copy manifests and run a script */
/**
 * The release's version check (.github/scripts/version.mjs), run on a copy of this repository's
 * manifests and CHANGELOG, changed one way at a time.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';


const run = promisify(execFile);
const REPO = join(__dirname, '..', '..');
const SCRIPT = join(REPO, '.github', 'scripts', 'version.mjs');
let root: string;

async function versionCheck(...args: string[]): Promise<{ ok: boolean; output: string }> {
	try {
		const { stdout } = await run(process.execPath, [SCRIPT, 'check', ...args, '--root', root]);
		return { ok: true, output: stdout };
	} catch (error) {
		const failed = error as { stdout: string; stderr: string };
		return { ok: false, output: `${failed.stdout}${failed.stderr}` };
	}
}

function editJson(file: string, change: (json: Record<string, unknown>) => void) {
	const json = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
	change(json);
	writeFileSync(join(root, file), JSON.stringify(json));
}

const releaseChangelog = () =>
	writeFileSync(join(root, 'CHANGELOG.md'), readFileSync(join(root, 'CHANGELOG.md'), 'utf8').replace(/^## (\S+) \(unreleased\)/m, '## $1 (2026-12-01)'));

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'version-check-'));
	for (const file of ['package.json', 'CHANGELOG.md']) cpSync(join(REPO, file), join(root, file));
	for (const name of readdirSync(join(REPO, 'packages'))) {
		mkdirSync(join(root, 'packages', name), { recursive: true });
		cpSync(join(REPO, 'packages', name, 'package.json'), join(root, 'packages', name, 'package.json'));
	}
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the release version check', () => {
	const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

	it('passes a tag that matches the packages and a dated CHANGELOG entry', async () => {
		releaseChangelog();
		expect(await versionCheck('--tag', `v${version}`)).toMatchObject({ ok: true });
	});

	it('fails the release when the tag is not the packages\' version', async () => {
		releaseChangelog();
		const result = await versionCheck('--tag', 'v9.9.9');
		expect(result.ok).toBe(false);
		expect(result.output).toContain(`tag v9.9.9 does not match the packages' version v${version}`);
	});

	it('fails when one package manifest is at another version', async () => {
		editJson('packages/n8n-nodes-ameyo/package.json', (json) => (json.version = '9.9.9'));
		const result = await versionCheck();
		expect(result.ok).toBe(false);
		expect(result.output).toContain('packages/n8n-nodes-ameyo/package.json is at 9.9.9');
	});

	it('fails when the newest CHANGELOG entry is for another version', async () => {
		writeFileSync(join(root, 'CHANGELOG.md'), '# Changelog\n\n## 9.9.9 (2026-12-01)\n\n- later\n');
		const result = await versionCheck();
		expect(result.ok).toBe(false);
		expect(result.output).toContain(`CHANGELOG.md's newest entry is 9.9.9, the packages are at ${version}`);
	});

	it('fails a tagged release whose CHANGELOG entry is still unreleased', async () => {
		writeFileSync(join(root, 'CHANGELOG.md'), `# Changelog\n\n## ${version} (unreleased)\n`);
		const result = await versionCheck('--tag', `v${version}`);
		expect(result.ok).toBe(false);
		expect(result.output).toContain('not a release date');
	});
});
