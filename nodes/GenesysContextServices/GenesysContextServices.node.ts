import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { contentDescription, contentOperations } from './resources/content/index';
import { interactionDescription, interactionOperations } from './resources/interaction/index';

export class GenesysContextServices implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Context Services',
		name: 'genesysContextServices',
		icon: { light: 'file:genesysContextServices.svg', dark: 'file:genesysContextServices.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Interactions, chat transcripts, plain text and attachments from Genesys Engage Context Services / Universal Contact Server (UCS)',
		defaults: { name: 'Genesys Context Services' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysContextServicesApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Content', value: 'content', description: 'Plain text, structured text (transcripts) and binary content' },
					{ name: 'Interaction', value: 'interaction', description: 'Chats, e-mails and other multimedia interactions' },
				],
				default: 'interaction',
			},
			...interactionDescription,
			...contentDescription,
		],
	};

	// A programmatic node: n8n dispatches each operation to its function here (customOperations), each
	// declared the one way of nodes/shared/node/operation.ts. Routing would be dishonest for these:
	// streaming into the binary store, the shared retry policy and redirects kept on the configured server
	// have no routing hook.
	customOperations = {
		interaction: interactionOperations,
		content: contentOperations,
	};
}
