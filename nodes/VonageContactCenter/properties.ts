import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../shared/node/properties';

/** Fields the Vonage Contact Center shows in more than one place (operations, trigger), written once. */

/** Content types an interaction can list (Interaction Content API). */
export const CONTENT_TYPES = [
	{ name: 'Attachment', value: 'attachment' },
	{ name: 'Call Recording', value: 'callRecording' },
	{ name: 'Categorization Result', value: 'categorizationResult' },
	{ name: 'Chat Transcript', value: 'chatTranscript' },
	{ name: 'IVR Audio Recording', value: 'ivrAudioRecording' },
	{ name: 'Screen Recording', value: 'screenRecording' },
	{ name: 'Transcript', value: 'transcript' },
	{ name: 'Video Recording', value: 'videoRecording' },
	{ name: 'Voicemail', value: 'voicemail' },
];

/** The search filters VCC supports; the trigger offers the same ones. */
export const INTERACTION_FILTERS: INodeProperties[] = [
	{
		displayName: 'Agent ID',
		name: 'handlingAgentId',
		type: 'string',
		default: '',
		description: 'Only interactions handled by this agent',
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'options',
		options: [
			{ name: 'Inbound', value: 'inbound' },
			{ name: 'Outbound', value: 'outbound' },
			{ name: 'Internal', value: 'internal' },
		],
		default: 'inbound',
	},
	{
		displayName: 'From (Starts With)',
		name: 'connectFrom',
		type: 'string',
		default: '',
		placeholder: '+1415',
		description: 'Only interactions whose calling number starts with this',
	},
	{
		displayName: 'To (Starts With)',
		name: 'connectTo',
		type: 'string',
		default: '',
		description: 'Only interactions whose called number starts with this',
	},
];

/** The interaction an operation works on, described for that operation. */
export function interactionGuidProperty(show: Show, description: string): INodeProperties {
	return {
		displayName: 'Interaction GUID',
		name: 'guid',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2480fc2c-bbd7-427c-9439-02f76583aef5',
		description,
		displayOptions: { show },
	};
}
