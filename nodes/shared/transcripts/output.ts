import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	REDACTION_KINDS,
	failClosed,
	redactConversationText,
	redactTranscript,
	type RedactionCounts,
	type RedactionKind,
	type RedactionLevel,
} from './redaction/index';
import { segmentFromLine, transcriptJson, type Transcript, type TranscriptSegment } from './model';
import { formatPlainText, formatTranscript, type TextFormat } from './textFormats';
import { transcriptMetrics } from './metrics';

const PERSONAL_KINDS = (Object.keys(REDACTION_KINDS) as RedactionKind[]).filter((kind) => kind !== 'number');
const listed = (kinds: RedactionKind[]) =>
	kinds.map((kind) => REDACTION_KINDS[kind].says).join(', ').replace(/, ([^,]*)$/, ' and $1');

/**
 * The Redact option, in the same words on every operation that outputs a transcript. Its values
 * keep `false` and `true`, the values the earlier on/off switch saved, so a workflow saved with
 * Redact on still runs with the same level.
 */
export const redactOption: INodeProperties = {
	displayName: 'Redact',
	name: 'redact',
	type: 'options',
	options: [
		{ name: 'Off', value: false, description: 'The transcript as the vendor sent it' },
		{
			name: 'Payment and Personal Data',
			value: true,
			description: `Replaces ${listed(PERSONAL_KINDS)} with tokens such as ${REDACTION_KINDS.card.token}. Codes and expiry dates need a cue ("CVV", "expires") or a card just before them; a number it cannot recognise stays.`,
		},
		{
			name: 'Strict',
			value: 'strict',
			description: `Also replaces every other run of 6 or more digits, typed or spoken, with ${REDACTION_KINDS.number.token}: order, account and case numbers go too; clock times and dates stay. For when a miss is not acceptable.`,
		},
	],
	default: false,
	description:
		'What to replace with tokens before the transcript leaves this node, counted in "redactions". Any level but Off leaves out the vendor\'s original ("raw") and checks every field of the item for what could still be a card number.',
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
	/** `true` is Payment and Personal Data (and what the earlier on/off switch saved as on). */
	redact?: boolean | 'strict';
}

export function redactionLevel(choice: RedactChoice): RedactionLevel {
	if (choice.redact === 'strict') return 'strict';
	return choice.redact === true ? 'standard' : 'off';
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
	const level = redactionLevel(choice);
	const shown = level === 'off' ? transcript : redactTranscript(transcript, level);
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
	const level = redactionLevel(choice);
	if (level === 'off') return { text: formatPlainText(text, choice.textFormat) };
	const redacted = redactConversationText(text, level);
	return { text: formatPlainText(redacted.text, choice.textFormat), redactions: redacted.redactions };
}

/** Metrics of a plain-text conversation, each "Speaker: words" line read as a turn. */
export function plainTextMetrics(text: string): IDataObject {
	const segments = text.split(/\r?\n/).map(segmentFromLine).filter((s): s is TranscriptSegment => s !== undefined);
	return { ...transcriptMetrics(segments) };
}

/**
 * The last step of every transcript operation with Redact on: the whole output item (fields the
 * vendor added inline, nested ones, names, the AI tool's copy) is checked, what is found is
 * replaced and added to `redactions`, and fields that cannot be read are dropped and named in
 * `droppedFields`. `checkedIds` are the identifiers the node validated itself; they stay.
 */
export function sealRedacted(json: IDataObject, choice: RedactChoice, checkedIds: string[]): IDataObject {
	const level = redactionLevel(choice);
	if (level === 'off') return json;
	const sealed = failClosed(json, { level, checkedIds });
	const out = sealed.json as IDataObject;
	if (Object.keys(sealed.redactions).length > 0) {
		const counts = { ...((out.redactions ?? {}) as RedactionCounts) };
		for (const [kind, n] of Object.entries(sealed.redactions) as Array<[RedactionKind, number]>) counts[kind] = (counts[kind] ?? 0) + n;
		out.redactions = counts;
	}
	if (sealed.dropped.length > 0) out.droppedFields = sealed.dropped;
	return out;
}
