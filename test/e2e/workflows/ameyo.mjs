/**
 * Ameyo (Exotel) against the simulator: every voice log of both assigned campaigns, in MP3 and
 * WAV (hash-checked against what the simulator served), and a 200 that is an HTML page instead of
 * audio, which must fail with a message naming the recording and what came back.
 */
import { assertSameFiles, chain, itemsFrom, manualTrigger, node, outputOf, PACKAGES, sha256Of, withCredential } from './build.mjs';

const TYPE = `${PACKAGES.ameyo}.ameyo`;
const CRED = 'ameyoApi';

/** The credential fields of credentials/AmeyoApi.credentials.ts, filled from the simulator's. */
export function ameyoCredential(sim) {
	const { baseUrl, userId, password } = sim.credentials.ameyo;
	return {
		name: 'Ameyo (simulator)',
		type: CRED,
		data: { server: baseUrl, ignoreSslIssues: false, authMode: 'login', userId, token: password, forceLogin: true, terminalInfo: 'n8n-e2e' },
	};
}

export function ameyoBadCredential(sim) {
	const c = ameyoCredential(sim);
	return { ...c, data: { ...c.data, token: 'wrong-password' } };
}

function ameyo(name, parameters, credential) {
	return withCredential(
		node(name, TYPE, { resource: 'voiceLog', operation: 'download', binaryPropertyName: 'data', options: {}, ...parameters }),
		CRED,
		credential,
	);
}

/** The Campaign parameter is a resource locator; "By ID" takes the number. */
const campaign = (value) => ({ __rl: true, mode: 'id', value });

/** Every recording once, alternating MP3 and WAV so both conversions are checked. */
function voiceLogs(sim) {
	return sim.catalog.ameyo.recordings.map((r, i) => ({
		campaignId: r.campaignId,
		crtObjectId: r.crtObjectId,
		callId: r.callId,
		format: i % 2 === 0 ? 'mp3' : 'wav',
	}));
}

export function ameyoWorkflows(credential, sim) {
	const campaignId = sim.credentials.ameyo.campaignId;
	return [
		{
			workflow: chain('e2e Ameyo: voice logs (MP3 and WAV)', [
				manualTrigger(),
				...itemsFrom('Voice Logs', voiceLogs(sim)),
				ameyo('Download', {
					campaignId: campaign('={{ $json.campaignId }}'),
					crtObjectId: '={{ $json.crtObjectId }}',
					callId: '={{ $json.callId }}',
					targetFormat: '={{ $json.format }}',
				}, credential),
				sha256Of('Hash'),
			]),
			verify: verifyVoiceLogs,
		},
		{
			workflow: chain('e2e Ameyo: an HTML page instead of audio is a readable error', [
				manualTrigger(),
				ameyo('Download', {
					campaignId: campaign(campaignId),
					crtObjectId: sim.catalog.ameyo.oddities.htmlBody,
					callId: 'd741-e2e-vcall-1',
					targetFormat: 'mp3',
				}, credential),
			]),
			expectError: new RegExp(
				`Ameyo: expected MP3 audio for crtObjectId ${sim.catalog.ameyo.oddities.htmlBody} in campaign ${campaignId} but the server sent an? [^\\n]*HTML[^\\n]*\\(HTTP 200\\)`,
			),
		},
	];
}

function verifyVoiceLogs(run, sim) {
	const asked = voiceLogs(sim);
	const expected = new Map(
		sim.catalog.ameyo.recordings.map((r, i) => [`${r.crtObjectId}.${asked[i].format}`, r.files[asked[i].format]]),
	);
	const items = outputOf(run, 'Hash');
	assertSameFiles(items, expected, (json) => `${json.crtObjectId}.${json.targetFormat}`, 'voice logs');
	for (const { json } of items) {
		const mime = json.targetFormat === 'mp3' ? 'audio/mpeg' : 'audio/wav';
		if (json.mimeType !== mime) throw new Error(`${json.fileName}: MIME type ${json.mimeType}, expected ${mime}`);
	}
	const formats = [...new Set(items.map(({ json }) => json.targetFormat))].sort().join('+');
	const campaigns = [...new Set(items.map(({ json }) => json.campaignId))].sort().join('+');
	return `${items.length} voice logs (${formats}, campaigns ${campaigns}) byte-identical to the simulator's files`;
}
