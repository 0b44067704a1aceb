/**
 * runNode: execute one node in-process with the real n8n engine (Workflow + WorkflowExecute).
 *
 * The node under test is put straight on the execution stack with the input items as its
 * `main[0]` input (the same trick as n8n's own nodes-testing harness), so output
 * `pairedItem.item` indexes into `inputItems`.
 */
import { WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, type ICredentialDataDecryptedObject, type ICredentialType, type INode, type INodeExecutionData, type INodeParameters, type INodeType, type IRun } from 'n8n-workflow';

import { onFakeClock } from '../support/fakeClock';
import { createAdditionalData } from './additional-data';
import { ensureContainer } from './container';
import { captureNodeErrors, rehydrateError } from './errors';
import { TestCredentialsHelper } from './credentials-helper';
import { createNodeTypes, latestVersion, nodeTypeName } from './node-types';
import { credentialRefs, testWorkflow } from './workflow';

export interface RunNodeOptions {
	/** An instance of the node class (declarative, customOperations or programmatic). */
	nodeType: INodeType;
	parameters: INodeParameters;
	credentialTypes?: ICredentialType[];
	/** Credential type name -> decrypted data. Mutated in place (like the DB) by preAuthentication. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items fed to the node; default `[{ json: {} }]`. */
	inputItems?: INodeExecutionData[];
	/** Sets `node.onError = 'continueRegularOutput'`. */
	continueOnFail?: boolean;
}

export interface RunNodeResult {
	/** `main[0]` of the node under test (empty if it produced nothing). */
	items: INodeExecutionData[];
	/** The node's execution error, if the run failed. */
	error?: Error;
	/** Credential data after the run (the same object as `opts.credentials` when given). */
	credentialStore: Record<string, ICredentialDataDecryptedObject>;
	/** preAuthentication runs per credential type during this run. */
	preAuthenticationCalls: Record<string, number>;
}

/** Name of the node inside the one-node workflow. */
export const NODE_NAME = 'Node Under Test';

let executionCounter = 0;

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	await ensureContainer();

	const credentialStore = opts.credentials ?? {};
	const credentialsHelper = new TestCredentialsHelper(opts.credentialTypes ?? [], credentialStore);

	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: nodeTypeName(opts.nodeType),
		typeVersion: latestVersion(opts.nodeType),
		position: [0, 0],
		parameters: opts.parameters,
		credentials: credentialRefs(credentialStore),
		...(opts.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};

	const { workflowData, workflow } = testWorkflow({
		id: 'test-workflow',
		name: 'Node test',
		nodes: [node],
		nodeTypes: createNodeTypes(opts.nodeType),
	});

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(NODE_NAME) as INode,
					data: { main: [opts.inputItems ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});

	// A fresh execution id per run keeps each run's binary files in their own folder.
	const executionId = String(++executionCounter);
	const additionalData = createAdditionalData(credentialsHelper, workflowData, executionId);
	const engine = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const thrownError = captureNodeErrors(engine);
	// Waits the node asks for (backoff, Retry-After, pacing) pass on a virtual clock: see fakeClock.
	const run: IRun = await onFakeClock(async () => await engine.processRunExecutionData(workflow));

	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	// The engine records the node's error even when onError lets the run continue.
	const recordedError = taskData?.error ?? run.data.resultData.error;
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: recordedError && (thrownError() ?? rehydrateError(recordedError)),
		credentialStore,
		preAuthenticationCalls: credentialsHelper.preAuthenticationCalls,
	};
}
