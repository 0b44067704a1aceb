import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { useNockOnly } from '../support/nockChecks';
import { api, media, runKore, SESSION, signedUrl, VOICEMAIL_PATH, wav } from './fixtures';

useNockOnly();

/** One transcription entry as Kore.ai documents it (a message-store record). */
function transcription(text: string, createdOn = '2025-02-11T13:57:42.032Z') {
	return {
		_id: 'ms-dbd18b09-a8d5-54f3-a936-f694d6ad0001',
		type: 'incoming',
		status: 'received',
		components: [{ _id: 'cp-1', cT: 'text', data: { text }, thumbnails: [] }],
		createdOn,
		sessionId: '67ab573f3685d1ba99540001',
		lang: 'en',
		author: { id: 'u-353e231f', type: 'VOICEMAIL' },
	};
}

function voicemail(transcriptionFlag: 'true' | 'false'): nock.Interceptor {
	return api().get(VOICEMAIL_PATH).query({ sessionId: SESSION, transcription: transcriptionFlag });
}

const GET_VOICEMAIL = { resource: 'voicemail', operation: 'get', sessionId: SESSION };
const DOWNLOAD_VOICEMAIL = { resource: 'voicemail', operation: 'download', sessionId: SESSION };

describe('Voicemail → Get', () => {
	it('reads the documented "voicemail recording" key and gives the transcription in the shared shape', async () => {
		const fileUrl = signedUrl('/m/vm.wav');
		voicemail('true').reply(200, {
			status: 'success',
			'voicemail recording': [{ fileName: `voicemail_${SESSION}.wav`, fileUrl }],
			transcriptions: [transcription('Hi, this is voicemail testing.')],
		});

		const { items, error } = await runKore(GET_VOICEMAIL);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			sessionId: SESSION,
			kind: 'voicemail',
			status: 'success',
			ready: true,
			files: [{ fileName: `voicemail_${SESSION}.wav`, fileUrl }],
			transcript: {
				vendor: 'koreAiSmartAssist',
				interactionId: SESSION,
				channel: 'voicemail',
				language: 'en',
				text: 'Customer: Hi, this is voicemail testing.',
				segments: [{ speaker: 'customer', text: 'Hi, this is voicemail testing.', start: '2025-02-11T13:57:42.032Z' }],
			},
		});
		expect(items[0].json.transcript).not.toHaveProperty('raw');
	});

	it('reads the "voicemail_recording" spelling of the table too', async () => {
		voicemail('true').reply(200, {
			status: 'success',
			voicemail_recording: [{ fileName: 'vm.wav', fileUrl: signedUrl('/m/vm.wav') }],
			transcriptions: [],
		});

		const { items } = await runKore(GET_VOICEMAIL);

		expect(items[0].json).toMatchObject({ ready: true, files: [{ fileName: 'vm.wav' }] });
		expect(items[0].json.transcript).toMatchObject({ text: '', segments: [] });
	});

	it('joins several messages and keeps the original entries on request', async () => {
		const entries = [transcription('First part.'), transcription('Second part.', '2025-02-11T13:58:00.000Z')];
		voicemail('true').reply(200, { status: 'success', voicemail_recording: [], transcriptions: entries });

		const { items } = await runKore(GET_VOICEMAIL, { options: { includeRaw: true } });

		expect(items[0].json.transcript).toMatchObject({
			text: 'Customer: First part.\nCustomer: Second part.',
			raw: entries,
		});
	});

	it('keeps an undocumented transcription layout in raw with the best text it can find', async () => {
		const odd = [{ utterance: { words: 'call me back' } }];
		voicemail('true').reply(200, { status: 'success', voicemail_recording: [], transcriptions: odd });

		const { items } = await runKore(GET_VOICEMAIL);

		expect(items[0].json.transcript).toMatchObject({ text: 'call me back', segments: [], raw: odd });
	});

	it('asks for no transcription and gives none when it is turned off', async () => {
		voicemail('false').reply(200, { status: 'media_unavailable' });

		const { items, error } = await runKore({ ...GET_VOICEMAIL, transcription: false });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'media_unavailable', ready: false });
		expect(items[0].json).not.toHaveProperty('transcript');
	});
});

describe('Voicemail → Download', () => {
	it('streams each voicemail file with the transcript on its item', async () => {
		voicemail('true').reply(200, {
			status: 'success',
			'voicemail recording': [{ fileName: 'voicemail_1.wav', fileUrl: signedUrl('/m/vm.wav') }],
			transcriptions: [transcription('Please call me back.')],
		});
		media().get('/m/vm.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_VOICEMAIL);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			kind: 'voicemail',
			fileName: 'voicemail_1.wav',
			bytes: wav.length,
			transcript: { text: 'Customer: Please call me back.' },
		});
		expect((await readBinary(items[0])).equals(wav)).toBe(true);
	});

	it('fails clearly when the session has no voicemail', async () => {
		voicemail('true').reply(200, { status: 'media_unavailable' });

		const { error } = await runKore(DOWNLOAD_VOICEMAIL);

		expect(error?.message).toBe(
			`Kore.ai SmartAssist: no voicemail is available for session ${SESSION} (media_unavailable: the server has no media for this session)`,
		);
	});
});
