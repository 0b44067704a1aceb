/**
 * runPoll: one poll of a polling trigger, in-process, with n8n-core's real PollContext (the
 * context n8n builds for every scheduled poll and for "Fetch Test Event"), the harness's
 * credentials helper and binary store. Static data goes in and comes back out as plain JSON,
 * the way n8n saves it between polls and restarts.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { onFakeClock } from '../support/fakeClock';
import { createAdditionalData } from './additional-data';
import { ensureContainer } from './container';
import { TestCredentialsHelper } from './credentials-helper';
import { createNodeTypes, latestVersion, nodeTypeName } from './node-types';
import { NODE_NAME } from './run-node';
import { credentialRefs, testWorkflow } from './workflow';

export interface RunPollOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentialTypes?: ICredentialType[];
	/** Credential type name -> decrypted data. Mutated in place (like the DB) by preAuthentication. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** The workflow's static data as saved after an earlier poll; the poll gets its own copy. */
	staticData?: IDataObject;
	/** 'trigger' (an active workflow's scheduled poll, the default) or 'manual' (Fetch Test Event). */
	mode?: 'trigger' | 'manual';
	activation?: WorkflowActivateMode;
	/**
	 * The workflow's id; by default each poll's own, so what the process remembers of a trigger's
	 * polls (nodes/shared/trigger/pollTime.ts) carries to another poll only where a spec says so.
	 */
	workflowId?: string;
}

export interface RunPollResult {
	/** `main[0]` of what poll() returned; empty when it returned null. */
	items: INodeExecutionData[];
	/** poll() returned null: n8n starts no execution. */
	returnedNull: boolean;
	/** The workflow's static data after the poll, as plain JSON (what n8n would save). */
	staticData: IDataObject;
	/** What poll() threw, if anything. */
	error?: Error;
}

let pollCounter = 0;

export async function runPoll(opts: RunPollOptions): Promise<RunPollResult> {
	await ensureContainer();
	const pollNumber = ++pollCounter;
	const nodeType = opts.nodeType;
	if (typeof nodeType.poll !== 'function') throw new Error(`${nodeType.description.name} has no poll()`);

	const credentialStore = opts.credentials ?? {};
	const credentialsHelper = new TestCredentialsHelper(opts.credentialTypes ?? [], credentialStore);
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: nodeTypeName(nodeType),
		typeVersion: latestVersion(nodeType),
		position: [0, 0],
		parameters: opts.parameters,
		credentials: credentialRefs(credentialStore),
	};
	const { workflowData, workflow } = testWorkflow({
		id: opts.workflowId ?? `test-workflow-${pollNumber}`,
		name: 'Trigger test',
		nodes: [node],
		nodeTypes: createNodeTypes(nodeType),
		active: opts.mode !== 'manual',
		staticData: structuredClone(opts.staticData ?? {}),
	});

	const mode = opts.mode ?? 'trigger';
	const additionalData = createAdditionalData(credentialsHelper, workflowData, `poll-${pollNumber}`);
	const refuse = () => {
		throw new Error('poll() must return its items, not emit them');
	};
	const context = new PollContext(
		workflow,
		workflow.getNode(NODE_NAME) as INode,
		additionalData,
		mode,
		opts.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
		refuse,
		refuse,
	);

	let returned: INodeExecutionData[][] | null = null;
	let error: Error | undefined;
	try {
		// Waits the trigger asks for pass on a virtual clock: see fakeClock.
		returned = await onFakeClock(async () => await nodeType.poll!.call(context));
	} catch (thrown) {
		error = thrown as Error;
	}
	return {
		items: returned?.[0] ?? [],
		returnedNull: returned === null,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		error,
	};
}
