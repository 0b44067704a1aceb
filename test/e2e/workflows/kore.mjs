/**
 * Kore.ai SmartAssist against the simulator: call details → the recordings of every voice call
 * (waiting for the two newest, still being produced; hash-checked), Wait for Media polling a
 * `-polls2` session, voicemail with its transcription (both spellings of the list key), and a
 * session without media, which must fail with a message saying so.
 *
 * The simulator allows 60 bot-API requests a minute per bot, as Kore.ai documents; this file
 * sends about 35 in all (the recordings workflow ~30), so the node's own pacing is turned off
 * where it would only slow the run down, and verifyRecordings checks that no 429 was served.
 */
import {
	assertSameFiles,
	assertSharedTranscript,
	chain,
	itemsFrom,
	manualTrigger,
	node,
	outputOf,
	PACKAGES,
	sha256Of,
	withCredential,
} from './build.mjs';

const TYPE = `${PACKAGES.kore}.koreAiSmartAssist`;
const CRED = 'koreAiSmartAssistApi';

/** Sessions named by suffix (test/simulator/vendors/koreData.mjs). */
const POLLS2_SESSION = 'e2e-wait-polls2';
const UNAVAILABLE_SESSION = 'e2e-no-media-unavailable';
const VOICEMAIL_SUFFIX_SESSIONS = ['e2e-vm-voicemail1', 'e2e-vm-voicemail2'];

/** credentials/KoreAiSmartAssistApi.credentials.ts: a custom host is `host: 'custom'` + `customHost`. */
export function koreCredential(sim) {
	const { host, clientId, clientSecret, accountId, botId } = sim.credentials.kore;
	return {
		name: 'Kore.ai SmartAssist (simulator)',
		type: CRED,
		data: { host: 'custom', customHost: host, clientId, clientSecret, accountId, botId },
	};
}

export function koreBadCredential(sim) {
	const c = koreCredential(sim);
	return { ...c, data: { ...c.data, clientSecret: 'wrong-secret-wrong-secret-wrong-secret-0000' } };
}

function kore(name, parameters, credential) {
	return withCredential(node(name, TYPE, parameters), CRED, credential);
}

const waitForMedia = { waitForMedia: true, pollIntervalSeconds: 1, maxWaitSeconds: 30 };

export function koreWorkflows(credential, sim) {
	return [
		{
			workflow: chain('e2e Kore: call details → recordings (waits for media)', [
				manualTrigger(),
				kore('Voice Calls', {
					resource: 'call',
					operation: 'getMany',
					start: '={{ $now.minus({ days: 31 }).toISO() }}',
					end: '={{ $now.plus({ minutes: 1 }).toISO() }}',
					returnAll: true,
					filters: { channels: 'voice' },
					options: {},
				}, credential),
				kore('Download Recordings', {
					resource: 'recording',
					operation: 'download',
					sessionId: '={{ $json.sessionId }}',
					binaryPropertyName: 'data',
					...waitForMedia,
					whenNoMedia: 'returnNothing',
					options: { requestsPerMinute: 0 },
				}, credential),
				sha256Of('Hash'),
			]),
			verify: verifyRecordings,
		},
		{
			workflow: chain('e2e Kore: Wait for Media polls until the recording is ready', [
				manualTrigger(),
				kore('Recording', {
					resource: 'recording',
					operation: 'get',
					sessionId: POLLS2_SESSION,
					...waitForMedia,
					options: {},
				}, credential),
			]),
			verify: verifyPolling,
		},
		{
			workflow: chain('e2e Kore: voicemail with transcription', [
				manualTrigger(),
				...itemsFrom('Voicemail Sessions', voicemailSessions(sim).map((sessionId) => ({ sessionId }))),
				kore('Download Voicemail', {
					resource: 'voicemail',
					operation: 'download',
					sessionId: '={{ $json.sessionId }}',
					transcription: true,
					binaryPropertyName: 'data',
					options: {},
				}, credential),
				sha256Of('Hash'),
			]),
			verify: verifyVoicemail,
		},
		{
			workflow: chain('e2e Kore: a session without media is a readable error', [
				manualTrigger(),
				kore('Download', {
					resource: 'recording',
					operation: 'download',
					sessionId: UNAVAILABLE_SESSION,
					binaryPropertyName: 'data',
					options: {},
				}, credential),
			]),
			expectError: new RegExp(
				`Kore\\.ai SmartAssist: no recording is available for session ${UNAVAILABLE_SESSION} \\(media_unavailable: the server has no media for this session\\)`,
			),
		},
	];
}

function voicemailSessions(sim) {
	return [...sim.catalog.kore.sessions.filter((s) => s.voicemail).map((s) => s.sessionId), ...VOICEMAIL_SUFFIX_SESSIONS];
}

function verifyRecordings(run, sim) {
	const calls = outputOf(run, 'Voice Calls');
	const voice = sim.catalog.kore.sessions.filter((s) => s.channel === 'Voice');
	const listed = new Set(calls.map(({ json }) => json.sessionId));
	const missing = voice.filter((s) => !listed.has(s.sessionId));
	if (calls.length !== voice.length || missing.length > 0) {
		throw new Error(`call details: ${calls.length} calls for ${voice.length} voice sessions (missing ${missing.map((s) => s.sessionId).join(', ')})`);
	}
	const expected = new Map();
	for (const s of voice) for (const f of s.files) expected.set(`${s.sessionId}/${f.fileName}`, f);
	const items = outputOf(run, 'Hash');
	assertSameFiles(items, expected, (json) => `${json.sessionId}/${json.fileName}`, 'recording files');
	const waited = voice.filter((s) => s.pollsBeforeSuccess > 0).map((s) => s.sessionId);
	for (const id of waited) {
		if (!items.some(({ json }) => json.sessionId === id)) throw new Error(`the still-processing session ${id} was not waited for`);
	}
	const stats = sim.stats().vendors.kore;
	const throttled = stats?.byStatus?.['429'] ?? 0;
	if (throttled > 0) throw new Error(`the simulator answered 429 ${throttled} times (max ${stats.maxRequestsPerMinute}/min)`);
	const sessions = new Set(items.map(({ json }) => json.sessionId)).size;
	const botRequests = (stats.byRoute['recordings.v2'] ?? 0) + (stats.byRoute.voicemail ?? 0);
	return `${calls.length} voice calls → ${items.length} recording files of ${sessions} sessions byte-identical (waited for ${waited.length} sessions still in progress; ${botRequests} bot-API requests so far, no 429)`;
}

function verifyPolling(run) {
	const [item] = outputOf(run, 'Recording');
	const json = item?.json;
	if (!json || json.status !== 'success' || json.ready !== true) throw new Error(`not ready: ${JSON.stringify(json).slice(0, 300)}`);
	// -polls2: call_in_progress, media_in_progress, then success: three questions, two pauses of 1 s.
	if (json.polls !== 3) throw new Error(`expected 3 polls, got ${json.polls}`);
	if (!(json.waitedSeconds >= 2)) throw new Error(`waited ${json.waitedSeconds} s, expected ≥ 2`);
	if (!Array.isArray(json.files) || json.files.length !== 1 || !/^http:\/\/127\.0\.0\.1:\d+\/api\/getMediaStream\//.test(json.files[0].fileUrl)) {
		throw new Error(`unexpected files: ${JSON.stringify(json.files)}`);
	}
	return `ready after ${json.polls} polls (${json.waitedSeconds} s), 1 signed file link`;
}

function verifyVoicemail(run, sim) {
	const sessions = voicemailSessions(sim);
	const { voicemail } = sim.catalog.kore.files;
	const items = outputOf(run, 'Hash');
	const expected = new Map(sessions.map((id) => [id, voicemail]));
	assertSameFiles(items, expected, (json) => json.sessionId, 'voicemail files');
	for (const { json } of items) {
		if (json.kind !== 'voicemail' || json.status !== 'success') throw new Error(`${json.sessionId}: ${json.kind} ${json.status}`);
		assertSharedTranscript(json.transcript, { vendor: 'koreAiSmartAssist', interactionId: json.sessionId, channel: 'voicemail', minSegments: 1 });
		if (json.transcript.segments[0].speaker !== 'customer') throw new Error(`${json.sessionId}: voicemail speaker ${json.transcript.segments[0].speaker}`);
	}
	return `${items.length} voicemails (both list-key spellings) byte-identical, each with a shared-shape transcript`;
}
