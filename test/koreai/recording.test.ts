import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	BOT,
	DOWNLOAD_RECORDING,
	GET_RECORDING,
	media,
	recordingsAnswer,
	RECORDINGS_PATH,
	runKore,
	SESSION,
	signedUrl,
	wav,
} from './fixtures';

useNockOnly();

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function recordings(): nock.Interceptor {
	return api().get(RECORDINGS_PATH).query({ sessionId: SESSION });
}

describe('Recording → Get', () => {
	it('returns the status and the file list with each link\'s expiry', async () => {
		const fileUrl = signedUrl('/getMediaStream/r1.wav');
		recordings().reply(200, recordingsAnswer([{ fileName: 'a-merged.wav', fileUrl }]));

		const { items, error } = await runKore(GET_RECORDING);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			sessionId: SESSION,
			botId: BOT,
			kind: 'recording',
			status: 'success',
			ready: true,
			files: [{ fileName: 'a-merged.wav', fileUrl }],
		});
		const { files } = items[0].json as { files: Array<{ expiresAt: string }> };
		expect(Date.parse(files[0].expiresAt)).toBeGreaterThan(Date.now());
	});

	it('reports a call in progress as a status, not as an error', async () => {
		recordings().reply(200, { status: 'call_in_progress' });

		const { items, error } = await runKore(GET_RECORDING);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			status: 'call_in_progress',
			ready: false,
			statusDescription: 'the call is still going on',
			files: [],
		});
	});

	it('uses the bot id typed in the node over the credential default, URL-encoded', async () => {
		api().get('/api/public/bot/st-other%3Aeu/v2/recordings').query({ sessionId: SESSION }).reply(200, { status: 'media_unavailable' });

		const { items } = await runKore({ ...GET_RECORDING, botId: 'st-other:eu' });

		expect(items[0].json).toMatchObject({ botId: 'st-other:eu', status: 'media_unavailable' });
	});

	it('sends the optional user id as a query parameter', async () => {
		api()
			.get(RECORDINGS_PATH)
			.query({ sessionId: SESSION, userId: 'jane.doe@example.com' })
			.reply(200, { status: 'media_unavailable' });

		const { error } = await runKore(GET_RECORDING, { options: { userId: 'jane.doe@example.com' } });

		expect(error).toBeUndefined();
	});
});

describe('Recording → Download', () => {
	it('streams the file into a binary item named by the API', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: '22d8ca62-merged.wav', fileUrl: signedUrl('/getMediaStream/r1.wav') }]));
		media()
			.get('/getMediaStream/r1.wav')
			.query(true)
			.reply(200, wav, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) });

		const { items, error } = await runKore({ ...DOWNLOAD_RECORDING, binaryPropertyName: 'audio' });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			sessionId: SESSION,
			botId: BOT,
			kind: 'recording',
			status: 'success',
			fileIndex: 0,
			fileCount: 1,
			fileName: '22d8ca62-merged.wav',
			mimeType: 'audio/wav',
			bytes: wav.length,
			source: 'koreAiSmartAssist',
		});
		expect(items[0].binary?.audio).toMatchObject({ fileName: '22d8ca62-merged.wav', mimeType: 'audio/wav' });
		expect(items[0].binary?.audio.id).toMatch(/^filesystem/);
		expect(sha(await readBinary(items[0], 'audio'))).toBe(sha(wav));
	});

	it('gives one binary item per file when a call has several', async () => {
		const second = Buffer.alloc(777, 9);
		recordings().reply(
			200,
			recordingsAnswer([
				{ fileName: 'leg-agent.wav', fileUrl: signedUrl('/m/1.wav') },
				{ fileName: 'leg-customer.wav', fileUrl: signedUrl('/m/2.wav') },
			]),
		);
		media().get('/m/1.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });
		media().get('/m/2.wav').query(true).reply(200, second, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.fileName, i.json.fileIndex, i.json.bytes])).toEqual([
			['leg-agent.wav', 0, wav.length],
			['leg-customer.wav', 1, 777],
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect((await readBinary(items[1])).equals(second)).toBe(true);
	});

	it('names a file without a name after the session and types it from the extension-less server answer', async () => {
		recordings().reply(200, { status: 'success', recording: [{ fileUrl: signedUrl('/m/noname') }] });
		media().get('/m/noname').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items } = await runKore(DOWNLOAD_RECORDING);

		expect(items[0].json.fileName).toBe(`${SESSION}-recording-1.wav`);
	});

	it('types a file the media host calls octet-stream by its .wav name', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'x.wav', fileUrl: signedUrl('/m/x') }]));
		media().get('/m/x').query(true).reply(200, wav, { 'Content-Type': 'binary/octet-stream' });

		const { items } = await runKore(DOWNLOAD_RECORDING);

		expect(items[0].json.mimeType).toBe('audio/wav');
		expect(items[0].binary?.data.mimeType).toBe('audio/wav');
	});

	it('says the recording is not ready yet while the call is in progress', async () => {
		recordings().reply(200, { status: 'call_in_progress' });

		const { error, items } = await runKore(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Kore.ai SmartAssist: the recording of session ${SESSION} is not ready yet (call_in_progress: the call is still going on)`,
		);
		expect(description(error)).toContain('Turn on "Wait for Media"');
	});

	it('says the recording is not ready yet while the media is being produced', async () => {
		recordings().reply(200, { status: 'media_in_progress' });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('is not ready yet (media_in_progress: the call has ended but the media file is still being produced)');
	});

	it.each([
		['media_unavailable', 'the server has no media for this session'],
		['failed', 'Kore.ai could not produce the media for this session'],
	])('fails clearly on %s', async (status, why) => {
		recordings().reply(200, { status });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toBe(`Kore.ai SmartAssist: no recording is available for session ${SESSION} (${status}: ${why})`);
		expect(description(error)).toContain('"Return Nothing"');
	});

	it.each([['media_unavailable'], ['failed']])('returns nothing on %s when the user chose so', async (status) => {
		recordings().reply(200, { status });

		const { error, items } = await runKore({ ...DOWNLOAD_RECORDING, whenNoMedia: 'returnNothing' });

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('treats success with an empty file list as no media', async () => {
		recordings().reply(200, { status: 'success', recording: [] });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('(success, but the list of files was empty)');
	});

	it('fails on a status Kore.ai does not document', async () => {
		recordings().reply(200, { status: 'archived' });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toBe(`Kore.ai SmartAssist: unexpected status "archived" for the recording of session ${SESSION}`);
	});

	it('reads a 200 without a status as the error envelope it is', async () => {
		recordings().reply(200, { errors: [{ msg: 'Invalid session', code: 400 }] });

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toBe(
			`Kore.ai SmartAssist: answer without a status: Invalid session — code 400 (session ${SESSION}, bot ${BOT})`,
		);
	});
});

describe('Wait for Media', () => {
	const waiting = { ...DOWNLOAD_RECORDING, waitForMedia: true, pollIntervalSeconds: 1, maxWaitSeconds: 30 };

	it('polls until the media is ready and downloads it on the 3rd answer', async () => {
		const asked: number[] = [];
		recordings().reply(200, () => (asked.push(Date.now()), { status: 'call_in_progress' }));
		recordings().reply(200, () => (asked.push(Date.now()), { status: 'media_in_progress' }));
		recordings().reply(200, () => (asked.push(Date.now()), recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }])));
		media().get('/m/r.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(waiting);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ fileName: 'r.wav', status: 'success' });
		expect(asked).toHaveLength(3);
		expect(asked[1] - asked[0]).toBeGreaterThanOrEqual(990);
		expect(asked[2] - asked[1]).toBeGreaterThanOrEqual(990);
	});

	it('gives up cleanly after Max Wait, naming the last status and the number of polls', async () => {
		recordings().times(3).reply(200, { status: 'media_in_progress' });

		const { items, error } = await runKore({ ...waiting, maxWaitSeconds: 2 });

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Kore.ai SmartAssist: the recording of session ${SESSION} is still not ready after waiting 2 s (media_in_progress: the call has ended but the media file is still being produced)`,
		);
		expect(description(error)).toBe('Asked 3 times. Raise "Max Wait" or run the workflow again later.');
	});

	it('stops waiting as soon as the media is known to be unavailable', async () => {
		recordings().reply(200, { status: 'call_in_progress' });
		recordings().reply(200, { status: 'media_unavailable' });

		const { items, error } = await runKore({ ...waiting, whenNoMedia: 'returnNothing' });

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('lets Get wait too and report how long it waited', async () => {
		recordings().reply(200, { status: 'call_in_progress' });
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));

		const { items } = await runKore({ ...GET_RECORDING, waitForMedia: true, pollIntervalSeconds: 1, maxWaitSeconds: 10 });

		expect(items[0].json).toMatchObject({ status: 'success', ready: true, polls: 2, waitedSeconds: 1 });
	});

	it.each([
		[{ pollIntervalSeconds: 0.01 }, 'Poll Interval "0.01" is not valid'],
		[{ pollIntervalSeconds: 601 }, 'Poll Interval "601" is not valid'],
		[{ maxWaitSeconds: 0 }, 'Max Wait "0" is not valid'],
		[{ maxWaitSeconds: 7200 }, 'Max Wait "7200" is not valid'],
	])('rejects %o before any request', async (extra, message) => {
		const { error } = await runKore({ ...waiting, ...extra });

		expect(error?.message).toBe(message);
	});
});

describe('validation', () => {
	it('needs a bot id from the node or the credential, before any request', async () => {
		const { error } = await runKore(DOWNLOAD_RECORDING, {
			credentials: { koreAiSmartAssistApi: { host: 'platform.kore.ai', clientId: 'cs-1', clientSecret: 's' } },
		});

		expect(error?.message).toBe('Bot / Stream ID is required');
		expect(description(error)).toContain('default Bot / Stream ID in the Kore.ai SmartAssist credential');
	});

	it.each([['../../admin'], ['st-1/../x'], ['a b'], ['..']])('never lets the bot id %j reach another path', async (botId) => {
		const { error } = await runKore({ ...DOWNLOAD_RECORDING, botId });

		expect(error?.message).toMatch(/^Bot \/ Stream ID ".*" is not valid$/);
	});

	it.each([['   '], ['68db/../x'], ['a&b=c']])('refuses the session id %j before any request', async (sessionId) => {
		const { error } = await runKore({ ...DOWNLOAD_RECORDING, sessionId });

		expect(error?.message).toMatch(/^Session ID (is required|".*" is not valid)$/);
	});

	it('refuses a custom host that is not a URL before any request', async () => {
		const { error } = await runKore(DOWNLOAD_RECORDING, {
			credentials: {
				koreAiSmartAssistApi: { host: 'custom', customHost: 'https://exa mple', clientId: 'cs-1', clientSecret: 's', botId: BOT },
			},
		});

		expect(error?.message).toBe('Kore.ai SmartAssist credential: The Custom Host "https://exa mple" is not a URL: use e.g. https://kore.example.com');
	});
});
