/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, never shipped: it reads the package manifests */
/**
 * The single-node INodeTypes registry the Workflow needs to look up the node under test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { type IDataObject, type INodeType, type INodeTypes, type IVersionedNodeType, NodeHelpers, UnexpectedError } from 'n8n-workflow';

const MANIFESTS = join(__dirname, '..', '..', 'packages');

/**
 * The published package of each node class, from the per-vendor manifests (packages/<name>/
 * package.json list `dist/nodes/<Folder>/<Class>.node.js`): n8n names a community node type
 * `<package name>.<description.name>`, e.g. `n8n-nodes-vonage-contact-center.vonageContactCenter`.
 */
const PACKAGE_OF_CLASS: ReadonlyMap<string, string> = new Map(
	readdirSync(MANIFESTS).flatMap((dir) => {
		const manifest = JSON.parse(readFileSync(join(MANIFESTS, dir, 'package.json'), 'utf8')) as { name: string; n8n: { nodes: string[] } };
		return manifest.n8n.nodes.map((file): [string, string] => [basename(file, '.node.js'), manifest.name]);
	}),
);

/** Nodes no published package lists (the harness's own fixtures) take the workspace's name. */
const WORKSPACE_PACKAGE = (JSON.parse(readFileSync(join(MANIFESTS, '..', 'package.json'), 'utf8')) as { name: string }).name;

export function packageOf(nodeType: INodeType | IVersionedNodeType): string {
	return PACKAGE_OF_CLASS.get(nodeType.constructor.name) ?? WORKSPACE_PACKAGE;
}

export function nodeTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return `${packageOf(nodeType)}.${nodeType.description.name}`;
}

/** The version n8n would put on a freshly added node: `defaultVersion`, else the highest. */
export function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	const { description } = nodeType;
	if ('defaultVersion' in description && typeof description.defaultVersion === 'number') {
		return description.defaultVersion;
	}
	const version = (description as { version?: number | number[] }).version ?? 1;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The registry a Workflow looks node types up in: the node under test and any helper nodes. */
export function createNodeTypes(...nodeTypes: Array<INodeType | IVersionedNodeType>): INodeTypes {
	const byName = new Map(nodeTypes.map((nodeType) => [nodeTypeName(nodeType), nodeType]));
	const get = (requested: string) => {
		const nodeType = byName.get(requested);
		if (!nodeType) throw new UnexpectedError(`Unknown node type "${requested}" (harness only knows "${[...byName.keys()].join('", "')}")`);
		return nodeType;
	};
	return {
		getByName: get,
		getByNameAndVersion: (requested, version) => NodeHelpers.getVersionedNodeType(get(requested), version),
		getKnownTypes: (): IDataObject =>
			Object.fromEntries([...byName].map(([name, nodeType]) => [name, { className: nodeType.constructor.name, sourcePath: '' }])),
	};
}
