import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { api, GUID, guid, mockToken, runVonage } from './fixtures';

useNockOnly();

const payment = {
	language: 'en-GB',
	transcript: [
		{ speaker: 'Agent', start: 0.5, end: 2.1, text: 'Can I take the long number on the card?' },
		{ speaker: 'Customer', start: 2.4, end: 4, text: "it's 4111 1111" },
		{ speaker: 'Customer', start: 4.2, end: 6, text: '1111 1111, and the CVV is 737' },
		{ speaker: 'Agent', start: 6.5, end: 8, text: 'Receipt to jane.doe@example.com?' },
	],
};

/** Content → Get Transcript of the payment call, with these options. */
async function getPaymentTranscript(options: INodeParameters = {}) {
	mockToken();
	api().get(`/interaction-content/interactions/${GUID}/content/transcript`).reply(200, payment);
	return await runVonage({ resource: 'content', operation: 'getTranscript', guid: GUID, transcriptKey: 'transcript', options });
}

describe('Redact on Vonage transcripts', () => {
	it('Content → Get Transcript redacts the transcript, drops raw and counts what it removed', async () => {
		const { items, error } = await getPaymentTranscript({ includeRaw: true, redact: true });

		expect(error).toBeUndefined();
		const json = items[0].json;
		expect(json).toMatchObject({
			vendor: 'vonageContactCenter',
			redacted: true,
			rawDropped: true,
			redactions: { card: 1, cvv: 1, email: 1 },
			text: [
				'Agent: Can I take the long number on the card?',
				"Customer: it's [CARD]",
				'Customer: [CARD], and the CVV is [CVV]',
				'Agent: Receipt to [EMAIL]?',
			].join('\n'),
		});
		expect(json).not.toHaveProperty('raw');
		expect(JSON.stringify(json)).not.toMatch(/4111|737|jane/);
	});

	it('Content → Get Transcript leaves the transcript as it is when Redact is off', async () => {
		const { items } = await getPaymentTranscript();

		expect(items[0].json).not.toHaveProperty('redactions');
		expect(JSON.stringify(items[0].json)).toMatch(/4111 1111/);
	});

	it("Analysis → Get redacts the analyzer's transcript and its shared-shape copy", async () => {
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query({ calls: guid(1), transcript: 'true' })
			.reply(200, [{ guid: guid(1), language: 'en-US', transcript: 'Agent: Your number?\nCustomer: +44 20 7946 0958' }]);

		const { items, error } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: guid(1),
			includeTranscript: true,
			options: { redact: true },
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			transcript: 'Agent: Your number?\nCustomer: [PHONE]',
			normalizedTranscript: {
				text: 'Agent: Your number?\nCustomer: [PHONE]',
				segments: [
					{ speaker: 'agent', text: 'Your number?' },
					{ speaker: 'customer', text: '[PHONE]' },
				],
				redacted: true,
				redactions: { phone: 1 },
			},
		});
	});
});

describe('Text Format and metrics on Vonage transcripts', () => {
	it('Content → Get Transcript writes the redacted turns with timestamps and computes talk time, silence and the longest monologue', async () => {
		const { items, error } = await getPaymentTranscript({ redact: true, textFormat: 'timestamped' });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			text: [
				'[00:00] Agent: Can I take the long number on the card?',
				"[00:02] Customer: it's [CARD]",
				'[00:04] Customer: [CARD], and the CVV is [CVV]',
				'[00:06] Agent: Receipt to [EMAIL]?',
			].join('\n'),
			metrics: {
				computed: true,
				durationSeconds: 7.5,
				speakers: {
					agent: { turns: 2, words: 12, talkSeconds: 3.1, share: 0.477, wordsPerMinute: 232.3 },
					customer: { turns: 2, words: 10, talkSeconds: 3.4, share: 0.523, wordsPerMinute: 176.5 },
				},
				longestMonologue: { speaker: 'customer', seconds: 3.6 },
				silenceSeconds: 1,
				overtalkSeconds: 0,
			},
		});
	});

	it("Analysis → Get writes both transcripts for Slack and keeps Vonage's callTimeBreakDown as sent", async () => {
		const callTimeBreakDown = { talkTime: 95, holdTime: 12, agentTalkRatio: 0.4 };
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query({ calls: guid(1), transcript: 'true' })
			.reply(200, [{ guid: guid(1), callTimeBreakDown, transcript: 'Agent: Your <number>?\nCustomer: +44 20 7946 0958' }]);

		const { items, error } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: guid(1),
			includeTranscript: true,
			options: { redact: true, textFormat: 'slack' },
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			callTimeBreakDown,
			transcript: '*Agent:* Your &lt;number&gt;?\n*Customer:* [PHONE]',
			normalizedTranscript: {
				text: '*Agent:* Your &lt;number&gt;?\n*Customer:* [PHONE]',
				metrics: { computed: true, speakers: { agent: { turns: 1, words: 2 }, customer: { turns: 1, words: 4 } } },
			},
		});
	});
});
