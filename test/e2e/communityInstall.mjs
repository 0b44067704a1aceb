/**
 * Installing the four packages into a running n8n from the local registry, one at a time, and
 * checking after each install that n8n gained exactly that package's nodes and credential:
 * a package installed alone brings nothing of another vendor and lacks nothing of its own.
 *
 * n8n 2.41.1 installs from the registry in N8N_COMMUNITY_PACKAGES_REGISTRY only when the
 * instance is licensed for it (feature `feat:communityNodes:customRegistry`); an unlicensed
 * instance refuses with "Your license does not allow for feat:communityNodes:customRegistry".
 * The test instance stands in for a licensed one through n8n's own end-to-end test switch
 * (E2E_TESTS=true), which lets a test turn licence features on: everything else (npm pack from
 * the registry, npm install, loading, the package record) is n8n's real install path.
 */
export const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

/** The environment of an n8n that installs community packages from `registryUrl`. */
export function registryEnv(registryUrl) {
	return { N8N_COMMUNITY_PACKAGES_REGISTRY: registryUrl, E2E_TESTS: 'true' };
}

/** Turns on the licence feature for a custom registry through n8n's e2e test endpoint. */
export async function allowCustomRegistry(baseUrl) {
	const res = await fetch(`${baseUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: CUSTOM_REGISTRY_FEATURE, enabled: true }),
	});
	if (!res.ok) throw new Error(`n8n refused to enable ${CUSTOM_REGISTRY_FEATURE}: HTTP ${res.status}`);
}

/** The node and credential types n8n serves to the editor right now. */
export async function loadedTypes(baseUrl, rest) {
	const headers = { cookie: rest.cookie() };
	const nodes = await (await fetch(`${baseUrl}/types/nodes.json`, { headers })).json();
	const credentials = await (await fetch(`${baseUrl}/types/credentials.json`, { headers })).json();
	return { nodes: new Set(nodes.map((n) => n.name)), credentials: new Set(credentials.map((c) => c.name)) };
}

/** What Settings → Community nodes → Install sends: n8n's REST install of `name@version`. */
export async function installThroughRest(rest, pkg) {
	return await rest.call('POST', '/rest/community-packages', { name: `${pkg.name}@${pkg.version}` });
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Installs each vendor's package with `install(pkg)` and checks what n8n gained from it.
 * `packages` are the assembled ones ({ name, version }); vendors say which types each must bring.
 */
export async function installOneByOne({ baseUrl, rest, vendors, packages, install, check, label = '' }) {
	for (const vendor of vendors) {
		const pkg = packages.find((p) => p.name === vendor.packageName);
		await check(`${label}${pkg.name} installed alone brings only its own nodes and credential`, async () => {
			if (!pkg) throw new Error(`${vendor.packageName} was not assembled`);
			const before = await loadedTypes(baseUrl, rest);
			const how = await install(pkg);
			const after = await loadedTypes(baseUrl, rest);
			const gained = [...after.nodes].filter((n) => !before.nodes.has(n)).sort();
			// n8n adds an AI-agent variant `<type>Tool` of every node that is usable as a tool.
			const nodes = gained.filter((n) => !(n.endsWith('Tool') && vendor.nodeTypes.includes(n.slice(0, -4))));
			const credentials = [...after.credentials].filter((c) => !before.credentials.has(c)).sort();
			if (!sameSet(nodes, [...vendor.nodeTypes].sort()) || !sameSet(credentials, [vendor.credentialType])) {
				throw new Error(`n8n gained nodes [${nodes.join(', ')}] and credentials [${credentials.join(', ')}]; expected [${vendor.nodeTypes.join(', ')}] and [${vendor.credentialType}]`);
			}
			return `${how ?? 'installed'}: ${gained.join(', ')} + ${credentials.join(', ')}`;
		});
	}
}
