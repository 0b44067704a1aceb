import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { redactConversationText, redactTranscript } from './redaction';
import { segmentFromLine, transcriptJson, type Transcript, type TranscriptSegment } from './transcript';
import { formatPlainText, formatTranscript, type TextFormat } from './transcriptFormat';
import { transcriptMetrics } from './transcriptMetrics';

/** The Redact option, in the same words on every operation that outputs a transcript. */
export const redactOption: INodeProperties = {
	displayName: 'Redact',
	name: 'redact',
	type: 'boolean',
	default: false,
	description:
		'Whether to replace payment card numbers, security codes and expiry dates (after a cue such as "CVV" or "expires"), e-mail addresses, phone numbers, IBANs, US SSNs and UK National Insurance numbers with tokens such as [CARD] before the transcript leaves this node, counted in "redactions". The vendor\'s original ("raw") is then left out, as it holds the original words.',
};

/** The Text Format option, beside Redact on every operation that outputs a transcript. */
export const textFormatOption: INodeProperties = {
	displayName: 'Text Format',
	name: 'textFormat',
	type: 'options',
	options: [
		{ name: 'Speaker Lines', value: 'speakerLines', description: 'One "Speaker: words" line per turn' },
		{ name: 'Slack', value: 'slack', description: 'Slack mrkdwn: bold speaker names, Slack\'s control characters escaped, cut at its 40,000-character message limit' },
		{ name: 'Timestamped', value: 'timestamped', description: '"[mm:ss] Speaker: words" where the turn has a time' },
	],
	default: 'speakerLines',
	description: 'How the transcript\'s "text" is written (after redaction, when Redact is on)',
};

export interface RedactChoice {
	redact?: boolean;
}

export interface TranscriptChoice extends RedactChoice {
	textFormat?: TextFormat;
	/** The node runs as an AI Agent's tool: the agent gets the text, not the segments or raw. */
	asTool?: boolean;
}

/**
 * n8n runs a `usableAsTool` node for an AI Agent as a copy of it whose type name ends in "Tool"
 * (both when the agent invokes it and when the engine runs it on the agent's request).
 */
export function runsAsAiTool(fx: IExecuteFunctions): boolean {
	return fx.getNode().type.endsWith('Tool');
}

/** Redact, Text Format and whether the node runs as a tool, for one item. */
export function transcriptChoice(fx: IExecuteFunctions, itemIndex: number): TranscriptChoice {
	const { redact, textFormat } = fx.getNodeParameter('options', itemIndex, {}) as TranscriptChoice;
	return { redact, textFormat, asTool: runsAsAiTool(fx) };
}

/**
 * A transcript as an item's json: redacted when Redact is on (raw dropped, counts added), its
 * `text` in the chosen format, and `metrics` computed from the original segments. As a tool the
 * segments and raw stay out: an agent reads the text.
 */
export function transcriptOutput<Segment extends TranscriptSegment>(transcript: Transcript<Segment>, choice: TranscriptChoice): IDataObject {
	const shown = choice.redact === true ? redactTranscript(transcript) : transcript;
	const json = transcriptJson({ ...shown, text: formatTranscript(shown, choice.textFormat) });
	json.metrics = transcriptMetrics(transcript.segments);
	if (choice.asTool === true) {
		delete json.segments;
		delete json.raw;
	}
	return json;
}

/** A conversation as plain text, redacted when Redact is on, in the chosen format: `{ text, redactions? }`. */
export function plainTextOutput(text: string, choice: TranscriptChoice): { text: string; redactions?: IDataObject } {
	if (choice.redact !== true) return { text: formatPlainText(text, choice.textFormat) };
	const redacted = redactConversationText(text);
	return { text: formatPlainText(redacted.text, choice.textFormat), redactions: redacted.redactions };
}

/** Metrics of a plain-text conversation, each "Speaker: words" line read as a turn. */
export function plainTextMetrics(text: string): IDataObject {
	const segments = text.split(/\r?\n/).map(segmentFromLine).filter((s): s is TranscriptSegment => s !== undefined);
	return { ...transcriptMetrics(segments) };
}
