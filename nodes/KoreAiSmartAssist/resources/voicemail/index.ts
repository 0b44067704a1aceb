import type { INodeProperties } from 'n8n-workflow';

import { downloadVoicemail, voicemailDownloadDescription } from './download';
import { getVoicemail, voicemailGetDescription } from './get';

const showOnlyForVoicemail = { resource: ['voicemail'] };

export const voicemailDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForVoicemail },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download the voicemail of a call',
				description: 'Stream each voicemail file of a session into a binary item, with its transcription',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the voicemail of a call',
				description: 'The voicemail status, its files (short-lived links) and its transcription as JSON',
			},
		],
		default: 'download',
	},
];

export const voicemailTranscriptionProperty: INodeProperties = {
	displayName: 'Include Transcription',
	name: 'transcription',
	type: 'boolean',
	default: true,
	description: 'Whether to ask Kore.ai for the transcription too, given in the shared transcript shape',
	displayOptions: { show: showOnlyForVoicemail },
};

/** Each operation's options, placed after the parameters the media operations share. */
export const voicemailOptionsDescription: INodeProperties[] = [
	...voicemailGetDescription,
	...voicemailDownloadDescription,
];

export const voicemailOperations = {
	get: getVoicemail,
	download: downloadVoicemail,
};
