/** Small builders so each e2e workflow reads as the chain of nodes it is. */

/**
 * The npm package of each vendor: n8n names a community node type `<package>.<node>`, so the
 * package is part of every node type in these workflows.
 */
export const PACKAGES = {
	vonage: 'n8n-nodes-vonage-contact-center',
	ameyo: 'n8n-nodes-ameyo',
	kore: 'n8n-nodes-kore-ai-smartassist',
	genesys: 'n8n-nodes-genesys-context-services',
};

let counter = 0;

export function node(name, type, parameters, extra = {}) {
	counter += 1;
	return { id: `e2e-${counter}`, name, type, typeVersion: 1, position: [counter * 220, 0], parameters, ...extra };
}

export function manualTrigger() {
	return node('Start', 'n8n-nodes-base.manualTrigger', {});
}

/** A Crypto node that puts the sha256 of a binary field into json.sha256, so hashes can be compared. */
export function sha256Of(name, binaryPropertyName = 'data') {
	return node(name, 'n8n-nodes-base.crypto', {
		action: 'hash',
		type: 'SHA256',
		binaryData: true,
		binaryPropertyName,
		dataPropertyName: 'sha256',
		encoding: 'hex',
	});
}

/** Nodes run in the order given, each feeding the next. */
export function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

export function withCredential(nodeDef, type, credential) {
	return { ...nodeDef, credentials: { [type]: { id: credential.id, name: credential.name } } };
}

/** Output items of a node in an `n8n execute --rawOutput` result. */
export function outputOf(run, nodeName) {
	const tasks = run?.data?.resultData?.runData?.[nodeName];
	if (!tasks) throw new Error(`node "${nodeName}" did not run`);
	return tasks.flatMap((t) => t.data?.main?.[0] ?? []);
}

/**
 * A fixed list of input items (Edit Fields in raw JSON mode, then Split Out): the ids a workflow
 * works through, taken from the simulator's catalog when the workflow is built. Returns two nodes.
 */
export function itemsFrom(name, list) {
	return [
		node(name, 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ items: list }), options: {} }, { typeVersion: 3.4 }),
		node(`${name} (one per item)`, 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} }),
	];
}

/** A Filter node keeping the items whose `field` is not `value`. */
export function keepUnless(name, field, value) {
	return node(
		name,
		'n8n-nodes-base.filter',
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
				conditions: [
					{ id: `${name}-1`, leftValue: `={{ $json.${field} }}`, rightValue: value, operator: { type: 'string', operation: 'notEquals' } },
				],
				combinator: 'and',
			},
			options: {},
		},
		{ typeVersion: 2 },
	);
}

/** Throws unless `t` is a transcript in the shared shape ({vendor, interactionId, channel, text, segments}). */
export function assertSharedTranscript(t, { vendor, interactionId, channel, minSegments = 0 }) {
	const where = `transcript of ${interactionId}`;
	if (!t || typeof t !== 'object') throw new Error(`no ${where}`);
	if (t.vendor !== vendor) throw new Error(`${where}: vendor ${JSON.stringify(t.vendor)}, expected ${vendor}`);
	if (t.interactionId !== interactionId) throw new Error(`${where}: interactionId ${JSON.stringify(t.interactionId)}`);
	if (channel && t.channel !== channel) throw new Error(`${where}: channel ${JSON.stringify(t.channel)}, expected ${channel}`);
	if (typeof t.text !== 'string') throw new Error(`${where}: text is not a string`);
	if (!Array.isArray(t.segments) || t.segments.length < minSegments) {
		throw new Error(`${where}: expected at least ${minSegments} segments, got ${JSON.stringify(t.segments)?.slice(0, 200)}`);
	}
	for (const s of t.segments) {
		if (typeof s?.speaker !== 'string' || typeof s?.text !== 'string') {
			throw new Error(`${where}: segment without speaker/text: ${JSON.stringify(s).slice(0, 200)}`);
		}
	}
	if (minSegments > 0 && t.text.trim() === '') throw new Error(`${where}: empty text`);
}

/** Compares hashed download items with the files the simulator served, keyed by `keyOf`. */
export function assertSameFiles(items, expected, keyOf, what) {
	if (items.length !== expected.size) {
		throw new Error(`expected ${expected.size} ${what}, got ${items.length}: ${items.map(({ json }) => keyOf(json)).join(', ')}`);
	}
	const seen = new Set();
	for (const { json } of items) {
		const key = keyOf(json);
		const want = expected.get(key);
		if (!want) throw new Error(`unexpected ${what} ${key}`);
		if (seen.has(key)) throw new Error(`${what} ${key} came twice`);
		seen.add(key);
		if (json.sha256 !== want.sha256) throw new Error(`hash mismatch for ${key}`);
		if (json.bytes !== want.bytes) throw new Error(`size mismatch for ${key}: ${json.bytes} ≠ ${want.bytes}`);
	}
}
