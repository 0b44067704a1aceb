import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	audioHeaders,
	CRT,
	DOWNLOAD,
	DOWNLOAD_PATH,
	downloadQuery,
	LOGIN_PATH,
	loggedInCredentials,
	MP3,
	PASSWORD,
	runAmeyo,
	SERVER,
	session,
	visibleText,
	WAV,
} from './fixtures';

useNockOnly();

const WHERE = `crtObjectId ${CRT} in campaign 110`;
const httpCode = (error: unknown) => (error as { httpCode?: string }).httpCode;

/** Runs DOWNLOAD with a stored session against one mocked answer (or several, in order). */
async function downloadAnswered(...answers: Array<[number, unknown, Record<string, string>?]>) {
	for (const [status, body, headers] of answers) {
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(status, body as nock.Body, headers);
	}
	return await runAmeyo(DOWNLOAD, { credentials: loggedInCredentials(session(1)) });
}

describe('HTTP errors', () => {
	it('403 that is not about the session names the missing permission, without logging in again', async () => {
		const { error, preAuthenticationCalls } = await downloadAnswered([
			403,
			{ message: 'access.denied', code: 0, info: 'Access denied', status: 403 },
		]);

		expect(error?.message).toBe(`Ameyo: access.denied — Access denied (HTTP 403, ${WHERE})`);
		expect(description(error)).toContain('lack permission');
		expect(preAuthenticationCalls.ameyoApi ?? 0).toBe(0);
	});

	it('404 says there is no recording for that crtObjectId in that campaign', async () => {
		const { error } = await downloadAnswered([404, { message: 'voicelog.not.found', code: 0, info: 'No file', status: 404 }]);

		expect(error?.message).toBe(`Ameyo: no recording for ${WHERE} (HTTP 404)`);
		expect(description(error)).toMatch(/^The server said: voicelog\.not\.found — No file\. Check the campaign ID/);
		expect(httpCode(error)).toBe('404');
	});

	it('500 is tried again, then reported with the server\'s own words', async () => {
		const { error } = await downloadAnswered(
			[500, { message: 'db.error', code: 0, info: 'Could not read file', status: 500 }],
			[500, { message: 'db.error', code: 0, info: 'Could not read file', status: 500 }],
			[500, { message: 'db.error', code: 0, info: 'Could not read file', status: 500 }],
		);

		expect(error?.message).toBe(`Ameyo: db.error — Could not read file (HTTP 500, ${WHERE})`);
		expect(description(error)).toMatch(/^Gave up after 3 tries\./);
	});

	it('500 with a servlet HTML page is reported by the page title', async () => {
		const page = '<html><head><title>HTTP Status 500 – Internal Server Error</title></head><body>NPE</body></html>';
		const { error } = await downloadAnswered([500, page], [500, page], [500, page]);

		expect(error?.message).toBe(`Ameyo: HTML page "HTTP Status 500 – Internal Server Error" (HTTP 500, ${WHERE})`);
	});

	it('a 500 that clears up on the next try is not an error', async () => {
		const { error, items } = await downloadAnswered([500, 'busy'], [200, MP3, audioHeaders(MP3)]);

		expect(error).toBeUndefined();
		expect(items[0].json.bytes).toBe(MP3.length);
	});

	it('the non-standard 512 is one readable error, at once (trying again would not help)', async () => {
		const { error } = await downloadAnswered([
			512,
			{ message: 'campaign.not.found', code: 0, info: 'No such campaign', status: 512 },
		]);

		expect(error?.message).toBe(`Ameyo: campaign.not.found — No such campaign (HTTP 512, ${WHERE})`);
		expect(description(error)).toContain('non-standard status 512');
		expect(httpCode(error)).toBe('512');
	});

	it('reads the key from info when Ameyo leaves message empty or null', async () => {
		const { error } = await downloadAnswered([512, { message: null, code: 0, info: 'user.not.found', status: 512 }]);

		expect(error?.message).toBe(`Ameyo: user.not.found (HTTP 512, ${WHERE})`);
	});
});

describe('a 200 is not trusted', () => {
	it('an empty body is an error that says so', async () => {
		const { error } = await downloadAnswered([200, '', { 'Content-Type': 'audio/mpeg' }]);

		expect(error?.message).toBe(`Ameyo: expected MP3 audio for ${WHERE} but the server sent an empty body (HTTP 200)`);
		expect(description(error)).toContain('not yet converted');
	});

	it('the literal null is an error that says so', async () => {
		const { error } = await downloadAnswered([200, 'null', { 'Content-Type': 'application/json' }]);

		expect(error?.message).toBe(`Ameyo: expected MP3 audio for ${WHERE} but the server sent the literal null (HTTP 200)`);
	});

	it('an HTML page that is not a login page is an error naming the page', async () => {
		const { error, preAuthenticationCalls } = await downloadAnswered([
			200,
			'<!DOCTYPE html><html><head><title>File conversion failed</title></head><body>sox error</body></html>',
			{ 'Content-Type': 'text/html' },
		]);

		expect(error?.message).toBe(`Ameyo: expected MP3 audio for ${WHERE} but the server sent an HTML page (HTTP 200)`);
		expect(description(error)).toBe('The server said: HTML page "File conversion failed". Nothing was stored.');
		expect(preAuthenticationCalls.ameyoApi ?? 0).toBe(0);
	});

	it('a JSON error envelope is an error with the server\'s own words', async () => {
		const { error } = await downloadAnswered([
			200,
			{ message: 'voicelog.conversion.failed', code: 512, info: 'sox exited 2', status: 512 },
		]);

		expect(error?.message).toBe(`Ameyo: expected MP3 audio for ${WHERE} but the server sent JSON (HTTP 200)`);
		expect(description(error)).toContain('The server said: voicelog.conversion.failed — code 512 — sox exited 2.');
	});

	it('a WAV where MP3 was asked for fails the item', async () => {
		const { error } = await downloadAnswered([200, WAV, audioHeaders(WAV, 'audio/mpeg')]);

		expect(error?.message).toBe(`Ameyo: expected MP3 audio for ${WHERE} but the server sent WAV audio (RIFF/WAVE) (HTTP 200)`);
	});

	it('an MP3 where WAV was asked for fails the item', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery({ targetFormat: 'wav' })).reply(200, MP3, audioHeaders(MP3, 'audio/wav'));

		const { error } = await runAmeyo({ ...DOWNLOAD, targetFormat: 'wav' }, { credentials: loggedInCredentials(session(1)) });

		expect(error?.message).toBe(`Ameyo: expected WAV audio for ${WHERE} but the server sent MP3 audio (ID3 tag) (HTTP 200)`);
	});

	it('bytes that are no known audio are shown by their first bytes', async () => {
		const { error } = await downloadAnswered([200, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), { 'Content-Type': 'audio/mpeg' }]);

		expect(error?.message).toBe(
			`Ameyo: expected MP3 audio for ${WHERE} but the server sent data starting with the bytes 00 01 02 03 04 05 06 07 (HTTP 200)`,
		);
	});
});

describe('secrets', () => {
	it('a session id the server echoes never reaches the error', async () => {
		const echo = { message: 'file.read.error', code: 0, info: `session ${session(1)} could not read`, status: 500 };
		const { error } = await downloadAnswered([500, echo], [500, echo], [500, echo]);

		expect(error?.message).toContain('could not read');
		expect(visibleText(error)).not.toContain(session(1));
	});

	it('the password never reaches the error when the login fails', async () => {
		nock(SERVER).post(LOGIN_PATH).reply(512, { message: `bad token ${PASSWORD}`, code: 0, info: '', status: 512 });

		const { error } = await runAmeyo(DOWNLOAD);

		expect(error?.message).toContain('check the user ID, the password or access key, and that the user may use the REST API');
		expect(visibleText(error)).not.toContain(PASSWORD);
	});
});

describe('Continue On Fail', () => {
	it('a failed item becomes one error item and the others still run', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery({ crtObjectId: 'c-1' })).reply(200, MP3, audioHeaders(MP3));
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery({ crtObjectId: 'c-2' })).reply(404, { message: 'not.found' });
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery({ crtObjectId: 'c-3' })).reply(200, MP3, audioHeaders(MP3));

		const { items, error } = await runAmeyo(
			{ ...DOWNLOAD, crtObjectId: '={{ $json.crt }}' },
			{
				credentials: loggedInCredentials(session(1)),
				inputItems: [{ json: { crt: 'c-1' } }, { json: { crt: 'c-2' } }, { json: { crt: 'c-3' } }],
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json).toMatchObject({ error: 'Ameyo: no recording for crtObjectId c-2 in campaign 110 (HTTP 404)', httpCode: '404' });
		expect(items[0].binary?.data).toBeDefined();
		expect(items[2].binary?.data).toBeDefined();
		expect(JSON.stringify(items)).not.toContain(session(1));
	});
});
