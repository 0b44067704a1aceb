import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { transcriptJson } from '../../../shared/transcript';
import type { KoreRun } from '../../transport/koreApi';
import type { MediaTarget, WaitedListing } from '../../transport/mediaFetch';
import { botIdParameter, sessionIdParameter } from '../parameters';
import { voicemailTranscript } from './voicemailTranscript';

export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw Transcription',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to keep Kore.ai\'s original transcription entries in the transcript\'s "raw" field',
};

/** Which voicemail an item asks for, validated before any request. */
export function voicemailTarget(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): MediaTarget {
	const botId = botIdParameter(fx, run, itemIndex);
	const sessionId = sessionIdParameter(fx, itemIndex);
	const transcription = fx.getNodeParameter('transcription', itemIndex, true) === true;
	return { kind: 'voicemail', botId, sessionId, itemIndex, transcription };
}

/** `{ transcript }` in the shared shape when the transcription was asked for, else nothing. */
export function transcriptPart(fx: IExecuteFunctions, target: MediaTarget, waited: WaitedListing) {
	if (!target.transcription) return {};
	const { includeRaw } = fx.getNodeParameter('options', target.itemIndex, {}) as { includeRaw?: boolean };
	const transcript = voicemailTranscript(target.sessionId, waited.listing.transcriptions ?? [], includeRaw === true);
	return { transcript: transcriptJson(transcript) };
}
