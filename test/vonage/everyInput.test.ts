import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { useNockOnly } from '../support/nockChecks';
import { API, api, GUID, guid, INTERACTION_PATH, mockToken, runVonage } from './fixtures';

useNockOnly();

const wav = (name: string) => Buffer.from(`RIFF....WAVEfmt ${name}`);

const listing = {
	guid: GUID,
	content: [
		{ contentKey: 'callRecording', type: 'callRecording', contentType: 'audio/wav' },
		{ contentKey: 'screen-1', type: 'screenRecording', contentType: 'video/webm' },
		{ contentKey: 'voicemail-1', type: 'voicemail', contentType: 'audio/wav' },
	],
};

const DOWNLOAD_ALL = { resource: 'content', operation: 'downloadAll', guid: GUID, contentTypes: [], binaryPropertyName: 'data' };

/** The listing, then three files of which the second is refused (403 is never retried). */
function listingWithForbiddenSecondFile(): void {
	mockToken();
	const scope = api();
	scope.get(INTERACTION_PATH).reply(200, listing);
	scope.get(`${INTERACTION_PATH}/content/callRecording`).reply(200, wav('one'), { 'Content-Type': 'audio/wav' });
	scope.get(`${INTERACTION_PATH}/content/screen-1`).reply(403, { message: 'Screen recordings are not in your scope' });
	scope.get(`${INTERACTION_PATH}/content/voicemail-1`).reply(200, wav('three'), { 'Content-Type': 'audio/wav' });
}

describe('Download All when one file fails', () => {
	it('with Continue On Fail, gives every stored file and one error item naming the failed one, in list order', async () => {
		listingWithForbiddenSecondFile();

		const { items, error } = await runVonage(DOWNLOAD_ALL, { continueOnFail: true });

		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.contentKey, i.json.error ?? i.binary?.data.fileName])).toEqual([
			['callRecording', `${GUID}-callRecording.wav`],
			['screen-1', `Vonage Contact Center: Screen recordings are not in your scope (HTTP 403, interaction ${GUID}, content screen-1)`],
			['voicemail-1', `${GUID}-voicemail-1.wav`],
		]);
		expect(items[1].json).toMatchObject({ interactionId: GUID, type: 'screenRecording', httpCode: '403' });
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(await readBinary(items[0])).toEqual(wav('one'));
		expect(await readBinary(items[2])).toEqual(wav('three'));
	});

	it('without Continue On Fail, fails the node on the first failed file and fetches no more', async () => {
		mockToken();
		const scope = api();
		scope.get(INTERACTION_PATH).reply(200, listing);
		scope.get(`${INTERACTION_PATH}/content/callRecording`).reply(200, wav('one'), { 'Content-Type': 'audio/wav' });
		scope.get(`${INTERACTION_PATH}/content/screen-1`).reply(403, { message: 'Screen recordings are not in your scope' });

		const { items, error } = await runVonage(DOWNLOAD_ALL);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: Screen recordings are not in your scope (HTTP 403, interaction ${GUID}, content screen-1)`,
		);
	});

	it('keeps the files of the other input items around the failed one, each paired with its input', async () => {
		const other = guid(7);
		mockToken();
		const scope = api();
		scope.get(INTERACTION_PATH).reply(200, { guid: GUID, content: [{ contentKey: 'callRecording', type: 'callRecording' }] });
		scope.get(`${INTERACTION_PATH}/content/callRecording`).reply(500, { message: 'Storage down' });
		scope
			.get(`/interaction-content/interactions/${other}`)
			.reply(200, { guid: other, content: [{ contentKey: 'callRecording', type: 'callRecording' }] });
		scope.get(`/interaction-content/interactions/${other}/content/callRecording`).reply(200, wav('x'), { 'Content-Type': 'audio/wav' });

		const { items } = await runVonage(
			{ ...DOWNLOAD_ALL, guid: '={{ $json.id }}', options: { requestsPerMinute: 0, maxTries: 1 } },
			{ inputItems: [{ json: { id: GUID } }, { json: { id: other } }], continueOnFail: true },
		);

		expect(items.map((i) => [(i.pairedItem as { item: number }).item, i.json.interactionId, i.json.error === undefined])).toEqual([
			[0, GUID, false],
			[1, other, true],
		]);
	});
});

describe('Analysis with calls typed as a list', () => {
	/** Answers with the GUIDs asked for, in reverse order, and records what was asked. */
	function answerReversed(asked: string[][]): void {
		api()
			.get('/conversation-analyzer/interactions')
			.query(true)
			.reply(function (uri) {
				const calls = new URL(uri, API).searchParams.get('calls')?.split(',') ?? [];
				asked.push(calls);
				return [200, [...calls].reverse().map((id) => ({ guid: id, status: 'processed' }))];
			});
	}

	const typed = (callGuids: string) => ({
		resource: 'analysis',
		operation: 'get',
		guidSource: 'list',
		callGuids,
		includeTranscript: false,
	});

	it('with Continue On Fail, a malformed GUID gives one error item naming it and the valid ones still return, in list order', async () => {
		mockToken();
		const asked: string[][] = [];
		answerReversed(asked);

		const { items, error } = await runVonage(typed(`${guid(1)}\nnot-a-guid\n${guid(3)}`), { continueOnFail: true });

		expect(error).toBeUndefined();
		expect(asked).toEqual([[guid(1), guid(3)]]);
		expect(items.map((i) => i.json.error ?? i.json.guid)).toEqual([guid(1), 'Call GUID "not-a-guid" is not a valid GUID', guid(3)]);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('without Continue On Fail, returns results in list order whatever order the analyzer answers in', async () => {
		mockToken();
		const asked: string[][] = [];
		answerReversed(asked);

		const { items } = await runVonage(typed(`${guid(3)}, ${guid(1)}, ${guid(2)}`));

		expect(items.map((i) => i.json.guid)).toEqual([guid(3), guid(1), guid(2)]);
	});

	it('without Continue On Fail, a malformed GUID still fails before anything is sent', async () => {
		const { items, error } = await runVonage(typed(`${guid(1)}, not-a-guid`));

		expect(items).toEqual([]);
		expect(error?.message).toBe('Call GUID "not-a-guid" is not a valid GUID');
	});
});
