import type { Transcript, TranscriptSegment } from '../model';
import { REDACTION_TOKENS, addCounts, type RedactionCounts, type RedactionKind, type RedactionLevel } from './kinds';
import { namesCuedValue } from './patterns';
import { isBackChannel, type SpokenText } from './conversation';
import { redactText, redactTurns } from './text';

/**
 * A transcript after redaction: `raw` is gone (it holds the vendor's original words, so it would
 * leak what was redacted) and `rawDropped` says whether there was one.
 */
export type RedactedTranscript<Segment extends TranscriptSegment = TranscriptSegment> = Omit<Transcript<Segment>, 'raw'> & {
	redacted: true;
	rawDropped: boolean;
	redactions: RedactionCounts;
};

/** A clock time as chat logs and transcripts start their lines: "[10:32]", "00:07:28.902", "10:32 AM", ISO. */
const TIME = String.raw`[\[(]?(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,6})?(?: ?[AaPp]\.?[Mm]\.?)?(?:Z|[+-]\d{2}:?\d{2})?[\])]?`;
/** Times at the start of a line (one, or a range), then the speaker's label, if any. */
const LINE_PREFIX = new RegExp(
	String.raw`^(\s{0,8}(?:[-*>•]\s{1,3})?(?:${TIME}(?:\s{0,3}(?:-->|[-–—|])\s{0,3}${TIME})?(?:\s{0,3}[-–—|:]\s{1,3}|\s{1,3}|(?=[\[<])))?)` +
		String.raw`(?:(\[[^\]\n]{1,60}\]:?\s{0,3}|<[^>\n]{1,60}>\s{0,3})|([A-Za-zÀ-ɏ][\w .'@+()À-ɏ-]{0,60}?\s{0,3}:\s{1,8}))?`,
);

/** A label that names a value rather than a speaker: "Card number: …", "Phone: …". */
const FIELD_WORDS =
	/\b(?:card|number|no|phone|mobile|tel|e-?mail|mail|iban|account|acct|sort code|routing|cvv|cvc|exp|expiry|dob|date|order|ref|reference|ticket|tracking|policy|amount|total|code|pin|otp|ssn|nino|ni|address|postcode|zip|id|note|notes|subject|callerid|ani)\b/i;

interface Line {
	/** Clock times, kept as they are. */
	time: string;
	/** The speaker's label as written ("Customer: ", "[Jane]"), redacted on its own. */
	label: string;
	body: string;
}

function readLine(line: string): Line {
	const found = LINE_PREFIX.exec(line);
	const time = found?.[1] ?? '';
	const label = found?.[2] ?? found?.[3] ?? '';
	const words = label.replace(/[[\]<>:]/g, ' ');
	if (label !== '' && (namesCuedValue(words) || FIELD_WORDS.test(words) || words.trim().split(/\s+/).length > 5)) {
		return { time, label: '', body: line.slice(time.length) };
	}
	return { time, label, body: line.slice(time.length + label.length) };
}

/**
 * The whole-conversation text, line by line: a line with a speaker's label starts that speaker's
 * turn, a line without one continues the turn before; clock times at the start of a line are
 * set aside, so a card read over two timestamped chat messages is still one number.
 */
export function redactConversationText(text: string, level: RedactionLevel = 'standard'): { text: string; redactions: RedactionCounts } {
	if (level === 'off') return { text, redactions: {} };
	const lines = text.split('\n').map(readLine);
	const turns: SpokenText[] = [];
	let speaker = '';
	// Who spoke last before any acknowledgement: an unlabelled line after "Agent: Got it." is the
	// caller going on, and an unlabelled "OK, go on." between two of the caller's lines is not the caller.
	let holder = '';
	lines.forEach((line, i) => {
		const aside = isBackChannel(line.body);
		if (line.label !== '') speaker = line.label.replace(/[[\]<>:\s]/g, '').toLowerCase();
		else if (aside && i > 0) speaker = `\u0000aside ${i}`;
		else speaker = holder;
		if (!aside) holder = speaker;
		turns.push({ speaker, text: line.body });
	});
	const bodies = redactTurns(turns, level);
	const redactions = { ...bodies.redactions };
	const out = lines.map((line, i) => {
		if (line.label === '') return line.time + bodies.texts[i];
		const label = redactText(line.label, level);
		addCounts(redactions, label.redactions);
		return line.time + label.text + bodies.texts[i];
	});
	return { text: out.join('\n'), redactions };
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
export function redactTranscript<Segment extends TranscriptSegment>(
	transcript: Transcript<Segment>,
	level: RedactionLevel = 'standard',
): RedactedTranscript<Segment> {
	const { raw, ...rest } = transcript;
	const turns = redactTurns(
		transcript.segments.map((s) => ({ speaker: `${s.speaker}\u0000${s.speakerName ?? ''}`, text: s.text })),
		level,
	);
	const segmentCounts = { ...turns.redactions };
	const segments = transcript.segments.map((segment, i) => {
		const redacted: Segment = { ...segment, text: turns.texts[i] };
		if (segment.speakerName !== undefined) {
			const name = redactText(segment.speakerName, level);
			addCounts(segmentCounts, name.redactions);
			redacted.speakerName = name.text;
		}
		return redacted;
	});
	const text = redactConversationText(transcript.text, level);
	return {
		...rest,
		text: text.text,
		segments,
		redacted: true,
		rawDropped: raw !== undefined,
		redactions: larger(segmentCounts, text.redactions),
	};
}
