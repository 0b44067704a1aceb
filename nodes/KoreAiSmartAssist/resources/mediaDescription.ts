import type { INodeProperties } from 'n8n-workflow';

import {
	binaryFieldProperty,
	sessionProperties,
	waitProperties,
	whenNoMediaProperty,
} from './mediaParameters';
import { recordingOptionsDescription } from './recording';
import { voicemailOptionsDescription, voicemailTranscriptionProperty } from './voicemail';

const showForMedia = { resource: ['recording', 'voicemail'] };
const showForMediaDownload = { resource: ['recording', 'voicemail'], operation: ['download'] };

/** Recording and Voicemail work the same way, so they share one set of parameters, in this order. */
export const mediaDescription: INodeProperties[] = [
	...sessionProperties(showForMedia),
	voicemailTranscriptionProperty,
	binaryFieldProperty(showForMediaDownload),
	...waitProperties(showForMedia),
	whenNoMediaProperty(showForMediaDownload),
	...recordingOptionsDescription,
	...voicemailOptionsDescription,
];
