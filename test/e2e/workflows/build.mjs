/** Small builders so each e2e workflow reads as the chain of nodes it is. */

export const PKG = 'n8n-nodes-contact-center';

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
