/**
 * runAsAgentTool: a node run the way n8n runs it for an AI Agent, in-process with the real engine.
 *
 * n8n loads a `usableAsTool` node a second time as "<name>Tool" (description name + "Tool", no
 * inputs, output `ai_tool`; n8n's `convertNodeToAiTool`). An agent asks the engine to run that
 * tool with an EngineRequest; WorkflowExecute runs the node, logs its output under `ai_tool` and
 * resumes the agent with the result. The stand-in agent here makes one such request and reads the
 * answer as n8n's Tools Agent does (`buildObservation`: JSON of every item's json).
 */
import { WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, type EngineRequest, type EngineResponse, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeType, NodeConnectionTypes, UnexpectedError } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { ensureContainer } from './container';
import { TestCredentialsHelper } from './credentials-helper';
import { createNodeTypes, latestVersion, nodeTypeName } from './node-types';
import { NODE_NAME, type RunNodeOptions } from './run-node';
import { credentialRefs, testWorkflow } from './workflow';

const AGENT = 'AI Agent';
/** The engine resumes an agent through its parent, so the agent needs one. */
const START = 'Chat Message';

export interface AgentToolResult {
	/** The tool result as the agent's model reads it. */
	observation: string;
	/** The node's items as the engine logged them (under `ai_tool`). */
	items: INodeExecutionData[];
}

/** The node's tool variant, described as n8n's loader describes it. */
function asTool(nodeType: INodeType): INodeType {
	const tool: INodeType = Object.assign(Object.create(Object.getPrototypeOf(nodeType) as object) as INodeType, nodeType);
	tool.description = { ...nodeType.description, name: `${nodeType.description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] };
	return tool;
}

/** Calls the tool once with `toolInput`, then outputs what came back. */
function stubAgent(toolInput: IDataObject): INodeType {
	return {
		description: {
			displayName: 'Agent',
			name: 'agent',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<INodeExecutionData[][] | EngineRequest> {
			const answer = response?.actionResponses?.[0];
			if (!answer) {
				const action = { actionType: 'ExecutionNodeAction' as const, nodeName: NODE_NAME, input: toolInput, type: NodeConnectionTypes.AiTool, id: 'call-1', metadata: { itemIndex: 0 } };
				return { actions: [action], metadata: {} };
			}
			const items = answer.data.data?.ai_tool?.[0] ?? [];
			return [[{ json: { observation: JSON.stringify(items.map((item) => item.json)), items: items.map((item) => item.json) } }]];
		},
	};
}

const start: INodeType = {
	description: { displayName: 'Start', name: 'start', group: ['input'], version: 1, description: '', defaults: {}, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [] },
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

export async function runAsAgentTool(opts: RunNodeOptions & { toolInput?: IDataObject }): Promise<AgentToolResult> {
	await ensureContainer();
	const store = opts.credentials ?? {};
	const credentialsHelper = new TestCredentialsHelper(opts.credentialTypes ?? [], store);
	const tool = asTool(opts.nodeType);
	const agent = stubAgent(opts.toolInput ?? {});
	const nodeOf = (name: string, nodeType: INodeType, position: [number, number]): INode =>
		({ id: name, name, type: nodeTypeName(nodeType), typeVersion: latestVersion(nodeType), position, parameters: {} });
	const toolNode: INode = { ...nodeOf(NODE_NAME, tool, [0, 200]), parameters: opts.parameters, credentials: credentialRefs(store) };
	const { workflowData, workflow } = testWorkflow({
		id: 'tool-workflow',
		name: 'Agent tool test',
		nodes: [nodeOf(START, start, [0, 0]), nodeOf(AGENT, agent, [200, 0]), toolNode],
		connections: {
			[START]: { main: [[{ node: AGENT, type: NodeConnectionTypes.Main, index: 0 }]] },
			[NODE_NAME]: { ai_tool: [[{ node: AGENT, type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
		nodeTypes: createNodeTypes(start, agent, tool),
	});
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: workflow.getNode(START) as INode, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const engine = new WorkflowExecute(createAdditionalData(credentialsHelper, workflowData, `tool-${Date.now()}`), 'manual', runExecutionData);
	const run = await engine.processRunExecutionData(workflow);
	const agentRuns = run.data.resultData.runData[AGENT] ?? [];
	const output = agentRuns[agentRuns.length - 1]?.data?.main?.[0]?.[0]?.json;
	if (!output) throw new UnexpectedError(`The agent got no answer: ${JSON.stringify({ error: run.data.resultData.error?.message, runData: run.data.resultData.runData })}`);
	return { observation: String(output.observation), items: (output.items as IDataObject[]).map((json) => ({ json })) };
}
