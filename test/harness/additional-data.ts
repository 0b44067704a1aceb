/**
 * A plain IWorkflowExecuteAdditionalData: only what n8n-core touches while running a regular
 * action node. Capabilities a community node must not rely on (sub-workflows, task runners,
 * agents) throw, so an accidental dependency fails loudly instead of returning mock junk.
 */
import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import { type IWorkflowBase, type IWorkflowExecuteAdditionalData, UnexpectedError } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials-helper';

const BASE_URL = 'http://localhost:5678';

const unsupported = (what: string) => async (): Promise<never> => {
	throw new UnexpectedError(`${what} is not available in the node test harness`);
};

export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper,
		// No handlers: the run result comes back from processRunExecutionData directly.
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executionId,
		workflowId: workflowData.id,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: BASE_URL,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
		// No secrets manager attached: `$secrets` lookups report "no such provider".
		externalSecretsProxy: new ExternalSecretsProxy(),
	};
	return additionalData;
}
