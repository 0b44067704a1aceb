import { describe, expect, it } from 'vitest';

import { redactConversationText, redactTranscript } from '../../nodes/shared/transcripts/redaction/index';
import { normaliseTranscript } from '../../nodes/shared/transcripts/model';

const base = { vendor: 'v', interactionId: 'i', channel: 'voice' as const };

const call = {
	utterances: [
		{ role: 'agent', start: 0, text: 'Can I take the card number and your e-mail?' },
		{ role: 'customer', start: 3, text: 'sure, 4111 1111' },
		{ role: 'customer', start: 5, text: '1111 1111, and jane.doe@example.com' },
		{ role: 'agent', start: 9, text: 'And the security code?' },
		{ role: 'customer', start: 11, text: '737' },
	],
};

describe('redactTranscript', () => {
	it("redacts every segment, reading a speaker's consecutive segments together, and counts each item once", () => {
		const t = redactTranscript(normaliseTranscript({ ...base, document: call, includeRaw: false }));
		expect(t.segments.map((s) => s.text)).toEqual([
			'Can I take the card number and your e-mail?',
			'sure, [CARD]',
			'[CARD], and [EMAIL]',
			'And the security code?',
			'[CVV]',
		]);
		expect(t.segments[1]).toEqual({ speaker: 'customer', start: 3, text: 'sure, [CARD]' });
		expect(t.redactions).toEqual({ card: 1, email: 1, cvv: 1 });
		expect(t.redacted).toBe(true);
	});

	it('redacts the whole-conversation text the same way, line by line', () => {
		const t = redactTranscript(normaliseTranscript({ ...base, document: call, includeRaw: false }));
		expect(t.text).toBe(
			[
				'Agent: Can I take the card number and your e-mail?',
				'Customer: sure, [CARD]',
				'Customer: [CARD], and [EMAIL]',
				'Agent: And the security code?',
				'Customer: [CVV]',
			].join('\n'),
		);
		expect(t.text).not.toMatch(/4111|jane|737/);
	});

	it('drops raw, which holds the original words, and says so', () => {
		const original = normaliseTranscript({ ...base, document: call, includeRaw: true });
		expect(original.raw).toBeDefined();
		const t = redactTranscript(original);
		expect('raw' in t).toBe(false);
		expect(t.rawDropped).toBe(true);
		expect(JSON.stringify(t)).not.toMatch(/4111|jane\.doe|737/);
	});

	it('says no raw was dropped when there was none', () => {
		expect(redactTranscript(normaliseTranscript({ ...base, document: call, includeRaw: false })).rawDropped).toBe(false);
	});

	it('redacts the text of a document it could not read as turns', () => {
		const t = redactTranscript(
			normaliseTranscript({ ...base, document: { body: { note: 'x' }, text: 'call me on +44 20 7946 0958' }, includeRaw: false }),
		);
		expect(t.segments).toEqual([]);
		expect(t.text).toBe('call me on [PHONE]');
		expect(t.rawDropped).toBe(true);
		expect(t.redactions).toEqual({ phone: 1 });
	});

	it('redacts an e-mail address used as a speaker name, in the segment and in the text', () => {
		const t = redactTranscript(
			normaliseTranscript({
				...base,
				document: [{ from: 'jane@example.com', text: 'hello' }, { role: 'agent', text: 'hi' }],
				includeRaw: false,
			}),
		);
		expect(t.segments[0].speakerName).toBe('[EMAIL]');
		expect(t.text).toBe('[EMAIL]: hello\nAgent: hi');
		expect(t.redactions).toEqual({ email: 1 });
	});

	it('does not join numbers of two speakers into a card in the text', () => {
		const t = redactTranscript(
			normaliseTranscript({ ...base, document: 'Customer: 4111 1111\nAgent: 1111 1111', includeRaw: false }),
		);
		expect(t.text).toBe('Customer: 4111 1111\nAgent: 1111 1111');
		expect(t.redactions).toEqual({});
	});
});

describe('redactConversationText', () => {
	it('reads "CVV: 123" and "Expiry date: 09/27" lines as labelled values, not as speakers', () => {
		expect(redactConversationText('Dear support,\nCVV: 123\nExpiry date: 09/27')).toEqual({
			text: 'Dear support,\nCVV: [CVV]\nExpiry date: [EXPIRY]',
			redactions: { cvv: 1, expiry: 1 },
		});
	});
});
