import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { callDescription, callOperations } from './resources/call/index';
import { mediaDescription, mediaOperations } from './resources/media';

export class KoreAiSmartAssist implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai SmartAssist',
		name: 'koreAiSmartAssist',
		icon: { light: 'file:koreAiSmartAssist.svg', dark: 'file:koreAiSmartAssist.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Call recordings, voicemail with transcription, and call details from Kore.ai SmartAssist / XO Contact Center',
		defaults: { name: 'Kore.ai SmartAssist' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'koreAiSmartAssistApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call', value: 'call', description: 'Call details, to find session IDs' },
					{ name: 'Recording', value: 'recording', description: 'Call recordings' },
					{ name: 'Voicemail', value: 'voicemail', description: 'Voicemail files and their transcription' },
				],
				default: 'recording',
			},
			...mediaDescription,
			...callDescription,
		],
	};

	// A programmatic node: n8n dispatches each operation to its function here (customOperations), each
	// declared the one way of nodes/shared/node/operation.ts. Routing would be dishonest for these:
	// signed-URL second hops streamed into the binary store, waiting for media, windowed paging and
	// pacing shared across items have no routing hook.
	customOperations = {
		recording: mediaOperations('recording'),
		voicemail: mediaOperations('voicemail'),
		call: callOperations,
	};
}
