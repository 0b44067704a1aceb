import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	audioHeaders,
	CALL_ID,
	CAMPAIGN_ID,
	CRT,
	DOWNLOAD,
	DOWNLOAD_PATH,
	downloadQuery,
	mockLogin,
	MP3,
	MP3_NO_TAG,
	runAmeyo,
	session,
	WAV,
} from './fixtures';

useNockOnly();

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Voice Log → Download', () => {
	it('logs in, then streams the MP3 into a binary item named <crtObjectId>.mp3', async () => {
		mockLogin(session(1));
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3, audioHeaders(MP3));

		const { items, error } = await runAmeyo(DOWNLOAD);

		expect(error).toBeUndefined();
		const [item] = items;
		expect(item.json).toEqual({
			campaignId: CAMPAIGN_ID,
			crtObjectId: CRT,
			callId: CALL_ID,
			targetFormat: 'mp3',
			fileName: `${CRT}.mp3`,
			mimeType: 'audio/mpeg',
			bytes: MP3.length,
			serverContentType: 'audio/mpeg',
			source: 'ameyo',
		});
		expect(item.binary?.data).toMatchObject({ fileName: `${CRT}.mp3`, mimeType: 'audio/mpeg' });
		// Stored in the binary store, not inline in the item.
		expect(item.binary?.data.id).toMatch(/^filesystem/);
		expect(sha(await readBinary(item))).toBe(sha(MP3));
	});

	it('sends the four documented query parameters, with filters as the URL-encoded object {"callId": …}', async () => {
		mockLogin(session(1));
		let rawPath = '';
		api(session(1))
			.get((path) => {
				rawPath = path;
				return path.startsWith(DOWNLOAD_PATH);
			})
			.reply(200, MP3, audioHeaders(MP3));

		await runAmeyo(DOWNLOAD);

		expect(rawPath).toBe(
			`${DOWNLOAD_PATH}?campaignId=110&crtObjectId=${CRT}&targetFormat=mp3&filters=%7B%22callId%22%3A%22${CALL_ID}%22%7D`,
		);
	});

	it('stores a WAV as <crtObjectId>.wav with audio/wav', async () => {
		mockLogin(session(1));
		api(session(1))
			.get(DOWNLOAD_PATH)
			.query(downloadQuery({ targetFormat: 'wav' }))
			.reply(200, WAV, audioHeaders(WAV, 'audio/x-wav'));

		const { items, error } = await runAmeyo({ ...DOWNLOAD, targetFormat: 'wav' });

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ fileName: `${CRT}.wav`, mimeType: 'audio/wav', serverContentType: 'audio/x-wav' });
		expect((await readBinary(items[0])).equals(WAV)).toBe(true);
	});

	it('accepts an MP3 that starts straight with an MPEG frame (no ID3 tag)', async () => {
		mockLogin(session(1));
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3_NO_TAG, audioHeaders(MP3_NO_TAG));

		const { items, error } = await runAmeyo(DOWNLOAD);

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(MP3_NO_TAG)).toBe(true);
	});

	it('labels the file by the verified format when the server sends a generic Content-Type', async () => {
		mockLogin(session(1));
		api(session(1))
			.get(DOWNLOAD_PATH)
			.query(downloadQuery())
			.reply(200, MP3, audioHeaders(MP3, 'application/octet-stream'));

		const { items } = await runAmeyo(DOWNLOAD);

		expect(items[0].json).toMatchObject({ mimeType: 'audio/mpeg', serverContentType: 'application/octet-stream' });
		expect(items[0].binary?.data.mimeType).toBe('audio/mpeg');
	});

	it('stores a multi-megabyte recording that arrives in many chunks byte for byte', async () => {
		const big = Buffer.concat([MP3.subarray(0, 24), Buffer.alloc(6 * 1024 * 1024)]);
		for (let i = 24; i < big.length; i += 4093) big[i] = i % 251;
		mockLogin(session(1));
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, big, audioHeaders(big));

		const { items, error } = await runAmeyo(DOWNLOAD);

		expect(error).toBeUndefined();
		expect(items[0].json.bytes).toBe(big.length);
		expect(sha(await readBinary(items[0]))).toBe(sha(big));
	});

	it('URL-encodes ids so none can add a parameter or change the path', async () => {
		const crt = '../x&campaignId=1#frag';
		mockLogin(session(1));
		let rawPath = '';
		api(session(1))
			.get((path) => {
				rawPath = path;
				return true;
			})
			.reply(200, MP3, audioHeaders(MP3));

		const { items } = await runAmeyo({ ...DOWNLOAD, crtObjectId: crt, callId: 'a"b' });

		expect(rawPath).toBe(
			`${DOWNLOAD_PATH}?campaignId=110&crtObjectId=..%2Fx%26campaignId%3D1%23frag&targetFormat=mp3&filters=%7B%22callId%22%3A%22a%5C%22b%22%7D`,
		);
		// The id is a file name only after its path part is dropped.
		expect(items[0].json.fileName).toBe('x&campaignId=1#frag.mp3');
	});

	it('gives every item its own file and points it at its input', async () => {
		mockLogin(session(1));
		for (const crt of ['c-1', 'c-2']) {
			api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery({ crtObjectId: crt })).reply(200, MP3, audioHeaders(MP3));
		}

		const { items } = await runAmeyo(
			{ ...DOWNLOAD, crtObjectId: '={{ $json.crt }}' },
			{ inputItems: [{ json: { crt: 'c-1' } }, { json: { crt: 'c-2' } }] },
		);

		expect(items.map((i) => [i.json.fileName, i.pairedItem])).toEqual([
			['c-1.mp3', { item: 0 }],
			['c-2.mp3', { item: 1 }],
		]);
	});
});
