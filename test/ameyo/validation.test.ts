import { describe, expect, it } from 'vitest';

import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import {
	api,
	audioHeaders,
	credentialsWith,
	DOWNLOAD,
	DOWNLOAD_PATH,
	downloadQuery,
	loggedInCredentials,
	MP3,
	runAmeyo,
	session,
} from './fixtures';

// No interceptors unless a test declares one: any request (a login included) fails the test.
useNockOnly();

const byId = (value: string) => ({ __rl: true as const, mode: 'id', value });

/** Values usually come from earlier nodes: expressions, which n8n's own field checks cannot see. */
const fromItem = (value: string | number) => ({ inputItems: [{ json: { value } }] });
const EXPRESSION = '={{ $json.value }}';

describe('input is checked before any request', () => {
	it.each([
		['abc', 'Campaign ID "abc" is not a whole number'],
		['1.5', 'Campaign ID "1.5" is not a whole number'],
		['-3', 'Campaign ID "-3" is not a whole number'],
		['99999999999', 'Campaign ID "99999999999" is not a whole number'],
		['110&crtObjectId=x', 'Campaign ID "110&crtObjectId=x" is not a whole number'],
	])('campaign id %j is refused', async (value, message) => {
		const { error } = await runAmeyo({ ...DOWNLOAD, campaignId: byId(EXPRESSION) }, fromItem(value));

		expect(error?.message).toBe(message);
	});

	it('a campaign id typed by hand is checked by the field itself, before the node runs', async () => {
		await expect(runAmeyo({ ...DOWNLOAD, campaignId: byId('abc') })).rejects.toThrow(
			'A campaign ID is a whole number such as 110',
		);
	});

	it('a campaign id given as a number from an expression is accepted', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3, audioHeaders(MP3));

		const { error } = await runAmeyo(
			{ ...DOWNLOAD, campaignId: byId('={{ $json.campaign }}') },
			{ credentials: loggedInCredentials(session(1)), inputItems: [{ json: { campaign: 110 } }] },
		);

		expect(error).toBeUndefined();
	});

	it('an empty campaign (nothing picked from the list) says what to do', async () => {
		const { error } = await runAmeyo({ ...DOWNLOAD, campaignId: { __rl: true, mode: 'list', value: EXPRESSION } }, fromItem(''));

		expect(error?.message).toBe('Campaign is required');
		expect(description(error)).toContain('choose "By ID"');
	});

	it.each([
		['crtObjectId', '   ', 'CRT Object ID is required'],
		['callId', '', 'Call ID is required'],
	])('an empty %s is refused', async (name, value, message) => {
		const { error } = await runAmeyo({ ...DOWNLOAD, [name]: EXPRESSION }, fromItem(value));

		expect(error?.message).toBe(message);
	});

	it('a format other than mp3 or wav (from an expression) is refused', async () => {
		const { error } = await runAmeyo({ ...DOWNLOAD, targetFormat: '={{ "ogg" }}' });

		expect(error?.message).toBe('Format "ogg" is not supported');
	});

	it('a server URL that is not http(s) is refused before any login', async () => {
		const { error } = await runAmeyo(DOWNLOAD, { credentials: credentialsWith({ server: 'ftp://ameyo.example.com' }) });

		expect(error?.message).toBe('The server URL "ftp://ameyo.example.com" must start with https:// or http://');
	});

	it('a server URL with a user name or password in it is refused', async () => {
		const { error } = await runAmeyo(DOWNLOAD, {
			credentials: credentialsWith({ server: 'https://admin:secret@ameyo.example.com:8443' }),
		});

		expect(error?.message).toBe('The server URL must not contain a user name or password');
		expect(JSON.stringify(error)).not.toContain('secret');
	});

	it('with Continue On Fail, a bad item is one error item and the good ones still download', async () => {
		api(session(1)).get(DOWNLOAD_PATH).query(downloadQuery()).reply(200, MP3, audioHeaders(MP3));

		const { items, error } = await runAmeyo(
			{ ...DOWNLOAD, campaignId: byId('={{ $json.campaign }}') },
			{
				credentials: loggedInCredentials(session(1)),
				inputItems: [{ json: { campaign: 'x' } }, { json: { campaign: '110' } }],
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('Campaign ID "x" is not a whole number');
		expect(items[1].binary?.data).toBeDefined();
	});
});
