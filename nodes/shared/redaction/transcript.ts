import type { Transcript, TranscriptSegment } from '../transcript';
import { REDACTION_TOKENS, type RedactionCounts, type RedactionKind } from './kinds';
import { namesCuedValue } from './patterns';
import { redactText, redactTurns, type SpokenText } from './text';

/**
 * A transcript after redaction: `raw` is gone (it holds the vendor's original words, so it would
 * leak what was redacted) and `rawDropped` says whether there was one.
 */
export type RedactedTranscript<Segment extends TranscriptSegment = TranscriptSegment> = Omit<Transcript<Segment>, 'raw'> & {
	redacted: true;
	rawDropped: boolean;
	redactions: RedactionCounts;
};

const LINE_LABEL = /^([A-Za-z][\w .'@+-]{0,60}?)(\s*:\s+)/;

/**
 * The whole-conversation text, line by line: a "Speaker: words" line starts a turn, an unlabelled
 * line continues the one before, so a card read over two lines of one speaker is still found.
 * "CVV: 123" or "Expiry date: 09/27" is a labelled value, not a speaker, and stays one text.
 */
export function redactConversationText(text: string): { text: string; redactions: RedactionCounts } {
	const lines = text.split('\n');
	const prefixes: string[] = [];
	const turns: SpokenText[] = [];
	let speaker = '';
	for (const line of lines) {
		const found = LINE_LABEL.exec(line);
		const label = found && !namesCuedValue(found[1]) ? found : null;
		if (label) speaker = label[1];
		prefixes.push(label ? label[0] : '');
		turns.push({ speaker, text: label ? line.slice(label[0].length) : line });
	}
	const bodies = redactTurns(turns);
	const redactions = { ...bodies.redactions };
	const out = lines.map((_, i) => {
		if (prefixes[i] === '') return bodies.texts[i];
		const label = redactText(prefixes[i]);
		add(redactions, label.redactions);
		return label.text + bodies.texts[i];
	});
	return { text: out.join('\n'), redactions };
}

function add(into: RedactionCounts, from: RedactionCounts): void {
	for (const [kind, n] of Object.entries(from) as Array<[RedactionKind, number]>) into[kind] = (into[kind] ?? 0) + n;
}

/** The segments and the text hold the same conversation: an item counts once, not once per field. */
function larger(a: RedactionCounts, b: RedactionCounts): RedactionCounts {
	const counts: RedactionCounts = {};
	for (const kind of Object.keys(REDACTION_TOKENS) as RedactionKind[]) {
		const n = Math.max(a[kind] ?? 0, b[kind] ?? 0);
		if (n > 0) counts[kind] = n;
	}
	return counts;
}

/**
 * Redacts `text` and every segment's `text` (and `speakerName`, which chat tools fill with an
 * e-mail address), reading each speaker's consecutive segments together; drops `raw`.
 */
export function redactTranscript<Segment extends TranscriptSegment>(transcript: Transcript<Segment>): RedactedTranscript<Segment> {
	const { raw, ...rest } = transcript;
	const turns = redactTurns(
		transcript.segments.map((s) => ({ speaker: `${s.speaker}\u0000${s.speakerName ?? ''}`, text: s.text })),
	);
	const segmentCounts = { ...turns.redactions };
	const segments = transcript.segments.map((segment, i) => {
		const redacted: Segment = { ...segment, text: turns.texts[i] };
		if (segment.speakerName !== undefined) {
			const name = redactText(segment.speakerName);
			add(segmentCounts, name.redactions);
			redacted.speakerName = name.text;
		}
		return redacted;
	});
	const text = redactConversationText(transcript.text);
	return {
		...rest,
		text: text.text,
		segments,
		redacted: true,
		rawDropped: raw !== undefined,
		redactions: larger(segmentCounts, text.redactions),
	};
}
