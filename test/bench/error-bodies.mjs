/**
 * How long turning an error body into a message takes (vendorHttpError: read the body's message,
 * redact it, cut it), for 1 MiB of each kind of content a server may send with a 4xx/5xx.
 *
 *   node test/bench/error-bodies.mjs                  # this checkout
 *   node test/bench/error-bodies.mjs --ref=<commit>   # the error mapping as of a commit
 *   node test/bench/error-bodies.mjs --size=512KiB --repeat=9
 *
 * Prints one row per kind: median and worst milliseconds over the repeats, and whether the worst
 * stays under the 50 ms bound. Exit code 1 when any does not.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { buildSync } from 'esbuild';

import { REPO } from './runners.mjs';

const BOUND_MS = 50;

function option(name, fallback) {
	const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
	return arg ? arg.slice(name.length + 3) : fallback;
}

function bytes(text) {
	const match = /^(\d+)(KiB|MiB)?$/.exec(text);
	if (!match) throw new Error(`not a size: ${text}`);
	return Number(match[1]) * (match[2] === 'MiB' ? 1024 * 1024 : match[2] === 'KiB' ? 1024 : 1);
}

const size = bytes(option('size', '1MiB'));
const repeat = Number(option('repeat', '5'));
const ref = option('ref', undefined);

/** Where the error mapping lived: nodes/shared/http/ since the shared layer was split by concern. */
const ERROR_MODULES = ['nodes/shared/http/vendorErrors.ts', 'nodes/shared/vendorError.ts'];

/** The error mapping (this checkout's or a commit's) compiled to CommonJS, n8n-workflow left external. */
function loadVendorError() {
	const dir = mkdtempSync(join(tmpdir(), 'error-bench-'));
	try {
		let root = REPO;
		if (ref) {
			// The whole shared layer of that commit, so the module's own imports resolve.
			writeFileSync(join(dir, 'shared.tar'), execFileSync('git', ['archive', ref, 'nodes/shared'], { cwd: REPO }));
			execFileSync('tar', ['-xf', join(dir, 'shared.tar'), '-C', dir]);
			root = dir;
		}
		const entry = ERROR_MODULES.map((file) => join(root, file)).find((file) => existsSync(file));
		if (!entry) throw new Error(`no error mapping module in ${ref ?? 'this checkout'}`);
		const out = join(dir, 'vendorError.cjs');
		buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, external: ['n8n-workflow'], logLevel: 'silent' });
		const require = createRequire(join(REPO, 'package.json'));
		const code = readFileSync(out, 'utf8');
		const module = { exports: {} };
		new Function('module', 'exports', 'require', code)(module, module.exports, require);
		return module.exports;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function fill(unit, total = size) {
	return unit.repeat(Math.ceil(total / unit.length)).slice(0, total);
}

const KINDS = {
	'HTML, unclosed <script> tags': `<html><head>${fill('<script>var a=1;', size - 13)}`,
	'HTML, closed <script> blocks': `<html><body>${fill('<script>x()</script><p>t</p>', size - 12)}`,
	'HTML, <title without >': `<html>${fill('<title', size - 6)}`,
	'JSON envelope, long message': JSON.stringify({ message: fill('m', size - 20), code: 500 }),
	'JSON, no message field': JSON.stringify({ data: fill('{"k":1},', size - 20) }),
	'random bytes': randomBytes(size).toString('utf8'),
	'plain text, one line': fill('x', size),
	'JWT-like runs': fill('eyJa-', size),
	'secret-looking fields': fill('password=p&token=t&', size),
};

const { vendorHttpError } = loadVendorError();
const node = { id: 'bench', name: 'Bench', type: 'bench', typeVersion: 1, position: [0, 0], parameters: {} };

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const rows = [];
let over = false;
for (const [kind, body] of Object.entries(KINDS)) {
	const times = [];
	for (let i = 0; i < repeat; i++) {
		const started = performance.now();
		vendorHttpError(node, 500, body, { vendor: 'Bench' });
		times.push(performance.now() - started);
	}
	const worst = Math.max(...times);
	over ||= worst >= BOUND_MS;
	rows.push([kind, median(times).toFixed(2), worst.toFixed(2), worst < BOUND_MS ? 'yes' : 'NO']);
}

const sizeLabel = size >= 1024 * 1024 ? `${size / 1024 / 1024} MiB` : `${size / 1024} KiB`;
console.log(`The error mapping ${ref ? `at ${ref}` : 'of this checkout'}, ${sizeLabel} bodies, ${repeat} runs each, Node ${process.version}`);
console.log(`| body (${sizeLabel}) | median ms | worst ms | under ${BOUND_MS} ms |`);
console.log('|---|---:|---:|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
process.exitCode = over ? 1 : 0;
