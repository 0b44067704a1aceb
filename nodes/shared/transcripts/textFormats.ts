import { SPEAKER_LINE, speakerLabel, type Transcript, type TranscriptSegment } from './model';
import { segmentTimes } from './timeline';

/** How a transcript's `text` is written; `speakerLines` is the "Speaker: words" text as read. */
export type TextFormat = 'speakerLines' | 'timestamped' | 'slack';

/**
 * Slack truncates a message's `text` beyond 40,000 characters (api.slack.com changelog
 * "Truncating really long messages"); the cut here keeps whole lines and says how many it left out.
 * JavaScript counts UTF-16 units, never fewer than Slack's characters.
 */
export const SLACK_TEXT_LIMIT = 40_000;

/** One line of the formatted text: a speaker's words, or a line of text nobody is named on. */
interface Turn {
	label?: string;
	text: string;
	/** Seconds on the call's clock. */
	at?: number;
}

function clock(seconds: number): string {
	const whole = Math.floor(seconds);
	const mmss = `${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
	return whole >= 3600 ? `${Math.floor(whole / 3600)}:${mmss}` : mmss;
}

/** Slack reads only &, < and > as control characters; anything more escaped would show as is. */
export function escapeSlack(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;
const isSpace = (ch: string) => /\s/.test(ch);

/**
 * A turn is one line in these formats, so Slack's line count and the timestamps stay true: each
 * run of white space that holds a line break becomes one space. One pass, each character read
 * a bounded number of times (a pattern that opens with a greedy white-space run retries every space of a long one).
 */
export function oneLine(text: string): string {
	if (!LINE_BREAK.test(text)) return text;
	let out = '';
	let i = 0;
	while (i < text.length) {
		if (!isSpace(text[i])) {
			let j = i + 1;
			while (j < text.length && !isSpace(text[j])) j++;
			out += text.slice(i, j);
			i = j;
			continue;
		}
		let j = i;
		let broken = false;
		while (j < text.length && isSpace(text[j])) broken = LINE_BREAK.test(text[j++]) || broken;
		out += broken ? ' ' : text.slice(i, j);
		i = j;
	}
	return out;
}

const moreLines = (n: number) => `…${n} more lines`;

/**
 * The longest start of `text` within `room` that breaks no word where it can, and otherwise no
 * surrogate pair, redaction token ("[CARD]") or Slack entity ("&amp;").
 */
function safeCut(text: string, room: number): string {
	const space = text.lastIndexOf(' ', room);
	if (space > room / 2) return text.slice(0, space);
	let end = /[\uD800-\uDBFF]/.test(text.charAt(room - 1)) ? room - 1 : room;
	const partial = /(\[[A-Z]*|&[a-z]*)$/.exec(text.slice(Math.max(0, end - 8), end));
	if (partial) end -= partial[0].length;
	return text.slice(0, end);
}

/** Lines up to Slack's limit, then "…N more lines" for the lines left out. */
export function slackMessage(lines: string[], limit = SLACK_TEXT_LIMIT): string {
	const whole = lines.join('\n');
	if (whole.length <= limit) return whole;
	let length = 0;
	let kept = 0;
	while (kept < lines.length) {
		const next = length + (kept > 0 ? 1 : 0) + lines[kept].length;
		if (next + 1 + moreLines(lines.length - kept - 1).length > limit) break;
		length = next;
		kept += 1;
	}
	if (kept > 0) return `${lines.slice(0, kept).join('\n')}\n${moreLines(lines.length - kept)}`;
	// Not even the first line fits: keep what does of it.
	const left = lines.length - 1;
	const note = left > 0 ? `\n${moreLines(left)}` : '';
	return `${safeCut(lines[0], limit - note.length - 1)}…${note}`;
}

function formatTurns(turns: Turn[], format: TextFormat): string {
	if (format === 'slack') {
		return slackMessage(turns.map((t) => (t.label === undefined ? '' : `*${escapeSlack(t.label)}:* `) + escapeSlack(oneLine(t.text))));
	}
	return turns
		.map((t) => (t.at === undefined ? '' : `[${clock(t.at)}] `) + (t.label === undefined ? '' : `${t.label}: `) + oneLine(t.text))
		.join('\n');
}

/** Plain text read line by line: a "Speaker: words" line is that speaker's turn, as labelled. */
export function formatPlainText(text: string, format: TextFormat | undefined): string {
	if (format === undefined || format === 'speakerLines') return text;
	const turns = text
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line): Turn => {
			const labelled = SPEAKER_LINE.exec(line.trim());
			return labelled ? { label: labelled[1].trim(), text: labelled[2].trim() } : { text: line.trim() };
		});
	return formatTurns(turns, format);
}

/**
 * The transcript's text in the chosen format, from its segments (already redacted when Redact
 * is on, so tokens such as [CARD] are formatted like any word); without segments, from its text.
 */
export function formatTranscript<Segment extends TranscriptSegment>(transcript: Transcript<Segment>, format: TextFormat | undefined): string {
	if (format === undefined || format === 'speakerLines') return transcript.text;
	if (transcript.segments.length === 0) return formatPlainText(transcript.text, format);
	const times = segmentTimes(transcript.segments);
	return formatTurns(
		transcript.segments.map((s, i) => ({ label: speakerLabel(s), text: s.text, at: times[i].start })),
		format,
	);
}
