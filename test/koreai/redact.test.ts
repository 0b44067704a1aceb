import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { api, media, runKore, SESSION, signedUrl, VOICEMAIL_PATH, wav } from './fixtures';

useNockOnly();

function transcription(text: string) {
	return {
		_id: 'ms-dbd18b09-a8d5-54f3-a936-f694d6ad0001',
		components: [{ _id: 'cp-1', cT: 'text', data: { text } }],
		createdOn: '2025-02-11T13:57:42.032Z',
		lang: 'en',
		author: { id: 'u-353e231f', type: 'VOICEMAIL' },
	};
}

const entries = [transcription('Hi, call me back on 07700 900123'), transcription('or mail jane.doe@example.com')];

function voicemail() {
	return api().get(VOICEMAIL_PATH).query({ sessionId: SESSION, transcription: 'true' });
}

describe('Redact on Kore.ai voicemail transcriptions', () => {
	it('Voicemail → Get redacts the transcription, drops raw and counts what it removed', async () => {
		voicemail().reply(200, { status: 'success', 'voicemail recording': [{ fileName: 'vm.wav', fileUrl: signedUrl('/m/vm.wav') }], transcriptions: entries });

		const { items, error } = await runKore(
			{ resource: 'voicemail', operation: 'get', sessionId: SESSION },
			{ options: { includeRaw: true, redact: true } },
		);

		expect(error).toBeUndefined();
		const transcript = items[0].json.transcript;
		expect(transcript).toMatchObject({
			text: 'Customer: Hi, call me back on [PHONE]\nCustomer: or mail [EMAIL]',
			segments: [
				{ speaker: 'customer', text: 'Hi, call me back on [PHONE]' },
				{ speaker: 'customer', text: 'or mail [EMAIL]' },
			],
			redacted: true,
			rawDropped: true,
			redactions: { phone: 1, email: 1 },
		});
		expect(transcript).not.toHaveProperty('raw');
	});

	it('Voicemail → Download puts the redacted transcription on each file item', async () => {
		voicemail().reply(200, { status: 'success', 'voicemail recording': [{ fileName: 'vm.wav', fileUrl: signedUrl('/m/vm.wav') }], transcriptions: entries });
		media().get('/m/vm.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore({ resource: 'voicemail', operation: 'download', sessionId: SESSION }, { options: { redact: true } });

		expect(error).toBeUndefined();
		expect(items[0].json.transcript).toMatchObject({
			text: 'Customer: Hi, call me back on [PHONE]\nCustomer: or mail [EMAIL]',
			redactions: { phone: 1, email: 1 },
			rawDropped: false,
		});
	});
});

describe('Text Format and metrics on Kore.ai voicemail transcriptions', () => {
	it('Voicemail → Get writes the redacted transcription with timestamps and counts its words', async () => {
		const later = { ...transcription('or mail jane.doe@example.com'), createdOn: '2025-02-11T13:58:02.532Z' };
		voicemail().reply(200, { status: 'success', 'voicemail recording': [{ fileName: 'vm.wav', fileUrl: signedUrl('/m/vm.wav') }], transcriptions: [entries[0], later] });

		const { items, error } = await runKore({ resource: 'voicemail', operation: 'get', sessionId: SESSION }, { options: { redact: true, textFormat: 'timestamped' } });

		expect(error).toBeUndefined();
		expect(items[0].json.transcript).toMatchObject({
			text: '[00:00] Customer: Hi, call me back on [PHONE]\n[00:20] Customer: or mail [EMAIL]',
			metrics: { computed: true, durationSeconds: 20.5, speakers: { customer: { turns: 2, words: 10 } } },
		});
	});
});
