import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { redactConversationText, redactTranscript } from './redaction';
import { transcriptJson, type Transcript, type TranscriptSegment } from './transcript';

/** The Redact option, in the same words on every operation that outputs a transcript. */
export const redactOption: INodeProperties = {
	displayName: 'Redact',
	name: 'redact',
	type: 'boolean',
	default: false,
	description:
		'Whether to replace payment card numbers, security codes and expiry dates (after a cue such as "CVV" or "expires"), e-mail addresses, phone numbers, IBANs, US SSNs and UK National Insurance numbers with tokens such as [CARD] before the transcript leaves this node, counted in "redactions". The vendor\'s original ("raw") is then left out, as it holds the original words.',
};

export interface RedactChoice {
	redact?: boolean;
}

/** A transcript as an item's json: redacted (raw dropped, counts added) when Redact is on. */
export function transcriptOutput<Segment extends TranscriptSegment>(transcript: Transcript<Segment>, choice: RedactChoice): IDataObject {
	if (choice.redact !== true) return transcriptJson(transcript);
	return transcriptJson(redactTranscript(transcript));
}

/** A conversation as plain text, redacted when Redact is on: `{ text, redactions? }`. */
export function plainTextOutput(text: string, choice: RedactChoice): { text: string; redactions?: IDataObject } {
	if (choice.redact !== true) return { text };
	const redacted = redactConversationText(text);
	return { text: redacted.text, redactions: redacted.redactions };
}
