/**
 * The steps every end-to-end run takes in a real n8n, whichever way n8n runs (one process, or
 * queue mode with workers): a PASS/FAIL report, the package-loaded checks, credentials with their
 * Test button, the workflows imported, and each run judged against what the simulator served.
 */
/** Checks that print as they finish and add up to one "N passed, N failed" line. */
export function createReport() {
	const results = [];
	function record(name, ok, detail) {
		results.push({ name, ok, detail });
		console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
	}
	async function check(name, fn) {
		try {
			record(name, true, await fn());
		} catch (error) {
			record(name, false, error.message);
		}
	}
	return {
		check,
		record,
		failed: () => results.filter((r) => !r.ok).length,
		summary: (label) => `${label}: ${results.length - results.filter((r) => !r.ok).length} passed, ${results.filter((r) => !r.ok).length} failed`,
	};
}

/** Log lines of n8n that say one of these vendors' packages failed to load. */
export function loadErrors(output, vendors) {
	const names = vendors.map((v) => v.packageName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
	const pattern = new RegExp(`Failed to load package|nodes/node_modules/(${names})\\b`);
	return output.split('\n').filter((l) => pattern.test(l));
}

/** n8n lists every node and credential of the packages, and loading them logged no error. */
export async function checkPackageLoaded({ n8n, rest, vendors, check, label = '' }) {
	await check(`${label}n8n lists every node and credential of the ${vendors.length} packages`, async () => {
		const headers = { cookie: rest.cookie() };
		const nodes = await (await fetch(`${n8n.url}/types/nodes.json`, { headers })).json();
		const credentials = await (await fetch(`${n8n.url}/types/credentials.json`, { headers })).json();
		const prefixes = vendors.map((v) => `${v.packageName}.`);
		const ours = nodes.filter((n) => prefixes.some((p) => n.name.startsWith(p))).map((n) => n.name);
		const missing = vendors.flatMap((v) => v.nodeTypes).filter((n) => !ours.includes(n));
		const credNames = credentials.map((c) => c.name);
		const missingCreds = vendors.map((v) => v.credentialType).filter((c) => !credNames.includes(c));
		if (missing.length || missingCreds.length) throw new Error(`missing: ${[...missing, ...missingCreds].join(', ')}`);
		return `${ours.length} nodes, ${vendors.length} credentials`;
	});
	await check(`${label}loading the packages logs no errors`, async () => {
		const bad = loadErrors(n8n.output(), vendors);
		if (bad.length) throw new Error(bad.slice(0, 5).join(' | '));
		return 'clean';
	});
}

/**
 * Creates each vendor's credential against the simulator (pressing its Test button, and checking
 * that a wrong secret is explained), then imports its workflows. Returns the imported entries.
 */
export async function setUpVendors({ rest, vendors, sim, context, check, label = '' }) {
	const imported = [];
	for (const vendor of vendors) {
		const data = vendor.credential(sim);
		const credential = await rest.call('POST', '/rest/credentials', data);
		vendor.credentialRecord = { id: credential.id, name: data.name };
		await check(`${label}${vendor.name}: credential Test button succeeds`, async () => {
			const result = await rest.call('POST', '/rest/credentials/test', {
				credentials: { id: credential.id, name: data.name, type: data.type, data: data.data },
			});
			if (result?.status !== 'OK') throw new Error(JSON.stringify(result));
			return result.message;
		});
		if (vendor.badCredential) {
			await check(`${label}${vendor.name}: credential Test button explains a wrong secret`, async () => {
				const bad = vendor.badCredential(sim);
				const saved = await rest.call('POST', '/rest/credentials', { ...bad, name: `${bad.name} (wrong)` });
				const result = await rest.call('POST', '/rest/credentials/test', {
					credentials: { id: saved.id, name: saved.name, type: bad.type, data: bad.data },
				});
				if (result?.status === 'OK') throw new Error('a wrong secret passed the test');
				// Failing is not enough: the message must say the secret was refused, not something else.
				if (vendor.badCredentialExplains && !vendor.badCredentialExplains.test(result?.message ?? '')) {
					throw new Error(`not explained as a refused secret: ${result?.message}`);
				}
				return result.message;
			});
		}
		for (const entry of vendor.workflows(vendor.credentialRecord, sim, context)) {
			const saved = await rest.call('POST', '/rest/workflows', entry.workflow);
			imported.push({ ...entry, id: saved.id, vendor });
		}
	}
	return imported;
}

/**
 * The verdict on one workflow run: an expected error must be readable, anything else must have
 * succeeded and pass the entry's own verify(). `outcome`: { ok, run?, errorText, note? }.
 */
export function judgeRun(entry, outcome, sim, context) {
	if (entry.expectError) {
		if (outcome.ok) throw new Error('expected the run to fail');
		if (!entry.expectError.test(outcome.errorText)) throw new Error(`error not readable: ${outcome.errorText.slice(-800)}`);
		return 'fails with a readable error';
	}
	if (!outcome.ok) throw new Error(outcome.errorText.slice(-1500));
	const verdict = entry.verify(outcome.run, sim, context);
	return outcome.note ? `${verdict} (${outcome.note})` : verdict;
}
