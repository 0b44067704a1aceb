import { describe, expect, it } from 'vitest';

import { failClosed, redactConversationText, redactText, redactTurns } from '../../nodes/shared/transcripts/redaction/index';
import { normaliseTranscript, transcriptText } from '../../nodes/shared/transcripts/model';
import { formatTranscript, oneLine } from '../../nodes/shared/transcripts/textFormats';
import { redactOption } from '../../nodes/shared/transcripts/output';

/**
 * The forms a value takes in transcripts nobody here wrote, one spec each. Every example is
 * new: none is a line of the corpus.
 */
const redact = (text: string) => redactConversationText(text).text;

describe('written forms', () => {
	it('finds a card glued to punctuation or a word', () => {
		expect(redact('ref card#5555555555554444# thanks')).toBe('ref card#[CARD]# thanks');
		expect(redact('PAN:5105-1051-0510-5100;')).toBe('PAN:[CARD];');
	});

	it('finds a card in groups separated by dots, commas or slashes', () => {
		expect(redact('5555.5555.5555.4444 ok')).toBe('[CARD] ok');
		expect(redact('it is 5555, 5555, 5555, 4444')).toBe('it is [CARD]');
		expect(redact('<5555/5555/5555/4444>')).toBe('<[CARD]>');
	});

	it('finds a card whose groups are joined by thin, narrow or no-break spaces', () => {
		expect(redact('5555\u20095555\u20095555\u20094444')).toBe('[CARD]');
		expect(redact('5555\u202F5555\u00A05555\u202F4444')).toBe('[CARD]');
	});

	it('finds a card typed in full-width digits', () => {
		expect(redact('カード ５５５５ ５５５５ ５５５５ ４４４４')).toBe('カード [CARD]');
	});

	it('keeps an order number made of dashed groups that happen to pass Luhn in part', () => {
		expect(redact('order 112-3456789-1234567 shipped')).toBe('order 112-3456789-1234567 shipped');
	});
});

describe('clock times in plain-text transcripts', () => {
	it('finds a grouped card on a line that starts with a clock time, after other timestamped lines', () => {
		const text = ['00:07:10.115 AGENT: the long number please', '00:07:28.902 CUSTOMER: 5555 5555 5555 4444'].join('\n');
		expect(redact(text)).toBe('00:07:10.115 AGENT: the long number please\n00:07:28.902 CUSTOMER: [CARD]');
	});

	it('keeps the clock times, chat stamps and speaker labels as they are', () => {
		const text = '[14:02:11] Ana (Support): hello\n2:03 PM - Bo: mail bo@example.org';
		expect(redact(text)).toBe('[14:02:11] Ana (Support): hello\n2:03 PM - Bo: mail [EMAIL]');
	});
});

describe('spoken forms', () => {
	it('reads "double" and "triple"', () => {
		expect(redact('five double five five five five five five five five five five triple four four')).toBe('[CARD]');
	});

	it('reads a number through fillers inside it', () => {
		expect(redact('five five five five um five five five five sorry five five five five let me see four four four four')).toBe('[CARD]');
		expect(redact('card five five five five, hang on, five five five five five five five five four four four four')).toBe('card [CARD]');
	});

	it('reads a phone number, an SSN, an IBAN and a NINO spoken as words', () => {
		expect(redact('call me on oh seven seven hundred, nine hundred, four five six')).toBe('call me on [PHONE]');
		expect(redact('my social is two one nine, zero nine, nine nine nine nine')).toBe('my social is [SSN]');
		expect(redact('it is G B two nine N W B K six zero one six one three three one nine two six eight one nine')).toBe('it is [IBAN]');
		expect(redact('my NI number is J P one two three four five six C')).toBe('my NI number is [NINO]');
	});

	it('reads the NATO alphabet', () => {
		expect(redact('that is golf bravo two nine november whiskey bravo kilo six zero one six one three three one nine two six eight one nine')).toBe('that is [IBAN]');
		expect(redact('juliet papa one two three four five six charlie')).toBe('[NINO]');
	});

	it('reads an e-mail address spelled letter by letter or spoken with "dot" and "at"', () => {
		expect(redact('it is k i m dot lee at example dot org')).toBe('it is [EMAIL]');
		expect(redact('send it to kim underscore lee at the rate mail dot co dot uk')).toBe('send it to [EMAIL]');
		expect(redact('kim [at] example [dot] com')).toBe('[EMAIL]');
	});

	it('keeps words that only sound like numbers or letters', () => {
		expect(redact('oh okay, one or two of them, Charlie from Delta said double check it')).toBe('oh okay, one or two of them, Charlie from Delta said double check it');
	});
});

describe('split numbers', () => {
	it("reads a card in halves across the other party's back-channel", () => {
		const text = 'Customer: 5555 5555\nAgent: mhm\nCustomer: 5555 4444\nAgent: OK, go on.';
		expect(redact(text)).toBe('Customer: [CARD]\nAgent: mhm\nCustomer: [CARD]\nAgent: OK, go on.');
	});

	it('reads a card over chat messages with timestamps between the halves', () => {
		const text = '[10:01:02] Guest: 5555 5555 55\n[10:01:09] Guest: 55 4444';
		expect(redact(text)).toBe('[10:01:02] Guest: [CARD]\n[10:01:09] Guest: [CARD]');
	});

	it('reads an IBAN split over two chat messages', () => {
		const text = '[10:01] Guest: GB29 NWBK 6016\n[10:01] Agent: yep\n[10:02] Guest: 1331 9268 19';
		expect(redact(text)).toBe('[10:01] Guest: [IBAN]\n[10:01] Agent: yep\n[10:02] Guest: [IBAN]');
	});

	it("does not join the other party's own number to the caller's", () => {
		const turns = [
			{ speaker: 'customer', text: 'it is 5555 5555' },
			{ speaker: 'agent', text: 'your ticket is 5555 4444' },
		];
		expect(redactTurns(turns).texts).toEqual(['it is 5555 5555', 'your ticket is 5555 4444']);
	});
});

describe('expiry and security code without a cue word', () => {
	it('reads them pasted after the card, or glued to their cue', () => {
		expect(redact('5555555555554444 | 09/31 | 123')).toBe('[CARD] | [EXPIRY] | [CVV]');
		expect(redact('exp0931 cvc4521')).toBe('exp[EXPIRY] cvc[CVV]');
	});

	it('reads "the three digits on the back" and a month with its year', () => {
		expect(redact('the three digits on the back are 1 2 3')).toBe('the three digits on the back are [CVV]');
		expect(redact('5555 5555 5555 4444, good until August 2031')).toBe('[CARD], good until [EXPIRY]');
		expect(redact('Customer: 5555 5555 5555 4444 September 2030')).toBe('Customer: [CARD] [EXPIRY]');
	});

	it("takes the cue from the agent's previous question while the lines carry timestamps", () => {
		const text = '[09:00:01] Agent: and when does it expire?\n[09:00:07] Customer: twelve thirty';
		expect(redact(text)).toBe('[09:00:01] Agent: and when does it expire?\n[09:00:07] Customer: [EXPIRY]');
	});

	it('keeps "last four", one-time codes, amounts and dates', () => {
		const text = 'the card ending in 4444, last four 4444, your code is 482913, charged $12.30 on 12/28/2024, meeting in May 2031';
		expect(redact(text)).toBe(text);
	});
});

describe('Strict level', () => {
	it('also replaces every other run of 6 or more digits, typed or spoken', () => {
		expect(redactText('order 4829173650, case 55-1234-77, policy three four five six seven eight', 'strict')).toEqual({
			text: 'order [NUMBER], case [NUMBER], policy [NUMBER]',
			redactions: { number: 3 },
		});
	});

	it('keeps clock times, dates and short numbers', () => {
		const text = 'at 10:30:15 on 2024-01-15 or 15.01.2024, 3 items, room 1234';
		expect(redactText(text, 'strict').text).toBe(text);
	});

	it('still names what it recognises before counting the rest as numbers', () => {
		expect(redactText('card 5555 5555 5555 4444 and ref 987654', 'strict').text).toBe('card [CARD] and ref [NUMBER]');
	});

	it('is offered beside Off and Payment and Personal Data, whose saved value stays `true`', () => {
		expect(redactOption.options).toEqual([
			expect.objectContaining({ name: 'Off', value: false }),
			expect.objectContaining({ name: 'Payment and Personal Data', value: true }),
			expect.objectContaining({ name: 'Strict', value: 'strict' }),
		]);
		expect(redactOption.default).toBe(false);
	});
});

describe('fail-closed check of an output item', () => {
	it('replaces a card anywhere in it, counts it, and keeps the checked identifiers and times', () => {
		const item = { interactionId: '5555555555554444', at: '2024-01-15T10:30:00Z', extra: { note: 'paid with 5555-5555-5555-4444' }, n: 5555555555554444 };
		const sealed = failClosed(item, { level: 'standard', checkedIds: ['5555555555554444'] });
		expect(sealed.json).toEqual({ interactionId: '5555555555554444', at: '2024-01-15T10:30:00Z', extra: { note: 'paid with [CARD]' }, n: '[CARD]' });
		expect(sealed.redactions).toEqual({ card: 2 });
	});

	it('drops what it cannot read and names the field', () => {
		const blob = Buffer.from('card 5555555555554444 and more to make it long').toString('base64');
		const sealed = failClosed({ text: 'hello', attachment: { data: blob } }, { level: 'standard', checkedIds: [] });
		expect(sealed.json).toEqual({ text: 'hello', attachment: {} });
		expect(sealed.dropped).toEqual(['attachment.data']);
	});

	it('leaves a link readable, taking out only what could be a card', () => {
		const link = 'https://media.example/v/20240115/rec-987654.wav?sig=abc%2Fdef';
		expect(failClosed({ link }, { level: 'strict', checkedIds: [] }).json).toEqual({ link });
	});
});

describe('speakers', () => {
	it('writes a line whose speaker is unknown without a label', () => {
		const transcript = normaliseTranscript({ vendor: 'v', interactionId: 'i', channel: 'voice', document: 'hello there\nAgent: hi', includeRaw: false });
		expect(transcript.text).toBe('hello there\nAgent: hi');
		expect(transcriptText([{ speaker: 'unknown', text: 'x' }])).toBe('x');
	});
});

describe('text formats', () => {
	it('fold a turn onto one line, a run of white space with a break becoming one space', () => {
		expect(oneLine('a  \n\t b\nc  d')).toBe('a b c  d');
		const transcript = { vendor: 'v', interactionId: 'i', channel: 'chat' as const, text: '', segments: [{ speaker: 'agent' as const, text: 'a \n  b' }] };
		expect(formatTranscript(transcript, 'slack')).toBe('*Agent:* a b');
	});
});
