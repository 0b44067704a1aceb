/**
 * Assembles the four publishable per-vendor packages from the one build in dist/.
 *
 * n8n's verification accepts one third-party service per package, while the sources stay one
 * repository with one shared layer. So after `n8n-node build`, each manifest under packages/<name>/
 * gets its own folder in dist-packages/<name>/ holding exactly what its nodes load at run time:
 * the node and credential files it lists, every compiled file they require (including just the
 * nodes/shared modules that vendor uses), the icons they name, each node's codex (with the node
 * type renamed to the package), a README cut from this repository's README, LICENSE and
 * CHANGELOG. Declarations and source maps stay behind: n8n loads neither.
 *
 *   npx gulp            assemble every package into dist-packages/
 *   npx gulp pack       assemble, then `npm pack` each into dist-packages/*.tgz
 */
const { dest, parallel, series, src } = require('gulp');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const BUILD = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'dist-packages');
const MANIFESTS = path.join(ROOT, 'packages');
const REPO_URL = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center';
/** Modules n8n provides to community nodes; anything else required from dist is a packaging error. */
const PROVIDED_MODULES = new Set(['n8n-workflow', 'lodash', 'moment', 'p-limit', 'luxon', 'zod', 'crypto', 'node:crypto']);
/** Sections every package README carries after its vendor's, in this order. */
const SHARED_SECTIONS = ['Output contract', 'Failure policy', 'Compatibility'];

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The vendor a package ships, as its nodes' folder declares it (nodes/<Vendor>/vendor.ts, built):
 * its package name must be this manifest's, and its README section is the one the package README
 * is cut from. One identity per vendor, so no list here repeats packages/.
 */
function vendorOf(manifest) {
	const folders = new Set(manifest.n8n.nodes.map((file) => path.dirname(path.join(BUILD, file.replace(/^dist\//, '')))));
	const vendors = [...folders].flatMap((folder) => {
		const file = path.join(folder, 'vendor.js');
		return fs.existsSync(file) ? Object.values(require(file)) : [];
	});
	const vendor = vendors.find((v) => v && v.packageName === manifest.name);
	if (!vendor) throw new Error(`${manifest.name}: no nodes/<Vendor>/vendor.ts among its nodes names this package`);
	return vendor;
}

function manifests() {
	return fs
		.readdirSync(MANIFESTS)
		.filter((name) => fs.existsSync(path.join(MANIFESTS, name, 'package.json')))
		.sort()
		.map((name) => readJson(path.join(MANIFESTS, name, 'package.json')));
}

/** `require("./x")` targets of one compiled CommonJS file, resolved to files in dist/. */
function localRequires(file) {
	const code = fs.readFileSync(file, 'utf8');
	const found = [];
	for (const [, spec] of code.matchAll(/require\("([^"]+)"\)/g)) {
		if (!spec.startsWith('.')) {
			if (!PROVIDED_MODULES.has(spec)) {
				throw new Error(`${path.relative(ROOT, file)} requires "${spec}", which n8n does not provide to community nodes`);
			}
			continue;
		}
		const base = path.resolve(path.dirname(file), spec);
		const resolved = [`${base}.js`, base, path.join(base, 'index.js')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
		if (!resolved) throw new Error(`${path.relative(ROOT, file)} requires "${spec}", which is not in the build`);
		found.push(resolved);
	}
	return found;
}

/** `file:icon.svg` references of one compiled file (node or credential icons, light and dark). */
function iconFiles(file) {
	const code = fs.readFileSync(file, 'utf8');
	return [...code.matchAll(/['"]file:([^'"]+)['"]/g)].map(([, icon]) => path.resolve(path.dirname(file), icon));
}

/**
 * Every file in dist/ one package needs: its listed nodes and credentials, the transitive
 * closure of their requires, their icons and the nodes' codex files. Paths relative to dist/.
 */
function packageFiles(manifest) {
	const entries = [...manifest.n8n.nodes, ...manifest.n8n.credentials].map((f) => path.join(ROOT, f));
	const seen = new Set();
	const extra = new Set();
	const queue = [...entries];
	while (queue.length > 0) {
		const file = queue.pop();
		if (seen.has(file)) continue;
		if (!fs.existsSync(file)) throw new Error(`${manifest.name}: ${path.relative(ROOT, file)} is not built (run npm run build)`);
		seen.add(file);
		queue.push(...localRequires(file));
		for (const icon of iconFiles(file)) extra.add(icon);
	}
	for (const node of manifest.n8n.nodes) extra.add(path.join(ROOT, node.replace(/\.js$/, '.json')));
	for (const file of extra) {
		if (!fs.existsSync(file)) throw new Error(`${manifest.name}: ${path.relative(ROOT, file)} is referenced but not built`);
	}
	return [...seen, ...extra].map((f) => path.relative(BUILD, f)).sort();
}

/** One `## Heading` section of a markdown text, down to the next `## ` heading. */
function section(markdown, heading) {
	const lines = markdown.split('\n');
	const start = lines.findIndex((l) => l === `## ${heading}`);
	if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
	const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
	return lines.slice(start, end < 0 ? undefined : end).join('\n').trim();
}

function anchorOf(heading) {
	return heading
		.toLowerCase()
		.replace(/[^\w\- ]/g, '')
		.replace(/ /g, '-');
}

/**
 * The package README: install steps for this package, then its vendor's section and the shared
 * contract sections of the repository README. Links into parts of the repository README that
 * the package README does not carry, and relative file links, point at the repository instead.
 */
function packageReadme(manifest) {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const parts = [vendorOf(manifest).readmeSection, ...SHARED_SECTIONS].map((h) => section(readme, h));
	const body = parts.join('\n\n');
	const anchors = new Set([...body.matchAll(/^#+ (.+)$/gm)].map(([, h]) => anchorOf(h)));
	anchors.add('install');
	const linked = body.replace(/\]\(([^)\s]+)\)/g, (whole, target) => {
		if (/^[a-z]+:/i.test(target)) return whole;
		if (target.startsWith('#')) return anchors.has(target.slice(1)) ? whole : `](${REPO_URL}#${target.slice(1)})`;
		return `](${REPO_URL}/blob/main/${target.replace(/^\.\//, '')})`;
	});
	const install = [
		'## Install',
		'',
		`- **n8n editor** (self-hosted, owner or admin): *Settings → Community nodes → Install*, enter \`${manifest.name}\`.`,
		`- **npm**: \`cd ~/.n8n/nodes && npm install ${manifest.name}\`, then restart n8n.`,
		`- **Docker, queue-mode workers, n8n 3.0**: \`N8N_COMMUNITY_PACKAGES='[{"name":"${manifest.name}","version":"${manifest.version}"}]'\``,
		'  with `N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true` on the main process and every worker (n8n 2.21 or newer).',
		'',
		'On n8n 1.x, binary data is held in memory unless the instance sets',
		'`N8N_DEFAULT_BINARY_DATA_MODE=filesystem`: a downloaded recording then sits whole in RAM. See Compatibility.',
		'',
		`Node types: ${manifest.n8n.nodes.map((n) => `\`${manifest.name}.${nodeName(n)}\``).join(', ')}.`,
		`The other vendors ship as ${manifests()
			.map((m) => m.name)
			.filter((n) => n !== manifest.name)
			.map((n) => `\`${n}\``)
			.join(', ')}; all come from ${REPO_URL}.`,
	].join('\n');
	const license = `## License\n\nMIT (LICENSE.md). Changes: CHANGELOG.md. Source: ${REPO_URL}/tree/main/${manifest.repository.directory}.`;
	return `# ${manifest.name}\n\n${manifest.description}.\n\n${install}\n\n${linked}\n\n${license}\n`;
}

/** The node's `description.name` as its codex file records it (`<package>.<name>`). */
function nodeName(nodeFile) {
	const codex = readJson(path.join(ROOT, nodeFile.replace(/\.js$/, '.json')));
	return codex.node.slice(codex.node.indexOf('.') + 1);
}

function assemble(manifest) {
	const out = path.join(OUT, manifest.name);
	const copy = () =>
		src(packageFiles(manifest), { cwd: BUILD, base: BUILD, encoding: false }).pipe(dest(path.join(out, 'dist')));
	copy.displayName = `${manifest.name}: dist files`;
	const write = (done) => {
		for (const node of manifest.n8n.nodes) {
			const codexPath = path.join(out, node.replace(/\.js$/, '.json'));
			const codex = readJson(codexPath);
			codex.node = `${manifest.name}.${nodeName(node)}`;
			fs.writeFileSync(codexPath, `${JSON.stringify(codex, null, '\t')}\n`);
		}
		fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
		fs.writeFileSync(path.join(out, 'README.md'), packageReadme(manifest));
		fs.copyFileSync(path.join(ROOT, 'LICENSE.md'), path.join(out, 'LICENSE.md'));
		fs.copyFileSync(path.join(ROOT, 'CHANGELOG.md'), path.join(out, 'CHANGELOG.md'));
		done();
	};
	write.displayName = `${manifest.name}: manifest, codex, README`;
	return series(copy, write);
}

function clean(done) {
	fs.rmSync(OUT, { recursive: true, force: true });
	fs.mkdirSync(OUT, { recursive: true });
	done();
}

function checkBuild(done) {
	if (!fs.existsSync(BUILD)) throw new Error('dist/ is missing: run `npm run build` (n8n-node build) first');
	done();
}

/** `npm pack` of every assembled package; npm's own report (files, sizes) goes to dist-packages/packs.json. */
function pack(done) {
	const packs = manifests().map((manifest) => {
		const stdout = execFileSync('npm', ['pack', '--json', '--pack-destination', OUT, path.join(OUT, manifest.name)], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		return JSON.parse(stdout.toString())[0];
	});
	fs.writeFileSync(path.join(OUT, 'packs.json'), `${JSON.stringify(packs, null, 2)}\n`);
	done();
}

/**
 * Each package's README also stands in its folder under packages/, where the manifest's
 * `homepage` points on GitHub; the package check fails when it drifts from this README.
 */
function readmes(done) {
	for (const manifest of manifests()) {
		fs.writeFileSync(path.join(ROOT, 'packages', manifest.name, 'README.md'), packageReadme(manifest));
	}
	done();
}

const assembleAll = series(checkBuild, clean, parallel(...manifests().map(assemble)));
exports.readmes = readmes;
exports.assemble = assembleAll;
exports.pack = series(assembleAll, pack);
exports.default = assembleAll;
