import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { vonageTriggerProperties } from './trigger/description';
import { pollVonageContent } from './trigger/poll';

export class VonageContactCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Vonage Contact Center Trigger',
		name: 'vonageContactCenterTrigger',
		icon: { light: 'file:vonageContactCenter.svg', dark: 'file:vonageContactCenter.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["contentTypes"] || []).length ? "New " + $parameter["contentTypes"].join(", ") : "New content" }}',
		description:
			'Starts the workflow when Vonage Contact Center has new call recordings, transcripts, voicemail or other content',
		defaults: { name: 'Vonage Contact Center Trigger' },
		credentials: [{ name: 'vonageContactCenterApi', required: true }],
		// n8n adds the "Poll Times" parameter to polling nodes itself.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: vonageTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollVonageContent(this);
	}
}
