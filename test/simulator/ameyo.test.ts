/**
 * The simulator's Ameyo (Exotel) behaviour: login, expiring sessions, forceLogin, downloadVoiceLog
 * and the odd answers of older servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index.mjs';
import { ameyoLogin, ameyoSession, sha256, voiceLogQuery } from './simulatorClient';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ seed: 12, sessionTtlSeconds: 600 });
});
afterAll(async () => sim?.close());

const download = (query: string, headers: Record<string, string>) =>
	fetch(`${sim.credentials.ameyo.baseUrl}/ameyorestapi/cc/downloadVoiceLog?${query}`, { headers });

const recording = () => sim.catalog.ameyo.recordings[0];

describe('Ameyo login and sessions', () => {
	it('logs in with userId + token and answers {userId, sessionId, …}', async () => {
		const response = await ameyoLogin(sim);
		const body = (await response.json()) as { userId: string; sessionId: string };
		expect(response.status).toBe(200);
		expect(body.userId).toBe(sim.credentials.ameyo.userId);
		expect(body.sessionId).toMatch(/^d741-[0-9a-f]{8}-ses-/);
	});

	it('streams the voice log for a session passed as Sessionid (any header case), byte-identical', async () => {
		const r = recording();
		const sessionId = await ameyoSession(sim);
		const mp3 = await download(voiceLogQuery(r), { Sessionid: sessionId });
		expect(mp3.status).toBe(200);
		expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
		expect(sha256(Buffer.from(await mp3.arrayBuffer()))).toBe(r.files.mp3.sha256);
		const wav = await download(voiceLogQuery({ ...r, targetFormat: 'wav' }), { sessionId });
		expect(sha256(Buffer.from(await wav.arrayBuffer()))).toBe(r.files.wav.sha256);
	});

	it('answers 401 with the documented envelope once the session has been idle too long', async () => {
		const sessionId = await ameyoSession(sim);
		sim.advanceTime(601);
		const response = await download(voiceLogQuery(recording()), { Sessionid: sessionId });
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ message: 'invalid.authentication.token', code: 909090, status: 401 });
	});

	it('keeps a session alive while it is used (idle timeout)', async () => {
		const sessionId = await ameyoSession(sim);
		for (let i = 0; i < 3; i++) {
			sim.advanceTime(400);
			expect((await download(voiceLogQuery(recording()), { Sessionid: sessionId })).status).toBe(200);
		}
	});

	it('ends earlier sessions of the user on forceLogin, and refuses a second login without it', async () => {
		const first = await ameyoSession(sim);
		expect((await ameyoLogin(sim, false)).status).toBe(409);
		await ameyoSession(sim);
		expect((await download(voiceLogQuery(recording()), { Sessionid: first })).status).toBe(401);
	});

	it('answers an HTML login page with 200 when the per-run switch is on', async () => {
		sim.setOptions({ ameyoLoginPage: true });
		try {
			const response = await download(voiceLogQuery(recording()), { Sessionid: 'not-a-session' });
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/text\/html/);
			expect(await response.text()).toMatch(/<form[^>]*login/i);
		} finally {
			sim.setOptions({ ameyoLoginPage: false });
		}
	});
});

describe('Ameyo downloadVoiceLog failures', () => {
	it('answers 404 when the callId in filters does not match the recording', async () => {
		const response = await download(voiceLogQuery({ ...recording(), callId: 'd741-00000000-vcall-1' }), { Sessionid: await ameyoSession(sim) });
		expect(response.status).toBe(404);
	});

	it('answers 403 for a campaign the user is not assigned to', async () => {
		const query = voiceLogQuery({ ...recording(), campaignId: sim.catalog.ameyo.unassignedCampaignId });
		expect((await download(query, { Sessionid: await ameyoSession(sim) })).status).toBe(403);
	});

	const odd = (name: keyof Simulator['catalog']['ameyo']['oddities']) => async () => {
		const crtObjectId = sim.catalog.ameyo.oddities[name];
		return download(voiceLogQuery({ campaignId: '110', crtObjectId, callId: 'any' }), { Sessionid: await ameyoSession(sim) });
	};

	it('gives 200 with an empty body for the emptyBody id', async () => {
		const response = await odd('emptyBody')();
		expect([response.status, (await response.arrayBuffer()).byteLength]).toEqual([200, 0]);
	});

	it('gives 200 with the literal null for the nullBody id', async () => {
		const response = await odd('nullBody')();
		expect([response.status, await response.text()]).toEqual([200, 'null']);
	});

	it('gives 200 with an HTML page for the htmlBody id', async () => {
		const response = await odd('htmlBody')();
		expect(response.status).toBe(200);
		expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
	});

	it('gives 512 with the JSON envelope for the commandError id', async () => {
		const response = await odd('commandError')();
		expect(response.status).toBe(512);
		expect(await response.json()).toMatchObject({ status: 512, message: expect.any(String), code: expect.any(Number) });
	});

	it('gives 404 for the notFound id and 500 with HTML for the serverErrorHtml id', async () => {
		expect((await odd('notFound')()).status).toBe(404);
		const crash = await odd('serverErrorHtml')();
		expect(crash.status).toBe(500);
		expect(crash.headers.get('content-type')).toMatch(/text\/html/);
	});
});
