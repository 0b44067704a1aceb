import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { koreTriggerProperties } from './trigger/description';
import { pollKoreCalls } from './trigger/poll';

export class KoreAiSmartAssistTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kore.ai SmartAssist Trigger',
		name: 'koreAiSmartAssistTrigger',
		icon: { light: 'file:koreAiSmartAssist.svg', dark: 'file:koreAiSmartAssist.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["downloadRecording"] ? "New call recordings" : "New ended voice calls" }}',
		description: 'Starts the workflow when a voice call ends in Kore.ai SmartAssist, optionally with its recording',
		defaults: { name: 'Kore.ai SmartAssist Trigger' },
		credentials: [{ name: 'koreAiSmartAssistApi', required: true }],
		// n8n adds the "Poll Times" parameter to polling nodes itself.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: koreTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollKoreCalls(this);
	}
}
