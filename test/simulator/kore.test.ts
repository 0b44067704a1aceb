/**
 * The simulator's Kore.ai behaviour: JWT verification, recording status progression, signed
 * media links on the second port, v1 recordings, voicemail, call details and its limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signHs256, startSimulator, type Simulator } from './index.mjs';
import { kore, koreJwt, recordingsPath, sha256 } from './simulatorClient';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ seed: 13, korePlatformPerMinute: 0 });
});
afterAll(async () => sim?.close());

interface Recordings {
	status: string;
	recording?: Array<{ fileName: string; fileUrl: string }>;
}

const successSession = () => sim.catalog.kore.sessions.find((s) => s.recordingStatus === 'success' && s.pollsBeforeSuccess === 0)!;
const status = async (sessionId: string) => ((await (await kore(sim, recordingsPath(sim, sessionId))).json()) as Recordings).status;

async function fileUrls(sessionId: string) {
	const body = (await (await kore(sim, recordingsPath(sim, sessionId))).json()) as Recordings;
	return body.recording!.map((r) => r.fileUrl);
}

describe('Kore.ai JWT', () => {
	it('accepts an HS256 token signed with the client secret whose appId is the client id', async () => {
		const response = await kore(sim, recordingsPath(sim, successSession().sessionId));
		expect(response.status).toBe(200);
	});

	it('rejects a token signed with another secret: 401 {errors:[{msg}]}', async () => {
		const response = await kore(sim, recordingsPath(sim, successSession().sessionId), { auth: koreJwt(sim, {}, 'not-the-secret') });
		expect(response.status).toBe(401);
		expect(((await response.json()) as { errors: Array<{ msg: string }> }).errors[0].msg).toMatch(/signature/);
	});

	it('rejects alg none', async () => {
		const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
		const payload = Buffer.from(JSON.stringify({ appId: sim.credentials.kore.clientId })).toString('base64url');
		const response = await kore(sim, recordingsPath(sim, successSession().sessionId), { auth: `${header}.${payload}.` });
		expect(response.status).toBe(401);
	});

	it('rejects an expired token and a token for another app', async () => {
		const path = recordingsPath(sim, successSession().sessionId);
		const expired = koreJwt(sim, { exp: Math.floor(Date.now() / 1000) - 5 });
		expect((await kore(sim, path, { auth: expired })).status).toBe(401);
		const otherApp = signHs256({ appId: 'cs-someone-else' }, sim.credentials.kore.clientSecret);
		expect((await kore(sim, path, { auth: otherApp })).status).toBe(401);
	});

	it('ignores the Authorization header: the JWT must be in `auth`', async () => {
		const response = await fetch(`${sim.url}${recordingsPath(sim, successSession().sessionId)}`, { headers: { authorization: `Bearer ${koreJwt(sim)}` } });
		expect(response.status).toBe(401);
	});
});

describe('Kore.ai recordings', () => {
	it('moves a session from call_in_progress through media_in_progress to success', async () => {
		const seen = [];
		for (let i = 0; i < 4; i++) seen.push(await status('test-progress-polls3'));
		expect(seen).toEqual(['call_in_progress', 'call_in_progress', 'media_in_progress', 'success']);
	});

	it('reports media_unavailable and failed sessions', async () => {
		expect(await status('test-x-unavailable')).toBe('media_unavailable');
		expect(await status('test-x-failed')).toBe('failed');
		const seeded = sim.catalog.kore.sessions.find((s) => s.recordingStatus === 'failed')!;
		expect(await status(seeded.sessionId)).toBe('failed');
	});

	it('lists several files for some sessions', async () => {
		expect(await fileUrls('test-x-multi3')).toHaveLength(3);
	});

	it('serves a signed link on the media port, without credentials, byte-identical', async () => {
		const session = successSession();
		const [url] = await fileUrls(session.sessionId);
		expect(url.startsWith(`${sim.mediaUrl}/api/getMediaStream/`)).toBe(true);
		expect(url).toMatch(/[?&]e=\d+&n=\d+&s=/);
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(session.files[0].sha256);
	});

	it('refuses (403) a signed link fetched with an auth or Authorization header', async () => {
		const [url] = await fileUrls(successSession().sessionId);
		expect((await fetch(url, { headers: { auth: koreJwt(sim) } })).status).toBe(403);
		expect((await fetch(url, { headers: { authorization: 'Bearer x' } })).status).toBe(403);
	});

	it('refuses (403) an expired or tampered link', async () => {
		const [url] = await fileUrls(successSession().sessionId);
		const tampered = url.replace(/e=(\d+)/, (_, e) => `e=${Number(e) + 1000}`);
		expect((await fetch(tampered)).status).toBe(403);
		sim.advanceTime(sim.options().signedUrlTtlSeconds + 1);
		const expired = await fetch(url);
		expect(expired.status).toBe(403);
		expect(((await expired.json()) as { errors: Array<{ msg: string }> }).errors[0].msg).toBe('Link expired');
	});

	it('answers v1 recordings as data: URLs of the WAV', async () => {
		const session = successSession();
		const response = await kore(sim, `/api/1.1/public/bot/${sim.credentials.kore.botId}/recordings?sessionId=${session.sessionId}`);
		const body = (await response.json()) as { recording: string[] };
		expect(body.recording[0].startsWith('data:audio/wav;base64,')).toBe(true);
		expect(sha256(Buffer.from(body.recording[0].split(',')[1], 'base64'))).toBe(session.files[0].sha256);
	});

	it('lists voicemails under "voicemail recording" or "voicemail_recording", with transcriptions', async () => {
		const path = (id: string) => `/api/public/bot/${sim.credentials.kore.botId}/voicemail?sessionId=${id}&transcription=true`;
		const spaced = (await (await kore(sim, path('test-vm-voicemail1'))).json()) as Record<string, unknown>;
		const underscored = (await (await kore(sim, path('test-vm-voicemail2'))).json()) as Record<string, unknown>;
		expect(spaced).toHaveProperty(['voicemail recording']);
		expect(underscored).toHaveProperty('voicemail_recording');
		expect(underscored.transcriptions).toHaveLength(1);
	});
});

describe('Kore.ai call details', () => {
	const callDetails = (body: unknown, query = 'offset=0&limit=100', target = sim) =>
		fetch(`${target.url}/agentassist/api/public/analytics/account/${target.credentials.kore.accountId}/v2/calldetails?${query}`, {
			method: 'POST',
			headers: {
				auth: koreJwt(target),
				iId: target.credentials.kore.botId,
				accountId: target.credentials.kore.accountId,
				'content-type': 'application/json',
			},
			body: JSON.stringify(body),
		});
	const day = (offsetDays: number) => new Date(sim.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);

	it('returns the sessions of a ≤ 7-day range, paged by offset (pages to skip)', async () => {
		const ids: string[] = [];
		for (let from = 35; from > -1; from -= 7) {
			for (let offset = 0; offset <= 10; offset++) {
				const response = await callDetails({ startDate: day(from), endDate: day(from - 6), timeZoneOffset: 0 }, `offset=${offset}&limit=2`);
				const page = (await response.json()) as { numResults: number; data: Array<{ sessionId: string }> };
				ids.push(...page.data.map((d) => d.sessionId));
				if (page.data.length < 2) break;
			}
		}
		expect(ids.sort()).toEqual(sim.catalog.kore.sessions.map((s) => s.sessionId).sort());
	});

	it('refuses a range over 7 days, limit over 100 and offset over 10', async () => {
		expect((await callDetails({ startDate: day(9), endDate: day(1), timeZoneOffset: 0 })).status).toBe(400);
		expect((await callDetails({ startDate: day(3), endDate: day(1), timeZoneOffset: 0 }, 'limit=101')).status).toBe(400);
		expect((await callDetails({ startDate: day(3), endDate: day(1), timeZoneOffset: 0 }, 'offset=11&limit=10')).status).toBe(400);
	});

	it('answers 429 past the account rate limit', async () => {
		const local = await startSimulator({ seed: 13, koreAnalyticsPerMinute: 3 });
		try {
			const body = { startDate: day(2), endDate: day(1), timeZoneOffset: 0 };
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await callDetails(body, 'limit=10', local)).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			expect(local.stats().vendors.kore!.maxRequestsPerMinute).toBe(4);
		} finally {
			await local.close();
		}
	});
});

describe('Kore.ai calls a test writes by hand', () => {
	let local: Simulator;
	beforeAll(async () => {
		local = await startSimulator({ seed: 13, interactions: 0, korePlatformPerMinute: 0, koreAnalyticsPerMinute: 0 });
	});
	afterAll(async () => local?.close());

	const search = (startDate: string, endDate: string) =>
		fetch(`${local.url}/agentassist/api/public/analytics/account/${local.credentials.kore.accountId}/v2/calldetails?offset=0&limit=100`, {
			method: 'POST',
			headers: { auth: koreJwt(local), iId: local.credentials.kore.botId, accountId: local.credentials.kore.accountId, 'content-type': 'application/json' },
			body: JSON.stringify({ startDate, endDate, timeZoneOffset: 0, channels: ['voice'] }),
		});
	const listing = async (sessionId: string) => kore(local, recordingsPath(local, sessionId));

	it('replaces the seeded calls: the search answers the written ones, at their dates, voice only', async () => {
		local.kore.setCalls([
			{ sessionId: 'ended', start: '2026-03-02T10:00:00.700Z', end: '2026-03-02T10:05:00Z' },
			{ sessionId: 'going-on', start: Date.parse('2026-03-02T11:00:00Z') },
			{ sessionId: 'chat', start: new Date('2026-03-02T10:30:00Z'), end: new Date('2026-03-02T10:31:00Z'), channel: 'Web/Mobile Client' },
		]);
		local.kore.putCall({ sessionId: 'going-on', start: '2026-03-02T11:00:00Z', end: '2026-03-02T11:02:00Z' });

		const page = (await (await search('2026-03-02 00:00:00', '2026-03-02 23:59:59')).json()) as { data: Array<Record<string, string>> };

		expect(page.data.map((d) => [d.sessionId, d.sessionStartTime, d.sessionEndTime, d.finalStatus])).toEqual([
			['ended', '2026-03-02T10:00:00', '2026-03-02T10:05:00', 'CLOSED'],
			['going-on', '2026-03-02T11:00:00', '2026-03-02T11:02:00', 'CLOSED'],
		]);
		expect(page.data[0]).toMatchObject({ channel: 'Voice', botId: local.credentials.kore.botId });
	});

	it('answers a call\'s recording script in turn, an HTTP status in the error envelope, the last answer repeating', async () => {
		local.kore.setCalls([{ sessionId: 'scripted-failed', start: Date.now(), recording: ['media_in_progress', 503, 'success'] }]);

		const first = await listing('scripted-failed');
		const second = await listing('scripted-failed');
		const third = await listing('scripted-failed');
		const fourth = await listing('scripted-failed');

		expect(await first.json()).toEqual({ status: 'media_in_progress' });
		expect(second.status).toBe(503);
		expect(await second.json()).toEqual({ errors: [{ msg: 'Service Unavailable', code: 503 }] });
		expect(((await third.json()) as Recordings).status).toBe('success');
		expect(((await fourth.json()) as Recordings).status).toBe('success');
	});

	it('serves the given bytes on the signed link after the scripted media answers, and logs whose file it was', async () => {
		const bytes = Buffer.from('RIFF-a-recording-of-its-own');
		local.kore.setCalls([{ sessionId: 'flaky', start: Date.now(), end: Date.now(), media: [502, 200], bytes }]);
		local.clearRequests();
		const arrived: string[] = [];
		const stop = local.onRequest((entry) => arrived.push(entry.route));

		const body = (await (await listing('flaky')).json()) as Recordings;
		const url = body.recording![0].fileUrl;
		const failed = await fetch(url);
		const served = await fetch(url);
		stop();
		await fetch(url);

		expect(body.recording![0].fileName).toBe(local.kore.recordingFiles('flaky')[0].fileName);
		expect(failed.status).toBe(502);
		expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
		expect(local.kore.recordingFiles('flaky')[0]).toMatchObject({ bytes: bytes.length, sha256: sha256(bytes), contentType: 'audio/wav' });
		expect(arrived).toEqual(['recordings.v2', 'media', 'media']);
		const log = local.requests();
		expect(log.map((r) => [r.route, r.query.sessionId ?? r.sessionId])).toEqual([
			['recordings.v2', 'flaky'],
			['media', 'flaky'],
			['media', 'flaky'],
			['media', 'flaky'],
		]);
	});

	it('logs a search\'s query and JSON body, and a fault rule carries the vendor\'s message', async () => {
		local.kore.setCalls([]);
		local.clearRequests();
		local.setFaults([{ vendor: 'kore', path: '/calldetails$', fault: '500', message: 'Analytics store is down' }]);

		const failed = await search('2026-03-01 12:00:00', '2026-03-02 12:00:59');
		const fine = await search('2026-03-01 12:00:00', '2026-03-02 12:00:59');

		expect(failed.status).toBe(500);
		expect(await failed.json()).toEqual({ errors: [{ msg: 'Analytics store is down', code: 500 }] });
		expect(fine.status).toBe(200);
		// The faulted request is logged too, without a body: no route read it.
		const [faulted, entry] = local.requests();
		expect(faulted).toMatchObject({ route: 'calldetails', query: { offset: '0', limit: '100' } });
		expect(faulted.body).toBeUndefined();
		expect(entry).toMatchObject({
			vendor: 'kore',
			route: 'calldetails',
			method: 'POST',
			query: { offset: '0', limit: '100' },
			headers: { accountid: local.credentials.kore.accountId, iid: local.credentials.kore.botId },
			body: { startDate: '2026-03-01 12:00:00', endDate: '2026-03-02 12:00:59', timeZoneOffset: 0, channels: ['voice'] },
		});
	});

	it('refuses a call without a session id or with a date it cannot read', () => {
		expect(() => local.kore.putCall({ sessionId: '', start: Date.now() })).toThrow(/sessionId/);
		expect(() => local.kore.putCall({ sessionId: 'x', start: 'not a date' })).toThrow(/start/);
		expect(() => local.kore.putCall({ sessionId: 'x', start: Date.now(), recording: [] })).toThrow(/recording/);
	});
});
