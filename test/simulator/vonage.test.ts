/**
 * The simulator's Vonage Contact Center behaviour, over real HTTP on 127.0.0.1: token endpoint,
 * Interaction Content search/paging/limits, downloads with Range, Conversation Analyzer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { largeFileGuid, largeFileGuidBytes, largeFileSha256, startSimulator, type Simulator } from './index.mjs';
import { rawGet, sha256, VCC_ACCEPT, vcc, vonageToken } from './simulatorClient';

const DAY = 86_400_000;
let sim: Simulator;
let token: string;

beforeAll(async () => {
	sim = await startSimulator({ seed: 11, interactions: 40 });
	token = await vonageToken(sim);
});
afterAll(async () => sim?.close());

interface Page {
	items: Array<{ guid: string; start: string; content: Array<{ contentKey: string }> }>;
	meta: { nextContinuationToken: string | null };
}

const firstCall = () => sim.catalog.vonage.interactions.find((x) => x.channel === 'call')!;

describe('Vonage token endpoint', () => {
	it('refuses a wrong client secret with the OAuth error envelope', async () => {
		const response = await fetch(sim.credentials.vonage.tokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.credentials.vonage.clientId, client_secret: 'wrong' }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({ error: 'invalid_client' });
	});

	it('accepts the client id and secret as HTTP Basic and issues an expiring bearer token', async () => {
		const { clientId, clientSecret, tokenUrl } = sim.credentials.vonage;
		const response = await fetch(tokenUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
			},
			body: 'grant_type=client_credentials',
		});
		const body = (await response.json()) as Record<string, unknown>;
		expect(response.status).toBe(200);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 7200 });
		expect(typeof body.access_token).toBe('string');
	});

	it('answers 401 once a token has expired', async () => {
		const local = await startSimulator({ seed: 11, tokenTtlSeconds: 60 });
		try {
			const expiring = await vonageToken(local);
			const path = `/interaction-content/interactions/${local.catalog.vonage.interactions[0].guid}`;
			expect((await vcc(local, path, expiring)).status).toBe(200);
			local.advanceTime(61);
			const response = await vcc(local, path, expiring);
			expect(response.status).toBe(401);
			expect(await response.json()).toHaveProperty('message');
		} finally {
			await local.close();
		}
	});
});

describe('Interaction Content search', () => {
	it('pages through 7-day windows with continuation tokens and returns every interaction once', async () => {
		const seen: string[] = [];
		let pages = 0;
		for (let end = sim.now(); end > sim.now() - 35 * DAY; end -= 7 * DAY) {
			const window = `start=${new Date(end - 7 * DAY).toISOString()}&end=${new Date(end).toISOString()}&limit=4`;
			let next: string | null = null;
			do {
				const query: string = next ? `${window}&continuationToken=${encodeURIComponent(next)}` : window;
				const response = await vcc(sim, `/interaction-content/interactions?${query}`, token);
				expect(response.status).toBe(200);
				const page = (await response.json()) as Page;
				expect(page.items.length).toBeLessThanOrEqual(4);
				seen.push(...page.items.map((i) => i.guid));
				next = page.meta.nextContinuationToken;
				pages++;
			} while (next && pages < 100);
		}
		expect(seen.sort()).toEqual(sim.catalog.vonage.interactions.map((x) => x.guid).sort());
		expect(pages).toBeGreaterThan(10);
	});

	it('refuses a range longer than 7 days with a 400 {message}', async () => {
		const end = new Date(sim.now());
		const start = new Date(sim.now() - 7 * DAY - 1000);
		const response = await vcc(sim, `/interaction-content/interactions?start=${start.toISOString()}&end=${end.toISOString()}`, token);
		expect(response.status).toBe(400);
		expect(((await response.json()) as { message: string }).message).toMatch(/7 days/);
	});

	it('refuses a continuation token that belongs to another query', async () => {
		const end = new Date(sim.now()).toISOString();
		const start = new Date(sim.now() - 7 * DAY).toISOString();
		const first = (await (await vcc(sim, `/interaction-content/interactions?start=${start}&end=${end}&limit=1`, token)).json()) as Page;
		const other = `start=${start}&end=${end}&limit=1&direction=outbound&continuationToken=${first.meta.nextContinuationToken}`;
		expect((await vcc(sim, `/interaction-content/interactions?${other}`, token)).status).toBe(400);
	});

	it('answers 400 "Invalid api-version" without an Accept header, and for Accept */*', async () => {
		const url = `${sim.url}/interaction-content/interactions/${firstCall().guid}`;
		const missing = await rawGet(url, { authorization: `Bearer ${token}` });
		expect(missing.status).toBe(400);
		expect(JSON.parse(missing.body.toString()).message).toMatch(/^Invalid api-version! Valid values: .*v2\+json.*v3\+json/);
		const wildcard = await rawGet(url, { authorization: `Bearer ${token}`, accept: '*/*' });
		expect(wildcard.status).toBe(400);
	});

	it('checks GUIDs the documented way', async () => {
		const short = await vcc(sim, '/interaction-content/interactions/1234', token);
		expect(await short.json()).toEqual({ message: 'GUID must be 36 characters in length' });
		const bad = await vcc(sim, `/interaction-content/interactions/${'z'.repeat(36)}`, token);
		expect(await bad.json()).toEqual({ message: `GUID '${'z'.repeat(36)}' is not a valid UUID string` });
	});
});

describe('Interaction Content downloads', () => {
	it('serves every catalogued file byte-identical, with Content-Type and Content-Length', async () => {
		for (const interaction of sim.catalog.vonage.interactions.slice(0, 12)) {
			for (const content of interaction.content) {
				const response = await vcc(sim, `/interaction-content/interactions/${interaction.guid}/content/${content.contentKey}`, token);
				const body = Buffer.from(await response.arrayBuffer());
				expect(response.status).toBe(200);
				expect(response.headers.get('content-type')).toBe(content.contentType);
				expect(Number(response.headers.get('content-length'))).toBe(content.bytes);
				expect(sha256(body)).toBe(content.sha256);
			}
		}
	});

	it('answers a Range request with 206 and exactly those bytes', async () => {
		const path = `/interaction-content/interactions/${firstCall().guid}/content/callRecording`;
		const whole = Buffer.from(await (await vcc(sim, path, token)).arrayBuffer());
		const response = await vcc(sim, path, token, { range: 'bytes=100-1123' });
		expect(response.status).toBe(206);
		expect(response.headers.get('content-range')).toBe(`bytes 100-1123/${whole.length}`);
		expect(Buffer.from(await response.arrayBuffer()).equals(whole.subarray(100, 1124))).toBe(true);
	});

	it('answers an unsatisfiable Range with 416 and Content-Range bytes */size', async () => {
		const call = firstCall();
		const size = call.content.find((c) => c.contentKey === 'callRecording')!.bytes;
		const response = await vcc(sim, `/interaction-content/interactions/${call.guid}/content/callrecording`, token, { range: `bytes=${size}-` });
		expect(response.status).toBe(416);
		expect(response.headers.get('content-range')).toBe(`bytes */${size}`);
	});

	it('generates large files from the GUID (size in MiB) and streams them with Content-Length', async () => {
		const guid = largeFileGuid(3);
		const listing = (await (await vcc(sim, `/interaction-content/interactions/${guid}`, token)).json()) as { content: Array<{ contentLength: number }> };
		expect(listing.content[0].contentLength).toBe(3 * 1024 * 1024);
		const response = await vcc(sim, `/interaction-content/interactions/${guid}/content/callRecording`, token);
		expect(response.headers.get('content-length')).toBe(String(3 * 1024 * 1024));
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(largeFileSha256(3 * 1024 * 1024));
	});

	it('serves any byte range of a large file consistently (8001 GUIDs give exact byte sizes)', async () => {
		const guid = largeFileGuidBytes(2 * 1024 * 1024 + 77);
		const path = `/interaction-content/interactions/${guid}/content/callRecording`;
		const whole = Buffer.from(await (await vcc(sim, path, token)).arrayBuffer());
		expect(whole.length).toBe(2 * 1024 * 1024 + 77);
		expect(whole.subarray(0, 4).toString()).toBe('RIFF');
		const part = await vcc(sim, path, token, { range: 'bytes=1048570-1048600' });
		expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(1048570, 1048601))).toBe(true);
	});
});

describe('Conversation Analyzer', () => {
	const calls = () => sim.catalog.vonage.analysis.map((a) => a.guid);

	it('refuses more than 50 GUIDs with the {error:{code,message}} envelope', async () => {
		const guids = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const response = await vcc(sim, `/conversation-analyzer/interactions?calls=${guids.join(',')}`, token);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { code: string; message: string } };
		expect(body.error.message).toMatch(/50/);
		expect(typeof body.error.code).toBe('string');
	});

	it('returns analysed calls, with the transcript only when asked for', async () => {
		const processed = sim.catalog.vonage.analysis.filter((a) => a.status === 'processed').map((a) => a.guid).slice(0, 3);
		const without = (await (await vcc(sim, `/conversation-analyzer/interactions?calls=${processed.join(',')}`, token)).json()) as Array<Record<string, unknown>>;
		expect(without.map((x) => x.guid)).toEqual(processed);
		expect(without[0].transcript).toBeNull();
		const withText = (await (await vcc(sim, `/conversation-analyzer/interactions/${processed[0]}?transcript=true`, token)).json()) as Record<string, unknown>;
		expect(withText).toMatchObject({ status: 'processed', callTimeBreakDown: expect.any(Object), sentimentSummary: expect.any(Object) });
		expect(String(withText.transcript).split('\n').length).toBeGreaterThan(3);
	});

	it('answers a missing API version with code ApiVersionUnspecified', async () => {
		const response = await rawGet(`${sim.url}/conversation-analyzer/interactions?calls=${calls()[0]}`, { authorization: `Bearer ${token}` });
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body.toString()).error.code).toBe('ApiVersionUnspecified');
	});

	it('has no analysis for chats: 404 alone, left out of a list', async () => {
		const chat = sim.catalog.vonage.interactions.find((x) => x.channel === 'chat')!;
		expect((await vcc(sim, `/conversation-analyzer/interactions/${chat.guid}`, token)).status).toBe(404);
		const list = await vcc(sim, `/conversation-analyzer/interactions?calls=${chat.guid},${calls()[0]}`, token, { accept: VCC_ACCEPT });
		expect(((await list.json()) as unknown[]).length).toBe(1);
	});
});

describe('one request budget per account, whoever sends', () => {
	it('counts every client of the account in one sliding minute and refuses the one over it with 429 and Retry-After', async () => {
		const local = await startSimulator({ seed: 11, vonagePerMinute: 4 });
		try {
			const [first, second] = [await vonageToken(local), await vonageToken(local)];
			const path = `/interaction-content/interactions/${local.catalog.vonage.interactions[0].guid}`;
			const statuses: number[] = [];
			for (const client of [first, second, first, second]) statuses.push((await vcc(local, path, client)).status);

			const refused = await vcc(local, path, second);

			expect(statuses).toEqual([200, 200, 200, 200]);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
			expect(local.stats().vendors.vonage?.timeline.steps[0]).toEqual({ answered: 4 + 2, throttled: 1 });
		} finally {
			await local.close();
		}
	});
});

describe('Vonage interactions a test writes by hand', () => {
	let local: Simulator;
	let localToken: string;
	beforeAll(async () => {
		local = await startSimulator({ seed: 11, interactions: 5 });
		localToken = await vonageToken(local);
	});
	afterAll(async () => local?.close());

	const GUID_A = '00000000-0000-4000-8000-000000000001'; // a large-file GUID: the written one wins
	const GUID_B = '2480fc2c-bbd7-427c-9439-02f76583aef5';
	const search = async (query: string) =>
		(await (await vcc(local, `/interaction-content/interactions?${query}`, localToken)).json()) as Page;
	const range = 'start=2026-03-02T00:00:00Z&end=2026-03-03T00:00:00Z';

	it('replaces the seeded interactions: the search lists the written ones at their dates, by filter and page size', async () => {
		local.vonage.setInteractions([
			{ guid: GUID_A, start: '2026-03-02T10:00:00.400Z', content: [{ contentKey: 'callRecording', type: 'callRecording', lastModified: '2026-03-02T10:10:00Z' }] },
			{ guid: GUID_B, start: Date.parse('2026-03-02T11:00:00Z'), direction: 'outbound', agentId: '77', content: [] },
		]);
		local.setOptions({ vonagePageSize: 1 });
		try {
			const first = await search(`${range}&limit=1000`);
			const second = await search(`${range}&limit=1000&continuationToken=${first.meta.nextContinuationToken}`);
			const outbound = await search(`${range}&direction=outbound&handlingAgentId=77`);

			expect(first.items.map((x) => [x.guid, x.start])).toEqual([[GUID_A, '2026-03-02T10:00:00Z']]);
			expect(first.items[0].content).toEqual([
				{ contentKey: 'callRecording', type: 'callRecording', contentType: 'audio/wav', contentLength: expect.any(Number), lastModified: '2026-03-02T10:10:00Z' },
			]);
			expect(second.items.map((x) => x.guid)).toEqual([GUID_B]);
			expect(second.meta.nextContinuationToken).toBeNull();
			expect(outbound.items.map((x) => x.guid)).toEqual([GUID_B]);
		} finally {
			local.setOptions({ vonagePageSize: 0 });
		}
	});

	it("answers a file's downloads in turn, in the API's envelope, the last answer repeating, and serves its bytes", async () => {
		const bytes = Buffer.from('RIFF-a-file-of-its-own');
		local.vonage.setInteractions([
			{ guid: GUID_A, start: '2026-03-02T10:00:00Z', content: [{ contentKey: 'callRecording', type: 'callRecording', bytes, answers: [502, 403, 200], errorMessage: 'Content not available' }] },
		]);
		local.clearRequests();
		const path = `/interaction-content/interactions/${GUID_A}/content/callRecording`;

		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await vcc(local, path, localToken));

		expect(answers.map((r) => r.status)).toEqual([502, 403, 200, 200]);
		expect(await answers[0].json()).toEqual({ message: 'Content not available' });
		expect(Buffer.from(await answers[3].arrayBuffer())).toEqual(bytes);
		expect(local.requests().map((r) => [r.route, r.path])).toEqual(Array.from({ length: 4 }, () => ['content', path]));
	});

	it('adds content to a written interaction with putInteraction, and logs the search query', async () => {
		const recording = { contentKey: 'callRecording', type: 'callRecording' };
		local.vonage.setInteractions([{ guid: GUID_B, start: '2026-03-02T10:00:00Z', content: [recording] }]);
		local.vonage.putInteraction({ guid: GUID_B, start: '2026-03-02T10:00:00Z', content: [recording, { contentKey: 'transcript', type: 'transcript', contentType: 'application/json', bytes: Buffer.from('{}') }] });
		local.clearRequests();

		const page = await search(`${range}&direction=inbound`);

		expect(page.items.map((x) => x.content.map((c) => c.contentKey))).toEqual([['callRecording', 'transcript']]);
		expect(local.requests()[0]).toMatchObject({
			vendor: 'vonage',
			route: 'search',
			query: { start: '2026-03-02T00:00:00Z', end: '2026-03-03T00:00:00Z', direction: 'inbound' },
		});
	});

	it('answers a 502 fault with its message, and refuses a written interaction the API could not hold', async () => {
		local.setFaults([{ vendor: 'vonage', path: '/content/', fault: '502', message: 'Service Unavailable' }]);
		const response = await vcc(local, `/interaction-content/interactions/${GUID_B}/content/callRecording`, localToken);
		expect(response.status).toBe(502);
		expect(await response.json()).toEqual({ message: 'Service Unavailable' });

		expect(() => local.vonage.putInteraction({ guid: 'not-a-guid', start: Date.now(), content: [] })).toThrow(/GUID/);
		expect(() => local.vonage.putInteraction({ guid: GUID_B, start: Date.now(), content: [{ contentKey: 'x', type: 'x', answers: [] }] })).toThrow(/answers/);
	});
});
