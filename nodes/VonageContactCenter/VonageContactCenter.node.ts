import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { analysisDescription, analysisOperations } from './resources/analysis/index';
import { contentDescription, contentOperations } from './resources/content/index';
import { interactionDescription, interactionOperations } from './resources/interaction/index';

export class VonageContactCenter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vonage Contact Center',
		name: 'vonageContactCenter',
		icon: { light: 'file:vonageContactCenter.svg', dark: 'file:vonageContactCenter.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Call recordings, transcripts, voicemail, screen recordings and Conversation Analyzer results from Vonage Contact Center',
		defaults: { name: 'Vonage Contact Center' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'vonageContactCenterApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Analysis', value: 'analysis', description: 'Conversation Analyzer results' },
					{ name: 'Content', value: 'content', description: 'Recordings, transcripts and other files' },
					{ name: 'Interaction', value: 'interaction', description: 'Calls, chats and other interactions' },
				],
				default: 'content',
			},
			...interactionDescription,
			...contentDescription,
			...analysisDescription,
		],
	};

	// A programmatic node: n8n dispatches each operation to its function here (customOperations), each
	// declared the one way of nodes/shared/node/operation.ts. Routing would be dishonest for these:
	// streaming into the binary store, session renewal, Retry-After and pacing have no routing hook.
	customOperations = {
		interaction: interactionOperations,
		content: contentOperations,
		analysis: analysisOperations,
	};
}
