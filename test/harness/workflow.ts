/**
 * The workflow around the node under test, the same for every way the harness runs a node: the
 * saved form (which the additional data reads) and the engine's Workflow of it, which fills
 * parameter defaults from the node description as the editor does.
 */
import { type IConnections, type IDataObject, type INode, type INodeCredentials, type INodeTypes, type IWorkflowBase, Workflow } from 'n8n-workflow';

/** Every supplied credential attached to the node, like a user picking one in the editor. */
export function credentialRefs(store: Record<string, unknown>): INodeCredentials {
	return Object.fromEntries(Object.keys(store).map((type) => [type, { id: `cred-${type}`, name: type }]));
}

export interface TestWorkflowSpec {
	id: string;
	name: string;
	nodes: INode[];
	nodeTypes: INodeTypes;
	connections?: IConnections;
	active?: boolean;
	staticData?: IDataObject;
}

export function testWorkflow(spec: TestWorkflowSpec): { workflowData: IWorkflowBase; workflow: Workflow } {
	const workflowData: IWorkflowBase = {
		id: spec.id,
		name: spec.name,
		active: spec.active ?? false,
		isArchived: false,
		nodes: spec.nodes,
		connections: spec.connections ?? {},
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: workflowData.active,
		nodeTypes: spec.nodeTypes,
		settings: workflowData.settings,
		staticData: spec.staticData,
	});
	return { workflowData, workflow };
}
