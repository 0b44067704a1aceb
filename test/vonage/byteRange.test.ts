import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import { api, GUID, INTERACTION_PATH, mockToken, runVonage } from './fixtures';

useNockOnly();

const file = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
const RECORDING = `${INTERACTION_PATH}/content/callRecording`;

async function downloadRange(byteRange: string) {
	return await runVonage({
		resource: 'content',
		operation: 'download',
		guid: GUID,
		contentKey: 'callRecording',
		binaryPropertyName: 'data',
		options: { requestsPerMinute: 0, maxTries: 3, byteRange },
	});
}

function answerRange(header: string, status: number, body: Buffer, contentRange?: string) {
	mockToken();
	api()
		.matchHeader('range', header)
		.get(RECORDING)
		.reply(status, body, {
			'Content-Type': 'audio/wav',
			'Content-Length': String(body.length),
			...(contentRange ? { 'Content-Range': contentRange } : {}),
		});
}

describe('a byte range', () => {
	it('is not satisfied by the whole file sent with 200: nothing is stored', async () => {
		answerRange('bytes=0-1023', 200, file);

		const { items, error } = await downloadRange('0-1023');

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: asked for bytes=0-1023, but the server sent the whole file (HTTP 200) instead of that range (interaction ${GUID}, content callRecording)`,
		);
		expect(description(error)).toContain('Nothing was stored');
	});

	it('is not satisfied by a 206 for another range', async () => {
		answerRange('bytes=1024-2047', 206, file.subarray(0, 1024), `bytes 0-1023/${file.length}`);

		const { items, error } = await downloadRange('1024-2047');

		expect(items).toEqual([]);
		expect(error?.message).toContain('asked for bytes=1024-2047, but the server sent bytes 0-1023 instead');
	});

	it('is not satisfied by a 206 without a Content-Range', async () => {
		answerRange('bytes=0-1023', 206, file.subarray(0, 1024));

		const { error } = await downloadRange('0-1023');

		expect(error?.message).toContain('asked for bytes=0-1023, but the server answered HTTP 206 with no Content-Range');
	});

	it('is satisfied by a shorter 206 that ends at the end of the file', async () => {
		answerRange('bytes=3000-9999', 206, file.subarray(3000), `bytes 3000-4095/${file.length}`);

		const { items, error } = await downloadRange('3000-9999');

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(file.subarray(3000))).toBe(true);
		expect(items[0].json.contentRange).toBe(`bytes 3000-4095/${file.length}`);
	});

	it('to the end is satisfied by a 206 from its first byte to the last', async () => {
		answerRange('bytes=4000-', 206, file.subarray(4000), `bytes 4000-4095/${file.length}`);

		const { items, error } = await downloadRange('4000-');

		expect(error).toBeUndefined();
		expect(items[0].json.bytes).toBe(96);
	});

	it('to the end is not satisfied by a 206 that stops short of the last byte', async () => {
		answerRange('bytes=4000-', 206, file.subarray(4000, 4050), `bytes 4000-4049/${file.length}`);

		const { error } = await downloadRange('4000-');

		expect(error?.message).toContain('asked for bytes=4000-, but the server sent bytes 4000-4049 instead');
	});

	it('outside the file gets a 416 message that names the range asked for', async () => {
		mockToken();
		api().matchHeader('range', 'bytes=9000-9999').get(RECORDING).reply(416, { message: 'Range Not Satisfiable' }, {
			'Content-Range': `bytes */${file.length}`,
		});

		const { error } = await downloadRange('9000-9999');

		expect(error?.message).toContain('(HTTP 416 for bytes=9000-9999, interaction');
		expect(description(error)).toContain('The byte range lies outside the file.');
	});

	it('answered by a 206 with fewer bytes than its Content-Range is tried again, and never stored as a success', async () => {
		mockToken();
		api()
			.matchHeader('range', 'bytes=0-1023')
			.get(RECORDING)
			.times(3)
			.reply(206, file.subarray(0, 500), { 'Content-Type': 'audio/wav', 'Content-Range': `bytes 0-1023/${file.length}` });

		const { items, error } = await downloadRange('0-1023');

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: the download ended after 500 of 1024 bytes (interaction ${GUID}, content callRecording)`,
		);
		expect(description(error)).toBe('Gave up after 3 tries; nothing was stored as a success.');
	});

	it('answered by a short 206 once stores the whole range the next try brings', async () => {
		mockToken();
		const headers = { 'Content-Type': 'audio/wav', 'Content-Range': `bytes 0-1023/${file.length}` };
		api().matchHeader('range', 'bytes=0-1023').get(RECORDING).reply(206, file.subarray(0, 500), headers);
		api().matchHeader('range', 'bytes=0-1023').get(RECORDING).reply(206, file.subarray(0, 1024), headers);

		const { items, error } = await downloadRange('0-1023');

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(file.subarray(0, 1024))).toBe(true);
	});
});
