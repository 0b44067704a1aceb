import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { API, api, guid, mockToken, runVonage } from './fixtures';

useNockOnly();

/** A Conversation Analyzer item as the seed documents it (with the seed's missing comma fixed). */
function analysed(id: string, transcript: string | null = null) {
	return {
		guid: id,
		language: 'en-US',
		status: 'processed',
		confidence: 'Low',
		categories: [{ category: 'Politeness', categories: [{ name: 'Greeting', matches: '1' }] }],
		callTimeBreakDown: { agent: 5, customer: 1, silence: 4, crossTalk: 0 },
		transcript,
		sentimentSummary: {
			overallSentiment: -0.05,
			categories: { veryNegative: 20, negative: 20, neutral: 20, positive: 20, veryPositive: 20 },
			distributionOverTime: [{ score: 0.61, span: { start: 0, end: 10 } }],
		},
	};
}

/** Answers every batch with the GUIDs it asked for, recording the batch sizes. */
function answerBatches(batches: number[][]): void {
	api()
		.get('/conversation-analyzer/interactions')
		.query(true)
		.times(batches.length)
		.reply(function (uri) {
			const calls = new URL(uri, API).searchParams.get('calls')?.split(',') ?? [];
			batches.push([calls.length]);
			return [200, calls.map((id) => analysed(id))];
		});
}

describe('Analysis → Get', () => {
	it('sends 120 GUIDs from input items in exactly 3 requests of at most 50', async () => {
		mockToken();
		const sizes: number[] = [];
		api()
			.get('/conversation-analyzer/interactions')
			.query(true)
			.times(3)
			.reply(function (uri) {
				const calls = new URL(uri, API).searchParams.get('calls')?.split(',') ?? [];
				sizes.push(calls.length);
				return [200, calls.map((id) => analysed(id))];
			});
		const inputItems = Array.from({ length: 120 }, (_, i) => ({ json: { guid: guid(i) } }));

		const { items, error } = await runVonage(
			{ resource: 'analysis', operation: 'get', guidSource: 'items', callGuid: '={{ $json.guid }}', includeTranscript: false },
			{ inputItems },
		);

		expect(error).toBeUndefined();
		expect(sizes).toEqual([50, 50, 20]);
		expect(items).toHaveLength(120);
		// Each result points back at the input item that asked for it.
		items.forEach((item, i) => {
			expect(item.json.guid).toBe(guid(i));
			expect(item.pairedItem).toEqual({ item: i });
		});
	});

	it('asks for the transcript and also gives it in the shared shape', async () => {
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query({ calls: guid(1), transcript: 'true' })
			.reply(200, [analysed(guid(1), 'Agent: Hello, how can I help?\nCustomer: My bill is wrong.')]);

		const { items } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: guid(1),
			includeTranscript: true,
		});

		expect(items[0].json).toMatchObject({
			callTimeBreakDown: { agent: 5, customer: 1, silence: 4, crossTalk: 0 },
			sentimentSummary: { overallSentiment: -0.05 },
			normalizedTranscript: {
				vendor: 'vonageContactCenter',
				interactionId: guid(1),
				language: 'en-US',
				channel: 'voice',
				text: 'Agent: Hello, how can I help?\nCustomer: My bill is wrong.',
				segments: [
					{ speaker: 'agent', text: 'Hello, how can I help?' },
					{ speaker: 'customer', text: 'My bill is wrong.' },
				],
			},
		});
	});

	it('splits a typed list of 60 GUIDs into 2 requests', async () => {
		mockToken();
		const batches: number[][] = [];
		answerBatches(batches);
		answerBatches(batches);
		const list = Array.from({ length: 60 }, (_, i) => guid(i)).join(',\n');

		const { items } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: list,
			includeTranscript: false,
		});

		expect(batches).toEqual([[50], [10]]);
		expect(items).toHaveLength(60);
	});

	it('says which GUID the analyzer did not return', async () => {
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query(true)
			.reply(200, [analysed(guid(1))]);

		const { items } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: `${guid(1)}, ${guid(2)}`,
			includeTranscript: false,
		});

		expect(items[1].json).toEqual({ guid: guid(2), status: 'notFound' });
	});

	it('rejects a malformed GUID before sending any request, naming it', async () => {
		const { error } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: `${guid(1)}, not-a-guid`,
			includeTranscript: false,
		});

		expect(error?.message).toBe('Call GUID "not-a-guid" is not a valid GUID');
	});

	it('maps the analyzer error envelope to one message', async () => {
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query(true)
			.reply(400, { error: { code: 'UnsupportedApiVersion', message: 'The API version is not supported' } });

		const { error } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: guid(1),
			includeTranscript: false,
		});

		expect(error?.message).toBe(
			`Vonage Contact Center: The API version is not supported — code UnsupportedApiVersion (HTTP 400, calls ${guid(1)})`,
		);
	});

	it('with Continue On Fail, a bad GUID gives one error item in its place and the others still run', async () => {
		mockToken();
		api()
			.get('/conversation-analyzer/interactions')
			.query((q) => q.calls === `${guid(0)},${guid(2)}`)
			.reply(200, [analysed(guid(0)), analysed(guid(2))]);
		const inputItems = [{ json: { guid: guid(0) } }, { json: { guid: 'oops' } }, { json: { guid: guid(2) } }];

		const { items } = await runVonage(
			{ resource: 'analysis', operation: 'get', guidSource: 'items', callGuid: '={{ $json.guid }}', includeTranscript: false },
			{ inputItems, continueOnFail: true },
		);

		const byItem = items.map((i) => [(i.pairedItem as { item: number }).item, i.json.error ?? i.json.guid]);
		expect(byItem).toEqual([
			[0, guid(0)],
			[1, 'Call GUID "oops" is not a valid GUID'],
			[2, guid(2)],
		]);
	});
});
