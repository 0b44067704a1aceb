import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { CHAT_XML, CONTENT, GET, interactionResource, IXN_ID, runGenesys, UCS } from './fixtures';

useNockOnly();

/** The fixture chat with the customer's card number read over two messages and an e-mail. */
const PAYMENT_XML = CHAT_XML.replace(
	'<msgText>Hello, my parcel has not arrived &amp; I&apos;m worried.</msgText></message>',
	'<msgText>card 4111 1111</msgText></message>' +
		'<message userId="00A1" timeShift="3" visibility="ALL" eventId="2"><msgText>1111 1111, maria@example.com</msgText></message>',
);

describe('Redact on Genesys content', () => {
	it("Content → Get Structured Text redacts the chat, joining one party's consecutive messages, and drops raw", async () => {
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, PAYMENT_XML, { 'Content-Type': 'text/xml' });

		const { items, error } = await runGenesys(CONTENT('getStructuredText', IXN_ID, { options: { includeRaw: true, redact: true } }));

		expect(error).toBeUndefined();
		const json = items[0].json;
		expect((json.segments as Array<{ text: string }>).slice(0, 2).map((s) => s.text)).toEqual(['card [CARD]', '[CARD], [EMAIL]']);
		expect(json).toMatchObject({ redacted: true, rawDropped: true, redactions: { card: 1, email: 1 } });
		expect(json).not.toHaveProperty('raw');
		expect(JSON.stringify(json)).not.toMatch(/4111|maria@/);
	});

	it('Content → Get Plain Text redacts the text and leaves out the byte count of the original', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}/plain_text`).reply(200, 'Dear support,\nmy IBAN is GB82 WEST 1234 5698 7654 32.', {
			'Content-Type': 'text/plain',
		});

		const { items, error } = await runGenesys(CONTENT('getPlainText', IXN_ID, { options: { redact: true } }));

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			interactionId: IXN_ID,
			text: 'Dear support,\nmy IBAN is [IBAN].',
			mimeType: 'text/plain',
			redacted: true,
			redactions: { iban: 1 },
			metrics: { computed: true, speakers: { unknown: { turns: 2, words: 11 } } },
		});
	});

	it('Interaction → Get redacts the structured and plain text it includes', async () => {
		nock(UCS)
			.get(`/interactions/${IXN_ID}`)
			.reply(200, interactionResource())
			.get(`/interactions/${IXN_ID}/structured_text`)
			.reply(200, PAYMENT_XML, { 'Content-Type': 'text/xml' })
			.get(`/interactions/${IXN_ID}/plain_text`)
			.reply(200, 'SSN 123-45-6789', { 'Content-Type': 'text/plain' });

		const { items, error } = await runGenesys(
			GET(IXN_ID, { includeContent: ['plainText', 'structuredText'], options: { redact: true } }),
		);

		expect(error).toBeUndefined();
		expect(items[0].json.plainText).toBe('SSN [SSN]');
		expect(items[0].json.transcript).toMatchObject({ redacted: true, redactions: { card: 1, email: 1 } });
	});
});

describe('Text Format and metrics on Genesys content', () => {
	it("Content → Get Structured Text writes the redacted chat for Slack, redacts the parties' names and times the chat", async () => {
		const nickIsEmail = PAYMENT_XML.replace('userNick="Maria"', 'userNick="maria@example.com"');
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, nickIsEmail, { 'Content-Type': 'text/xml' });

		const { items, error } = await runGenesys(CONTENT('getStructuredText', IXN_ID, { options: { redact: true, textFormat: 'slack' } }));

		expect(error).toBeUndefined();
		const json = items[0].json;
		expect(String(json.text).split('\n').slice(0, 3)).toEqual([
			'*[EMAIL]:* card [CARD]',
			'*[EMAIL]:* [CARD], [EMAIL]',
			'*HelperBot:* Let me find an agent &lt;b&gt;for you&lt;/b&gt;.',
		]);
		expect((json.parties as Array<{ name?: string }>)[0].name).toBe('[EMAIL]');
		expect(JSON.stringify(json)).not.toMatch(/maria@|4111/);
		// Chat messages have a time but no end: the chat's length, no talk time.
		expect(json.metrics).toMatchObject({ computed: true, durationSeconds: 29, speakers: { customer: { turns: 2, words: 6 } } });
		expect(json.metrics).not.toHaveProperty('silenceSeconds');
	});
});
