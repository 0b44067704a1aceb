import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import { api, GUID, mockToken, runVonage } from './fixtures';

useNockOnly();

const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(4096, 7)]);
const contentUrl = (key: string) => `/interaction-content/interactions/${GUID}/content/${key}`;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Content → Download', () => {
	it('streams the call recording into a binary item named after the interaction', async () => {
		mockToken();
		api().get(contentUrl('callRecording')).reply(200, wav, {
			'Content-Type': 'audio/wav',
			'Content-Length': String(wav.length),
		});

		const { items, error } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'callRecording',
			binaryPropertyName: 'recording',
		});

		expect(error).toBeUndefined();
		const [item] = items;
		expect(item.json).toMatchObject({
			interactionId: GUID,
			contentKey: 'callRecording',
			fileName: `${GUID}-callRecording.wav`,
			mimeType: 'audio/wav',
			bytes: wav.length,
		});
		expect(item.binary?.recording).toMatchObject({ fileName: `${GUID}-callRecording.wav`, mimeType: 'audio/wav' });
		// Stored in the binary store, not inline in the item.
		expect(item.binary?.recording.id).toMatch(/^filesystem/);
		expect(sha(await readBinary(item, 'recording'))).toBe(sha(wav));
	});

	it('uses the file name the server gives in Content-Disposition', async () => {
		mockToken();
		api().get(contentUrl('attachment')).reply(200, '{"a":1}', {
			'Content-Type': 'application/json',
			'Content-Disposition': 'attachment; filename="../../etc/contract.json"',
		});

		const { items } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'attachment',
			binaryPropertyName: 'data',
		});

		expect(items[0].json.fileName).toBe('contract.json');
	});

	it('sends a byte range and accepts the 206 partial answer', async () => {
		mockToken();
		api()
			.matchHeader('range', 'bytes=0-1023')
			.get(contentUrl('callRecording'))
			.reply(206, wav.subarray(0, 1024), {
				'Content-Type': 'audio/wav',
				'Content-Range': `bytes 0-1023/${wav.length}`,
				'Content-Length': '1024',
			});

		const { items, error } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
			options: { requestsPerMinute: 0, maxTries: 3, byteRange: '0-1023' },
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ bytes: 1024, contentRange: `bytes 0-1023/${wav.length}` });
	});

	it('rejects a malformed byte range before sending any request', async () => {
		mockToken(); // the token may be fetched first; the content request must not be
		const { error } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
			options: { byteRange: '10-2' },
		});
		nock.cleanAll();

		expect(error?.message).toBe('Byte range "10-2" is not valid');
	});

	it('downloads a voicemail by the content id from the list', async () => {
		const id = '017f2106-ff1b-8d35-89e5-1e01b327a159';
		mockToken();
		api().get(contentUrl(id)).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'contentId',
			contentId: id,
			binaryPropertyName: 'data',
		});

		expect(items[0].json).toMatchObject({ contentKey: id, fileName: `${GUID}-${id}.wav` });
	});

	it.each([['../../admin'], ['..'], ['a/b'], ['key?x=1'], ['x'.repeat(37)]])(
		'never lets the content key %s reach another path',
		async (contentId) => {
			const { error } = await runVonage({
				resource: 'content',
				operation: 'download',
				guid: GUID,
				contentKey: 'contentId',
				contentId,
				binaryPropertyName: 'data',
			});
			nock.cleanAll();

			expect(error?.message).toMatch(/^Content key ".*" is not valid$/);
		},
	);

	it('never lets a GUID containing a slash reach another path', async () => {
		const { error } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: `${GUID}/../../x`,
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
		});

		expect(error?.message).toContain('is not a valid GUID');
	});

	it('fails when the body is shorter than its Content-Length, after the bounded tries', async () => {
		mockToken();
		api().get(contentUrl('callRecording')).times(3).reply(200, wav.subarray(0, 100), {
			'Content-Type': 'audio/wav',
			'Content-Length': String(wav.length),
		});

		const { error, items } = await runVonage({
			resource: 'content',
			operation: 'download',
			guid: GUID,
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
		});

		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			new RegExp(`^Vonage Contact Center: the download was interrupted \\(.+\\) \\(interaction ${GUID}, content callRecording\\)$`),
		);
		expect(description(error)).toBe(
			'Gave up after 3 tries; nothing was stored as a success.',
		);
	});
});

describe('Content → Download All', () => {
	const voicemailId = 'fbebd00a-1111-4222-8333-444455556666';
	const listing = {
		guid: GUID,
		content: [
			{ contentKey: 'callRecording', type: 'callRecording', contentType: 'audio/wav', contentLength: wav.length },
			{ contentKey: 'transcript', type: 'transcript', contentType: 'application/json', contentLength: 12 },
			{ contentKey: voicemailId, type: 'voicemail', contentType: 'audio/wav' },
		],
	};

	it('gives one binary item per content file', async () => {
		mockToken();
		const scope = api();
		scope.get(`/interaction-content/interactions/${GUID}`).reply(200, listing);
		scope.get(contentUrl('callRecording')).reply(200, wav, { 'Content-Type': 'audio/wav' });
		scope.get(contentUrl('transcript')).reply(200, '{"turns":[]}', { 'Content-Type': 'application/json' });
		scope
			.get(contentUrl(voicemailId))
			.reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runVonage({
			resource: 'content',
			operation: 'downloadAll',
			guid: GUID,
			contentTypes: [],
			binaryPropertyName: 'data',
		});

		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.type, i.binary?.data.fileName])).toEqual([
			['callRecording', `${GUID}-callRecording.wav`],
			['transcript', `${GUID}-transcript.json`],
			['voicemail', `${GUID}-${voicemailId}.wav`],
		]);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('downloads only the types asked for', async () => {
		mockToken();
		const scope = api();
		scope.get(`/interaction-content/interactions/${GUID}`).reply(200, listing);
		scope
			.get(contentUrl(voicemailId))
			.reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items } = await runVonage({
			resource: 'content',
			operation: 'downloadAll',
			guid: GUID,
			contentTypes: ['voicemail'],
			binaryPropertyName: 'data',
		});

		expect(items.map((i) => i.json.type)).toEqual(['voicemail']);
	});

	it('uses the content list of an input item from Search instead of asking VCC again', async () => {
		mockToken();
		// No GET of the interaction is mocked: asking for it would fail the test.
		api().get(contentUrl('callRecording')).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runVonage(
			{ resource: 'content', operation: 'downloadAll', guid: '={{ $json.guid }}', contentTypes: ['callRecording'], binaryPropertyName: 'data' },
			{ inputItems: [{ json: listing }] },
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.contentKey)).toEqual(['callRecording']);
	});

	it('asks VCC for the content list when Refresh Content List is on', async () => {
		mockToken();
		const scope = api();
		scope.get(`/interaction-content/interactions/${GUID}`).reply(200, listing);
		scope.get(contentUrl(voicemailId)).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items } = await runVonage(
			{
				resource: 'content',
				operation: 'downloadAll',
				guid: GUID,
				contentTypes: ['voicemail'],
				binaryPropertyName: 'data',
				options: { refreshContentList: true },
			},
			{ inputItems: [{ json: { guid: GUID, content: [] } }] },
		);

		expect(items.map((i) => i.json.type)).toEqual(['voicemail']);
	});

	it('does not take the content list of another interaction from the input item', async () => {
		mockToken();
		const scope = api();
		scope.get(`/interaction-content/interactions/${GUID}`).reply(200, listing);
		scope.get(contentUrl(voicemailId)).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const other = { guid: '11111111-2222-4333-8444-555566667777', content: [{ contentKey: 'callRecording', type: 'voicemail' }] };
		const { items } = await runVonage(
			{ resource: 'content', operation: 'downloadAll', guid: GUID, contentTypes: ['voicemail'], binaryPropertyName: 'data' },
			{ inputItems: [{ json: other }] },
		);

		expect(items.map((i) => i.json.contentKey)).toEqual([voicemailId]);
	});
});

describe('Content → Get Transcript', () => {
	const vendorTranscript = {
		language: 'en-GB',
		transcript: [
			{ speaker: 'Agent', start: 0.5, end: 2.1, text: 'Hello, you are through to support.' },
			{ speaker: 'Customer', start: 2.4, end: 4, text: 'Hi, my order is late.' },
		],
	};

	it('returns the transcript in the shared shape', async () => {
		mockToken();
		api().get(contentUrl('transcript')).reply(200, vendorTranscript);

		const { items, error } = await runVonage({
			resource: 'content',
			operation: 'getTranscript',
			guid: GUID,
			transcriptKey: 'transcript',
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			vendor: 'vonageContactCenter',
			interactionId: GUID,
			channel: 'voice',
			language: 'en-GB',
			text: 'Agent: Hello, you are through to support.\nCustomer: Hi, my order is late.',
			segments: [
				{ speaker: 'agent', start: 0.5, end: 2.1, text: 'Hello, you are through to support.' },
				{ speaker: 'customer', start: 2.4, end: 4, text: 'Hi, my order is late.' },
			],
			metrics: {
				computed: true,
				durationSeconds: 3.5,
				speakers: {
					agent: { turns: 1, words: 6, talkSeconds: 1.6, share: 0.5, wordsPerMinute: 225 },
					customer: { turns: 1, words: 5, talkSeconds: 1.6, share: 0.5, wordsPerMinute: 187.5 },
				},
				longestMonologue: { speaker: 'agent', seconds: 1.6 },
				silenceSeconds: 0.3,
				overtalkSeconds: 0,
			},
		});
	});

	it('keeps the vendor original when asked', async () => {
		mockToken();
		api().get(contentUrl('chatTranscript')).reply(200, vendorTranscript);

		const { items } = await runVonage({
			resource: 'content',
			operation: 'getTranscript',
			guid: GUID,
			transcriptKey: 'chatTranscript',
			options: { includeRaw: true, requestsPerMinute: 0 },
		});

		expect(items[0].json).toMatchObject({ channel: 'chat', raw: vendorTranscript });
	});
});
