/**
 * The single-node INodeTypes registry the Workflow needs to look up the node under test.
 */
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

/**
 * Package prefix used for type names, as n8n does for community packages
 * (`<package name>.<description.name>`), e.g. `n8n-nodes-contact-center.vonageContactCenter`.
 */
export const PACKAGE_NAME = 'n8n-nodes-contact-center';

export function nodeTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return `${PACKAGE_NAME}.${nodeType.description.name}`;
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

export function createNodeTypes(nodeType: INodeType | IVersionedNodeType): INodeTypes {
	const name = nodeTypeName(nodeType);
	const assertKnown = (requested: string) => {
		if (requested !== name) {
			throw new UnexpectedError(`Unknown node type "${requested}" (harness only knows "${name}")`);
		}
	};
	return {
		getByName(requested) {
			assertKnown(requested);
			return nodeType;
		},
		getByNameAndVersion(requested, version) {
			assertKnown(requested);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes(): IDataObject {
			return { [name]: { className: nodeType.constructor.name, sourcePath: '' } };
		},
	};
}
