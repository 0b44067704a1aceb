import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { searchCampaigns } from './resources/voiceLog/campaigns';
import { voiceLogDescription, voiceLogOperations } from './resources/voiceLog/index';
import { ameyoApiTest } from './transport/credentialTest';

export class Ameyo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ameyo',
		name: 'ameyo',
		icon: { light: 'file:ameyo.svg', dark: 'file:ameyo.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Download call recordings (voice logs) from an Ameyo / Exotel contact-center server',
		defaults: { name: 'Ameyo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ameyoApi', required: true, testedBy: 'ameyoApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Voice Log', value: 'voiceLog', description: 'Call recordings' }],
				default: 'voiceLog',
			},
			...voiceLogDescription,
		],
	};

	methods = {
		credentialTest: { ameyoApiTest },
		listSearch: { searchCampaigns },
	};

	// A programmatic node: n8n dispatches each operation to its function here (customOperations), each
	// declared the one way of nodes/shared/node/operation.ts. Routing would be dishonest for these:
	// streaming into the binary store, sniffing the first bytes and logging in again have no routing hook.
	customOperations = {
		voiceLog: voiceLogOperations,
	};
}
