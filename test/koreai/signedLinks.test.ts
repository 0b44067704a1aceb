import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { isExpired, signedUrlExpiry } from '../../nodes/KoreAiSmartAssist/transport/signedUrl';
import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	DOWNLOAD_RECORDING,
	HOST,
	media,
	MEDIA,
	recordingsAnswer,
	RECORDINGS_PATH,
	runKore,
	SESSION,
	signedUrl,
	wav,
} from './fixtures';

useNockOnly();

function recordings(): nock.Interceptor {
	return api().get(RECORDINGS_PATH).query({ sessionId: SESSION });
}

/** Request headers each media request arrived with, to prove what was not sent. */
function headersOf(seen: Array<Record<string, unknown>>) {
	return function (this: nock.ReplyFnContext) {
		seen.push({ ...this.req.headers });
	};
}

describe('signed media links', () => {
	it('are fetched with no auth and no Authorization header on another host', async () => {
		const seen: Array<Record<string, unknown>> = [];
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media()
			.get('/m/r.wav')
			.query(true)
			.reply(function () {
				headersOf(seen).call(this);
				return [200, wav, { 'Content-Type': 'audio/wav' }];
			});

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(Object.keys(seen[0]).map((k) => k.toLowerCase())).not.toContain('auth');
		expect(Object.keys(seen[0]).map((k) => k.toLowerCase())).not.toContain('authorization');
	});

	it('answering a web page in place of the recording fail naming the page: nothing is stored', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media()
			.get('/m/r.wav')
			.query(true)
			.reply(200, '<html><head><title>Access denied</title></head></html>', { 'Content-Type': 'text/html' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toContain('expected the file, got an HTML page "Access denied" (HTTP 200');
	});

	it('are fetched without the credential even on the API host itself', async () => {
		const seen: Array<Record<string, unknown>> = [];
		const fileUrl = signedUrl('/api/getMediaStream/smartassistrecording/f-1.wav', 600, HOST);
		recordings().reply(200, recordingsAnswer([{ fileName: 'f-1.wav', fileUrl }]));
		media(HOST)
			.get('/api/getMediaStream/smartassistrecording/f-1.wav')
			.query(true)
			.reply(function () {
				headersOf(seen).call(this);
				return [200, wav, { 'Content-Type': 'audio/wav' }];
			});

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(seen[0]).not.toHaveProperty('auth');
		expect(seen[0]).not.toHaveProperty('authorization');
	});

	it('carry no credential across a redirect to a third host', async () => {
		const seen: Array<Record<string, unknown>> = [];
		const cdn = 'https://cdn.storage.example';
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media()
			.get('/m/r.wav')
			.query(true)
			.reply(function () {
				headersOf(seen).call(this);
				return [302, '', { Location: `${cdn}/bucket/r.wav?X-Amz-Signature=abc` }];
			});
		media(cdn)
			.get('/bucket/r.wav')
			.query(true)
			.reply(function () {
				headersOf(seen).call(this);
				return [200, wav, { 'Content-Type': 'audio/wav' }];
			});

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect((await readBinary(items[0])).equals(wav)).toBe(true);
		expect(seen).toHaveLength(2);
		for (const headers of seen) {
			expect(headers).not.toHaveProperty('auth');
			expect(headers).not.toHaveProperty('authorization');
		}
	});

	it('that already expired are renewed with one fresh recordings call before downloading', async () => {
		const expired = `${MEDIA}/m/old.wav?e=1709706278&n=1&s=sig`;
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: expired }]));
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/new.wav') }]));
		media().get('/m/new.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items[0].json.fileName).toBe('r.wav');
	});

	it.each([[403], [410], [401]])('refused with %i are renewed once, then downloaded', async (status) => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/first.wav') }]));
		media().get('/m/first.wav').query(true).reply(status, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/second.wav') }]));
		media().get('/m/second.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
	});

	it('refused again after the renewal fail with a clear error and no third listing', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/first.wav') }]));
		media().get('/m/first.wav').query(true).reply(403, 'Forbidden');
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/second.wav') }]));
		media().get('/m/second.wav').query(true).reply(403, 'Forbidden');

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(items).toEqual([]);
		expect(error?.message).toBe(`Kore.ai SmartAssist: Forbidden (HTTP 403, session ${SESSION}, bot st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2, file r.wav)`);
		expect(description(error)).toBe(
			'The media host media.kore-recordings.example refused the signed link, and the fresh link fetched after that as well.',
		);
		expect(JSON.stringify(error)).not.toContain('s=InpqMWpn');
	});

	it('renew the link of the right file when a call has several', async () => {
		recordings().reply(
			200,
			recordingsAnswer([
				{ fileName: 'a.wav', fileUrl: signedUrl('/m/a1.wav') },
				{ fileName: 'b.wav', fileUrl: signedUrl('/m/b1.wav') },
			]),
		);
		media().get('/m/a1.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });
		media().get('/m/b1.wav').query(true).reply(403, 'expired');
		// The fresh listing may come back in another order: files are matched by name.
		recordings().reply(
			200,
			recordingsAnswer([
				{ fileName: 'b.wav', fileUrl: signedUrl('/m/b2.wav') },
				{ fileName: 'a.wav', fileUrl: signedUrl('/m/a2.wav') },
			]),
		);
		media().get('/m/b2.wav').query(true).reply(200, Buffer.from('second file'), { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.fileName)).toEqual(['a.wav', 'b.wav']);
		expect((await readBinary(items[1])).toString()).toBe('second file');
	});

	it('that are not web links are refused without a request', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: 'file:///etc/passwd' }]));

		const { error } = await runKore(DOWNLOAD_RECORDING);

		expect(error?.message).toContain('is not an http(s) URL');
	});

	it('retry a media host 503 under the shared policy', async () => {
		recordings().reply(200, recordingsAnswer([{ fileName: 'r.wav', fileUrl: signedUrl('/m/r.wav') }]));
		media().get('/m/r.wav').query(true).reply(503, 'busy');
		media().get('/m/r.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const { items, error } = await runKore(DOWNLOAD_RECORDING);

		expect(error).toBeUndefined();
		expect(items[0].json.bytes).toBe(wav.length);
	});
});

describe('link expiry', () => {
	it.each([
		['https://smartassist.kore.ai/api/getMediaStream/x.wav?e=1709706278&n=1&s=abc', '2024-03-06T06:24:38.000Z'],
		['https://bucket.s3.amazonaws.com/x.wav?Expires=1709706278&Signature=abc', '2024-03-06T06:24:38.000Z'],
		['https://bucket.s3.amazonaws.com/x.wav?X-Amz-Date=20240306T062438Z&X-Amz-Expires=600&X-Amz-Signature=abc', '2024-03-06T06:34:38.000Z'],
	])('reads the expiry of %s', (url, expected) => {
		expect(signedUrlExpiry(url)?.toISOString()).toBe(expected);
	});

	it('treats a link without a readable expiry as valid, and one about to lapse as expired', () => {
		const now = Date.parse('2024-03-06T06:24:35Z');

		expect(isExpired('https://cdn.example/x.wav?token=abc', now)).toBe(false);
		expect(isExpired('https://cdn.example/x.wav?e=1709706278', now)).toBe(true);
		expect(isExpired('https://cdn.example/x.wav?e=1709706278', now - 60_000)).toBe(false);
	});
});
