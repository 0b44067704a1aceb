/**
 * What n8n, npm and n8n's verification need from each assembled per-vendor package
 * (dist-packages/, made by `npx gulp pack`), checked on the packed tarball's file list and on
 * the compiled code as n8n would load it:
 *
 * - every node and credential the "n8n" section lists is in the tarball (one missing file
 *   makes n8n skip the whole package), each node with its codex naming `<package>.<node>`, and
 *   every module a file requires and every icon it names is in the tarball too;
 * - the tarball holds only what n8n loads: no tests, sources, declarations, source maps,
 *   simulator media, nor another vendor's folder;
 * - the manifest follows the community-package rules (name, keyword, MIT, author with email,
 *   repository with directory, homepage, no dependencies, peer n8n-workflow, no scripts) and
 *   the lockstep version of the repository;
 * - loaded in Node, each node needs only its own package's credential, and no node or
 *   credential type is defined by two packages;
 * - no code in the tarball reads the environment, the file system or other processes, and
 *   the texts n8n shows are in English (Latin script).
 *
 * Prints each tarball's size (README quotes them) and writes artifacts/packages/sizes.json.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist-packages');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packs = JSON.parse(readFileSync(join(out, 'packs.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));
const problems = [];
const problem = (pkg, text) => problems.push(`${pkg}: ${text}`);

const VENDOR_FOLDERS = readdirSync(join(root, 'nodes')).filter((d) => d !== 'shared');
const ALLOWED_FILE = /^(package\.json|README\.md|LICENSE\.md|CHANGELOG\.md|dist\/.+\.(js|node\.json|svg|png))$/;
/** What a node may reach for outside n8n's helpers; the community rules ban all of it. */
const FORBIDDEN_CODE = [
	[/\bprocess\.(env|cwd|argv|exit)\b/, 'reads the process environment'],
	[/require\("(node:)?(fs|fs\/promises|child_process|os|path|worker_threads|vm)"\)/, 'uses a Node module n8n does not allow'],
	[/\b(globalThis|__dirname|__filename)\b/, 'uses a global the community rules ban'],
	[/\beval\(|new Function\(/, 'evaluates code'],
];
/** English in Latin script; typographic punctuation and arrows are fine. */
const NOT_ENGLISH = /[^\u0000-\u024F\u2000-\u206F\u2190-\u21FF\u2260-\u2264\u00B0-\u00FF]/u;

const nodeTypes = new Map();
const credentialTypes = new Map();
const sizes = [];

for (const pack of packs) {
	const name = pack.name;
	const dir = join(out, name);
	const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const files = new Set(pack.files.map((f) => f.path));

	// The manifest.
	if (!/^n8n-nodes-[a-z0-9-]+$/.test(name)) problem(name, 'the name must be n8n-nodes-<something>');
	if (!manifest.keywords?.includes('n8n-community-node-package')) problem(name, 'keyword n8n-community-node-package missing');
	if (manifest.license !== 'MIT') problem(name, 'license must be MIT');
	if (!/^MIT License/.test(readFileSync(join(dir, 'LICENSE.md'), 'utf8'))) problem(name, 'LICENSE.md is not the MIT licence');
	if (!manifest.author?.name || !/^[^@\s]+@[^@\s]+$/.test(manifest.author?.email ?? '')) problem(name, 'author needs a name and an email');
	if (manifest.repository?.url !== rootPkg.repository.url || manifest.repository?.directory !== `packages/${name}`) {
		problem(name, `repository must be ${rootPkg.repository.url} with directory packages/${name}`);
	}
	if (!/^https:\/\//.test(manifest.homepage ?? '')) problem(name, 'homepage must be a URL');
	if (manifest.version !== rootPkg.version) problem(name, `version ${manifest.version} is not the repository's ${rootPkg.version}`);
	for (const field of ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies', 'overrides', 'scripts']) {
		if (manifest[field] && Object.keys(manifest[field]).length > 0) problem(name, `"${field}" is not allowed in a community package`);
	}
	if (JSON.stringify(manifest.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
		problem(name, 'peerDependencies must be exactly {"n8n-workflow": "*"}');
	}
	if (manifest.private) problem(name, 'a published package cannot be private');

	// The tarball's contents.
	for (const file of files) {
		if (!ALLOWED_FILE.test(file)) problem(name, `the tarball carries ${file}, which n8n does not load`);
	}
	const folders = new Set([...files].map((f) => /^dist\/nodes\/([^/]+)\//.exec(f)?.[1]).filter(Boolean));
	const own = new Set(manifest.n8n.nodes.map((n) => n.split('/')[2]));
	for (const folder of folders) {
		if (folder !== 'shared' && !own.has(folder) && VENDOR_FOLDERS.includes(folder)) problem(name, `carries another vendor's folder nodes/${folder}`);
	}
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!files.has(file)) problem(name, `lists ${file}, which is not in the tarball`);
	}
	for (const file of manifest.n8n.nodes) {
		const codexFile = file.replace(/\.js$/, '.json');
		if (!files.has(codexFile)) {
			problem(name, `node without codex file: ${codexFile}`);
			continue;
		}
		const codex = JSON.parse(readFileSync(join(dir, codexFile), 'utf8'));
		if (!codex.node?.startsWith(`${name}.`)) problem(name, `${codexFile} names node type ${codex.node}, not ${name}.<node>`);
	}
	for (const file of [...files].filter((f) => f.endsWith('.js'))) {
		const code = readFileSync(join(dir, file), 'utf8');
		for (const [pattern, what] of FORBIDDEN_CODE) if (pattern.test(code)) problem(name, `${file} ${what}`);
		// Everything a file requires or names as its icon must be in this tarball, not only in the build.
		for (const [, spec] of code.matchAll(/require\("(\.[^"]+)"\)/g)) {
			const base = posix.join(posix.dirname(file), spec);
			if (![`${base}.js`, base, `${base}/index.js`].some((c) => files.has(c))) problem(name, `${file} requires ${spec}, which the tarball lacks`);
		}
		for (const [, icon] of code.matchAll(/['"]file:([^'"]+)['"]/g)) {
			if (!files.has(posix.join(posix.dirname(file), icon))) problem(name, `${file} names icon ${icon}, which the tarball lacks`);
		}
	}

	// Loaded as n8n loads it: types, credentials each node needs, texts.
	const load = (file) => {
		try {
			return new (Object.values(require(join(dir, file)))[0])();
		} catch (error) {
			problem(name, `${file} does not load: ${error.message.split('\n')[0]}`);
			return undefined;
		}
	};
	const ownCredentials = new Set();
	for (const file of manifest.n8n.credentials) {
		const credential = load(file);
		if (!credential) continue;
		ownCredentials.add(credential.name);
		if (credentialTypes.has(credential.name)) problem(name, `credential type ${credential.name} is also defined by ${credentialTypes.get(credential.name)}`);
		credentialTypes.set(credential.name, name);
		if (!/^https:\/\//.test(credential.documentationUrl ?? '')) problem(name, `credential ${credential.name} has no documentation URL`);
		if (NOT_ENGLISH.test(credential.displayName)) problem(name, `credential ${credential.name}: display name not in English`);
	}
	for (const file of manifest.n8n.nodes) {
		const node = load(file);
		if (!node) continue;
		const type = `${name}.${node.description.name}`;
		if (nodeTypes.has(node.description.name)) problem(name, `node ${node.description.name} is also defined by ${nodeTypes.get(node.description.name)}`);
		nodeTypes.set(node.description.name, name);
		for (const needed of node.description.credentials ?? []) {
			if (!ownCredentials.has(needed.name)) problem(name, `${type} needs credential ${needed.name}, which this package does not ship`);
		}
		const texts = [node.description.displayName, node.description.description, node.description.subtitle ?? '', ...JSON.stringify(node.description.properties).match(/"(displayName|description|name)":"[^"]*"/g)];
		const foreign = texts.filter((t) => NOT_ENGLISH.test(t));
		if (foreign.length) problem(name, `${type}: texts not in English: ${foreign.slice(0, 3).join(' | ')}`);
	}
	// The README on GitHub (the manifest's homepage) is the one in the package.
	const committed = join(root, 'packages', name, 'README.md');
	if (!existsSync(committed) || readFileSync(committed, 'utf8') !== readFileSync(join(dir, 'README.md'), 'utf8')) {
		problem(name, `packages/${name}/README.md differs from the package README: run \`npx gulp readmes\` and commit it`);
	}
	if (!String(manifest.homepage ?? '').endsWith(`/packages/${name}#readme`)) problem(name, 'homepage must point at its README under packages/');
	sizes.push({ name, version: manifest.version, tarballBytes: pack.size, unpackedBytes: pack.unpackedSize, files: pack.files.length });
}

const expected = readdirSync(join(root, 'packages')).sort();
const packed = packs.map((p) => p.name).sort();
if (JSON.stringify(expected) !== JSON.stringify(packed)) problems.push(`packed ${packed.join(', ')} but packages/ has ${expected.join(', ')}`);

mkdirSync(join(root, 'artifacts', 'packages'), { recursive: true });
writeFileSync(join(root, 'artifacts', 'packages', 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
for (const s of sizes) {
	console.log(`${s.name}@${s.version}: ${(s.tarballBytes / 1024).toFixed(1)} kB packed, ${(s.unpackedBytes / 1024).toFixed(1)} kB unpacked, ${s.files} files`);
}
if (problems.length > 0) {
	console.error(`\nPackage check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`Package check: ${packs.length} packages, ${nodeTypes.size} node types and ${credentialTypes.size} credential types, each defined once; manifests and tarballs follow the community rules.`);
