import { describe, expect, it } from 'vitest';

import { speakerForParty, transcriptFromStructuredText } from '../../nodes/GenesysContextServices/transport/chatTranscript';
import { XmlParseError } from '../../nodes/GenesysContextServices/transport/xmlParser';
import { CHAT_XML } from './fixtures';

const read = (text: string, extra: { includeRaw?: boolean; includeNotices?: boolean } = {}) =>
	transcriptFromStructuredText({ interactionId: 'ixn', text, includeRaw: false, includeNotices: false, ...extra });

describe('speakers', () => {
	it.each([
		['CLIENT', undefined, 'customer'],
		['AGENT', undefined, 'agent'],
		['SUPERVISOR', undefined, 'agent'],
		['EXTERNAL', undefined, 'system'],
		['AGENT', 'BOT', 'bot'],
		['EXTERNAL', 'bot', 'bot'],
		['ROBOT', undefined, 'unknown'],
		[undefined, undefined, 'unknown'],
	])('userType %s styled %s speaks as %s', (userType, style, speaker) => {
		expect(speakerForParty(userType, style)).toBe(speaker);
	});

	it('reads the BOT party style from the event attributes too', () => {
		const xml = `<chatTranscript startAt="2024-01-01T00:00:00Z">
			<newParty userId="b" timeShift="0"><userInfo userNick="Bot" userType="AGENT"/>
			<eventAttributes><item key="GCTI_SYSTEM" type="kvlist"><item key="party-info" type="kvlist"><item key="style" type="string">BOT</item></item></item></eventAttributes></newParty>
			<message userId="b" timeShift="1"><msgText>beep</msgText></message></chatTranscript>`;

		expect(read(xml).segments[0].speaker).toBe('bot');
	});
});

describe('chat transcripts', () => {
	it('gives times as startAt plus timeShift seconds', () => {
		expect(read(CHAT_XML).segments.map((s) => s.start)).toEqual([
			'2024-03-05T07:09:35.000Z',
			'2024-03-05T07:09:37.000Z',
			'2024-03-05T07:09:58.000Z',
			'2024-03-05T07:10:00.000Z',
			'2024-03-05T07:10:04.000Z',
		]);
	});

	it('gives times as seconds when the transcript has no readable startAt', () => {
		const xml = '<chatTranscript><newParty userId="a" timeShift="0"><userInfo userNick="A" userType="CLIENT"/></newParty><message userId="a" timeShift="7"><msgText>hi</msgText></message></chatTranscript>';

		expect(read(xml).segments[0].start).toBe(7);
	});

	it('labels a party with a blank nick by its role in the text', () => {
		const xml = '<chatTranscript startAt="2024-01-01T00:00:00Z"><newParty userId="a" timeShift="0"><userInfo userNick=" " userType="CLIENT"/></newParty><message userId="a" timeShift="1"><msgText> hello </msgText></message></chatTranscript>';

		const transcript = read(xml);

		expect(transcript.segments[0]).toEqual({ speaker: 'customer', start: '2024-01-01T00:00:01.000Z', text: 'hello', userId: 'a' });
		expect(transcript.text).toBe('Customer: hello');
	});

	it('trims ids split over lines by the server (askerId="\\n0096…")', () => {
		const xml = '<chatTranscript startAt="2024-01-01T00:00:00Z"><newParty userId="\n00A" timeShift="0"><userInfo userNick="A" userType="AGENT"/></newParty><message userId="00A" timeShift="1"><msgText>x</msgText></message></chatTranscript>';

		expect(read(xml).segments[0].speaker).toBe('agent');
	});

	it('gives an unknown speaker to a message from a party that never joined', () => {
		const xml = '<chatTranscript startAt="2024-01-01T00:00:00Z"><message userId="ghost" timeShift="1"><msgText>boo</msgText></message></chatTranscript>';

		expect(read(xml).segments[0]).toMatchObject({ speaker: 'unknown', text: 'boo' });
	});

	it('skips empty messages and leaves notices out unless asked', () => {
		const transcript = read(CHAT_XML);

		expect(transcript.segments.some((s) => s.text === '')).toBe(false);
		expect(transcript.segments.some((s) => s.kind === 'notice')).toBe(false);
		expect(read(CHAT_XML, { includeNotices: true }).segments.filter((s) => s.kind === 'notice')).toHaveLength(1);
	});

	it('keeps the original only when asked', () => {
		expect(read(CHAT_XML).raw).toBeUndefined();
		expect(read(CHAT_XML, { includeRaw: true }).raw).toBe(CHAT_XML);
	});

	it('raises XmlParseError for a transcript that is not well-formed', () => {
		expect(() => read('<chatTranscript><message>')).toThrow(XmlParseError);
	});
});

describe('other documents', () => {
	it('keep their text, line by line, and their original', () => {
		const xml = '<email>\n  <subject>Late</subject>\n  <body>Where\n is it?</body>\n</email>';

		expect(read(xml)).toEqual({
			vendor: 'genesysContextServices',
			interactionId: 'ixn',
			channel: 'unknown',
			text: 'Late\nWhere\nis it?',
			segments: [],
			format: 'email',
			parties: [],
			raw: xml,
		});
	});
});
