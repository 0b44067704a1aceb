/**
 * What n8n needs from the built package before it can load it: every node and credential the
 * "n8n" section lists exists in dist/ (one missing file makes n8n skip the whole package), each
 * node has its codex file, and the community-node rules on dependencies hold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!existsSync(join(root, file))) problems.push(`listed in package.json but not built: ${file}`);
}
for (const file of pkg.n8n.nodes) {
	const codex = join(root, file.replace(/\.js$/, '.json'));
	if (!existsSync(codex)) problems.push(`node without codex file: ${codex}`);
}
if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) problems.push('runtime dependencies are not allowed');
if (JSON.stringify(pkg.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	problems.push('peerDependencies must be exactly {"n8n-workflow": "*"}');
}
if (!pkg.name.startsWith('n8n-nodes-') || !pkg.keywords.includes('n8n-community-node-package')) {
	problems.push('name must start with n8n-nodes- and keywords include n8n-community-node-package');
}

if (problems.length > 0) {
	console.error(`Package check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`Package check: ${pkg.n8n.nodes.length} nodes and ${pkg.n8n.credentials.length} credentials built and listed.`);
