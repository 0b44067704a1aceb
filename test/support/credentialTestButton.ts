import { NodeConnectionTypes, type ICredentialDataDecryptedObject, type ICredentialType, type INodeType } from 'n8n-workflow';

import { runNode } from '../harness/index';

export interface TestButtonResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * What n8n's Test button does with a declarative `test` (CredentialsTester.testCredentials):
 * a throw-away node whose only property routes the credential's test request, run through the
 * real RoutingNode, so preAuthentication and authenticate run as on a server. A failure is
 * reported with the message of the rule for its status code, else the status text, else the
 * network code, else the error message.
 */
export async function pressTestButton(
	credential: ICredentialType,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<TestButtonResult> {
	const test = credential.test;
	if (!test) throw new Error(`${credential.name} has no declarative test`);
	const tester: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['input'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: test.request } }],
		},
	};
	const { error } = await runNode({ nodeType: tester, credentialTypes: [credential], credentials, parameters: { temp: '' } });
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const cause = (error as { cause?: { code?: string; response?: { status?: number; statusText?: string } } }).cause;
	if (cause?.response) {
		const status = cause.response.status;
		const rule = test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
		if (rule) return { status: 'Error', message: rule.properties.message };
		return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${status}` };
	}
	if (cause?.code) return { status: 'Error', message: cause.code };
	return { status: 'Error', message: error.message };
}
