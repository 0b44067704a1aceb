import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import { api, GUID, INTERACTION_PATH, mockToken, runVonage } from './fixtures';

useNockOnly();

const PROXY_PAGE = '<!doctype html><html><head><title>Proxy login</title></head><body>Sign in</body></html>';

async function download(contentKey: string) {
	return await runVonage({
		resource: 'content',
		operation: 'download',
		guid: GUID,
		contentKey,
		binaryPropertyName: 'data',
		options: { requestsPerMinute: 0, maxTries: 1 },
	});
}

function answerPage(contentKey: string) {
	mockToken();
	api()
		.get(`${INTERACTION_PATH}/content/${contentKey}`)
		.reply(200, PROXY_PAGE, { 'Content-Type': 'text/html; charset=utf-8' });
}

describe('a web page answered where a file was asked for', () => {
	it('is an error naming the page for a call recording: nothing is stored', async () => {
		answerPage('callRecording');

		const { items, error } = await download('callRecording');

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: expected the file, got an HTML page "Proxy login" (HTTP 200, interaction ${GUID}, content callRecording)`,
		);
		expect(description(error)).toContain('nothing was stored');
	});

	it('is an error for a transcript too, whatever the case of its key', async () => {
		answerPage('Transcript');

		const { error } = await download('Transcript');

		expect(error?.message).toContain('expected the file, got an HTML page "Proxy login"');
	});

	it('is stored as the file for a content id, which may be an HTML attachment', async () => {
		answerPage('attachment-1');

		const { items, error } = await download('attachment-1');

		expect(error).toBeUndefined();
		expect(items[0].json.mimeType).toBe('text/html');
		expect((await readBinary(items[0])).toString('utf8')).toBe(PROXY_PAGE);
	});
});
