import { describe, expect, it } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { runPoll } from '../harness/index';
import { useNockOnly } from '../support/nockChecks';
import { FAST } from '../support/vendorRun';
import { api, GUID, guid, INTERACTION_PATH, mockToken, runVonage, vonageCredentials } from './fixtures';

useNockOnly();

/** 200 answers that are not what VCC documents, each as a proxy or a broken gateway sends it. */
const PROXY_PAGE = '<!DOCTYPE html><html><head><title>Proxy login</title></head><body>Sign in</body></html>';
const HTML = { body: PROXY_PAGE, headers: { 'Content-Type': 'text/html' } };
const NULL = { body: 'null', headers: { 'Content-Type': 'application/json' } };

const SEARCH = {
	resource: 'interaction',
	operation: 'search',
	start: '2026-01-01T00:00:00.000Z',
	end: '2026-01-02T00:00:00.000Z',
	returnAll: true,
};
const DOWNLOAD_ALL = { resource: 'content', operation: 'downloadAll', guid: GUID, contentTypes: [], binaryPropertyName: 'data' };
const SEARCH_SUBJECT = 'search 2026-01-01T00:00:00.000Z to 2026-01-02T00:00:00.000Z';

/** The trigger's first poll on an active workflow: it searches the Look Back period. */
async function firstPoll() {
	return await runPoll({
		nodeType: new VonageContactCenterTrigger(),
		credentialTypes: [new VonageContactCenterApi()],
		credentials: vonageCredentials(),
		parameters: { contentTypes: ['callRecording'], options: FAST },
		staticData: {},
		mode: 'trigger',
	});
}

function searchReply(body: unknown, headers: Record<string, string> = {}) {
	mockToken();
	api().get('/interaction-content/interactions').query(true).reply(200, body as string, headers);
}

describe('a 200 that is not a search page', () => {
	it('is an error naming the vendor and the HTML page that arrived, not zero interactions', async () => {
		searchReply(HTML.body, HTML.headers);

		const { items, error } = await runVonage(SEARCH);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: expected a list of interactions, got an HTML page "Proxy login" (HTTP 200, ${SEARCH_SUBJECT})`,
		);
		expect((error as { httpCode?: string }).httpCode).toBe('200');
	});

	it.each([
		['null', NULL.body, NULL.headers, 'got null'],
		['an empty object', {}, {}, 'got an empty object {}'],
		['an object where the list is documented', { items: { guid: GUID } }, {}, 'got an object with the fields items'],
		['a list without the page around it', [{ guid: GUID }], {}, 'got a list of 1 entries'],
		['plain text', 'Service temporarily moved', { 'Content-Type': 'text/plain' }, 'got the text "Service temporarily moved"'],
	])('is an error for %s', async (_name, body, headers, arrival) => {
		searchReply(body, headers);

		const { error } = await runVonage(SEARCH);

		expect(error?.message).toContain(`Vonage Contact Center: expected a list of interactions, ${arrival}`);
	});

	it('is an error in the trigger too, instead of a poll that finds nothing', async () => {
		searchReply(HTML.body, HTML.headers);

		const { items, error } = await firstPoll();

		expect(items).toEqual([]);
		expect(error?.message).toContain('Vonage Contact Center: expected a list of interactions, got an HTML page "Proxy login" (HTTP 200, search');
	});
});

describe('paging', () => {
	it('stops with an error when VCC hands back a continuation token it already gave', async () => {
		mockToken();
		const scope = api();
		const page = (n: number, token: string) => ({ items: [{ guid: guid(n) }], meta: { nextContinuationToken: token } });
		scope.get('/interaction-content/interactions').query((q) => q.continuationToken === undefined).reply(200, page(1, 'tok-A'));
		scope.get('/interaction-content/interactions').query((q) => q.continuationToken === 'tok-A').reply(200, page(2, 'tok-B'));
		scope.get('/interaction-content/interactions').query((q) => q.continuationToken === 'tok-B').reply(200, page(3, 'tok-A'));

		const { items, error } = await runVonage(SEARCH);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: the continuation token of page 3 repeats that of page 1; paging stopped so it cannot loop forever (${SEARCH_SUBJECT})`,
		);
	});

	it('stops the trigger\'s search the same way', async () => {
		mockToken();
		api()
			.get('/interaction-content/interactions')
			.query(true)
			.times(2)
			.reply(200, { items: [], meta: { nextContinuationToken: 'same' } });

		const { error } = await firstPoll();

		expect(error?.message).toContain('Vonage Contact Center: the continuation token of page 2 repeats that of page 1');
	});
});

describe('a 200 that is not the interaction', () => {
	it.each([
		['an HTML page', HTML.body, HTML.headers, 'got an HTML page "Proxy login"'],
		['an empty object', {}, {}, 'got an empty object {}'],
		['null', NULL.body, NULL.headers, 'got null'],
	])('Interaction → Get fails on %s', async (_name, body, headers, arrival) => {
		mockToken();
		api().get(INTERACTION_PATH).reply(200, body as string, headers);

		const { items, error } = await runVonage({ resource: 'interaction', operation: 'get', guid: GUID });

		expect(items).toEqual([]);
		expect(error?.message).toBe(`Vonage Contact Center: expected the interaction, ${arrival} (HTTP 200, interaction ${GUID})`);
	});

	it('Interaction → Get fails on a content list whose entries name no content key', async () => {
		mockToken();
		api().get(INTERACTION_PATH).reply(200, { guid: GUID, content: ['callRecording'] });

		const { error } = await runVonage({ resource: 'interaction', operation: 'get', guid: GUID });

		expect(error?.message).toContain('expected the interaction with its content list');
		expect((error as { description?: string }).description).toContain('Entry 1 of the list is the text "callRecording"');
	});

	it.each([
		['an HTML page', HTML.body, HTML.headers, 'got an HTML page "Proxy login"'],
		['an interaction without its content list', { guid: GUID }, {}, 'got an object with the fields guid'],
	])('Download All fails on %s instead of storing zero files', async (_name, body, headers, arrival) => {
		mockToken();
		api().get(INTERACTION_PATH).reply(200, body as string, headers);

		const { items, error } = await runVonage(DOWNLOAD_ALL);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: expected the interaction with its content list, ${arrival} (HTTP 200, interaction ${GUID})`,
		);
	});
});

describe('a 200 that is not the analysis', () => {
	it.each([
		['an HTML page', HTML.body, HTML.headers, 'got an HTML page "Proxy login"'],
		['an empty object', {}, {}, 'got an empty object {}'],
		['an error envelope', { error: { code: 'Gateway', message: 'Upstream unavailable' } }, {}, 'got the message "Upstream unavailable — code Gateway"'],
	])('is an error for %s, not "notFound" for every GUID', async (_name, body, headers, arrival) => {
		mockToken();
		api().get('/conversation-analyzer/interactions').query(true).reply(200, body as string, headers);

		const { items, error } = await runVonage({
			resource: 'analysis',
			operation: 'get',
			guidSource: 'list',
			callGuids: `${guid(1)}, ${guid(2)}`,
			includeTranscript: false,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: expected a list of call analyses, ${arrival} (HTTP 200, calls ${guid(1)} (+1 more))`,
		);
	});
});

describe('a 200 that is not a JSON transcript', () => {
	it.each([
		['an HTML page', HTML.body, HTML.headers, 'got an HTML page "Proxy login"'],
		['null', NULL.body, NULL.headers, 'got null'],
		['text that is not JSON', '{"turns": [', { 'Content-Type': 'application/json' }, 'got the text "{"turns": ["'],
	])('Get Transcript fails on %s', async (_name, body, headers, arrival) => {
		mockToken();
		api().get(`${INTERACTION_PATH}/content/transcript`).reply(200, body, headers);

		const { items, error } = await runVonage({
			resource: 'content',
			operation: 'getTranscript',
			guid: GUID,
			transcriptKey: 'transcript',
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Vonage Contact Center: expected a JSON transcript, ${arrival} (HTTP 200, interaction ${GUID}, content transcript)`,
		);
	});
});
