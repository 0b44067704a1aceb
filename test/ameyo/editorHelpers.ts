/**
 * The two places the editor calls the node outside a run: the Campaign picker (a listSearch
 * method, run in n8n-core's real LoadOptionsContext with the harness's credentials helper) and
 * the credential's Test button (run in n8n-core's real CredentialTestContext, constructed the
 * way n8n's CredentialsTester does).
 */
import { CredentialTestContext, LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeListSearchResult,
} from 'n8n-workflow';

import { AmeyoApi } from '../../credentials/AmeyoApi.credentials';
import { Ameyo } from '../../nodes/Ameyo/Ameyo.node';
import { nodeTypeName, TestCredentialsHelper } from '../harness/index';
import { createAdditionalData } from '../harness/additional-data';
import { ensureContainer } from '../harness/container';
import { createNodeTypes } from '../harness/node-types';
import { testWorkflow } from '../harness/workflow';
import { DOWNLOAD } from './fixtures';

export interface SearchOutcome {
	result?: INodeListSearchResult;
	error?: Error;
	preAuthenticationCalls: number;
}

export async function searchCampaigns(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
): Promise<SearchOutcome> {
	await ensureContainer();
	const nodeType = new Ameyo();
	const helper = new TestCredentialsHelper([new AmeyoApi()], credentials);
	const node: INode = {
		id: 'node-in-editor',
		name: 'Ameyo',
		type: nodeTypeName(nodeType),
		typeVersion: 1,
		position: [0, 0],
		parameters: DOWNLOAD,
		credentials: { ameyoApi: { id: 'cred-ameyoApi', name: 'ameyoApi' } },
	};
	const { workflowData, workflow } = testWorkflow({ id: 'editor-workflow', name: 'Editor', nodes: [node], nodeTypes: createNodeTypes(nodeType) });
	const context = new LoadOptionsContext(
		workflow,
		node,
		createAdditionalData(helper, workflowData, 'load-options'),
		'parameters.campaignId',
	);
	try {
		const result = await nodeType.methods.listSearch.searchCampaigns.call(context, filter);
		return { result, preAuthenticationCalls: helper.preAuthenticationCalls.ameyoApi ?? 0 };
	} catch (error) {
		return { error: error as Error, preAuthenticationCalls: helper.preAuthenticationCalls.ameyoApi ?? 0 };
	}
}

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	await ensureContainer();
	const nodeType = new Ameyo();
	// The tester checks the credential type's own `test` first; Ameyo's is the node's testedBy.
	const testedBy = nodeType.description.credentials?.find((c) => c.name === 'ameyoApi')?.testedBy;
	if (typeof testedBy !== 'string' || 'test' in new AmeyoApi()) throw new Error('ameyoApi is not tested by the node');
	const test = nodeType.methods.credentialTest[testedBy as keyof typeof nodeType.methods.credentialTest];
	return await test.call(new CredentialTestContext(), { id: 'cred-1', name: 'Ameyo', type: 'ameyoApi', data });
}
