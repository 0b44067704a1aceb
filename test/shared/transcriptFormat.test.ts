import { describe, expect, it } from 'vitest';

import type { Transcript, TranscriptSegment } from '../../nodes/shared/transcripts/model';
import { formatPlainText, formatTranscript, slackMessage } from '../../nodes/shared/transcripts/textFormats';

function transcript(segments: TranscriptSegment[], text = 'as the vendor read it'): Transcript {
	return { vendor: 'test', interactionId: 'i-1', channel: 'voice', text, segments };
}

const call = transcript([
	{ speaker: 'agent', start: 5, end: 7, text: 'Hello' },
	{ speaker: 'customer', speakerName: 'Maria', start: 3725.9, end: 3727, text: 'Hi\nthere' },
	{ speaker: 'agent', text: 'Bye' },
]);

describe('Text Format', () => {
	it('Speaker Lines keeps the text as it was read', () => {
		expect(formatTranscript(call, 'speakerLines')).toBe('as the vendor read it');
		expect(formatTranscript(call, undefined)).toBe('as the vendor read it');
	});

	it('Timestamped prefixes [mm:ss], [h:mm:ss] past an hour, and nothing where a turn has no time', () => {
		expect(formatTranscript(call, 'timestamped')).toBe('[00:05] Agent: Hello\n[1:02:05] Maria: Hi there\nAgent: Bye');
	});

	it('Timestamped counts ISO clock times from the first turn', () => {
		const chat = transcript([
			{ speaker: 'customer', start: '2024-03-05T07:09:55Z', text: 'hi' },
			{ speaker: 'agent', start: '2024-03-05T07:11:05.500Z', text: 'hello' },
		]);
		expect(formatTranscript(chat, 'timestamped')).toBe('[00:00] Customer: hi\n[01:10] Agent: hello');
	});

	it('Slack bolds speaker names and escapes only &, < and >', () => {
		const chat = transcript([{ speaker: 'customer', speakerName: 'A&B <Ltd>', text: 'Fish & chips <b>*now*</b> "quoted" [CARD]' }]);
		expect(formatTranscript(chat, 'slack')).toBe('*A&amp;B &lt;Ltd&gt;:* Fish &amp; chips &lt;b&gt;*now*&lt;/b&gt; "quoted" [CARD]');
	});

	it('formats a plain-text conversation line by line, labels as written', () => {
		expect(formatPlainText('Caller: 1 < 2\n\nno label here', 'slack')).toBe('*Caller:* 1 &lt; 2\nno label here');
		expect(formatPlainText('Caller: hi', 'timestamped')).toBe('Caller: hi');
		expect(formatPlainText('Caller:  hi\n', 'speakerLines')).toBe('Caller:  hi\n');
	});

	it('formats a transcript without segments from its text', () => {
		expect(formatTranscript(transcript([], 'Agent: a & b'), 'slack')).toBe('*Agent:* a &amp; b');
	});
});

describe("Slack's message limit", () => {
	it('keeps whole lines up to the limit and counts the lines left out', () => {
		const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'x'.repeat(10)}`);
		const message = slackMessage(lines, 60);
		expect(message).toBe(`${lines.slice(0, 2).join('\n')}\n…8 more lines`);
		expect(message.length).toBeLessThanOrEqual(60);
	});

	it('leaves a message within the limit whole', () => {
		expect(slackMessage(['a', 'b'], 3)).toBe('a\nb');
	});

	it('cuts a 50,000-character transcript to 40,000 characters at most, ending with the count', () => {
		const segments = Array.from({ length: 1000 }, (_, i): TranscriptSegment => ({ speaker: 'agent', text: `turn ${i} ${'y'.repeat(38)}` }));
		const message = formatTranscript(transcript(segments), 'slack');
		const kept = message.split('\n').length - 1;
		expect(message.length).toBeLessThanOrEqual(40_000);
		expect(message.endsWith(`\n…${1000 - kept} more lines`)).toBe(true);
		expect(message.split('\n')[kept - 1]).toBe(`*Agent:* turn ${kept - 1} ${'y'.repeat(38)}`);
	});

	it('cuts a line too long on its own without breaking a redaction token or a character', () => {
		expect(slackMessage([`${'a'.repeat(10)}[CARD]${'b'.repeat(10)}`, 'next'], 30)).toBe(`${'a'.repeat(10)}…\n…1 more lines`);
		expect(slackMessage([`${'a'.repeat(20)}[CARD]${'😀'.repeat(10)}`], 34)).toBe(`${'a'.repeat(20)}[CARD]${'😀'.repeat(3)}…`);
		expect(slackMessage(['a'.repeat(20) + '&amp;b'], 24)).toBe(`${'a'.repeat(20)}…`);
	});
});
