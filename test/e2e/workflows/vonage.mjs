/**
 * Vonage Contact Center against the simulator: search (windows + paging) → download the
 * recordings (hash-checked against what the simulator served) → transcript → analysis.
 */
import { chain, manualTrigger, node, outputOf, PACKAGES, sha256Of, withCredential } from './build.mjs';

const TYPE = `${PACKAGES.vonage}.vonageContactCenter`;
const CRED = 'vonageContactCenterApi';

export function vonageCredential(sim) {
	return { name: 'Vonage Contact Center (simulator)', type: CRED, data: { ...sim.credentials.vonage } };
}

function vonage(name, parameters, credential) {
	return withCredential(node(name, TYPE, { options: { requestsPerMinute: 0 }, ...parameters }), CRED, credential);
}

export function vonageWorkflows(credential) {
	return [
		{
			workflow: chain('e2e Vonage: recordings', [
				manualTrigger(),
				vonage('Search', {
					resource: 'interaction',
					operation: 'search',
					start: '={{ $now.minus({ days: 31 }).toISO() }}',
					end: '={{ $now.plus({ minutes: 1 }).toISO() }}',
					returnAll: true,
				}, credential),
				vonage('Download All', {
					resource: 'content',
					operation: 'downloadAll',
					guid: '={{ $json.guid }}',
					contentTypes: ['callRecording', 'voicemail'],
					binaryPropertyName: 'data',
				}, credential),
				sha256Of('Hash'),
			]),
			verify: verifyRecordings,
		},
		{
			workflow: chain('e2e Vonage: transcript and analysis', [
				manualTrigger(),
				vonage('Search', {
					resource: 'interaction',
					operation: 'search',
					start: '={{ $now.minus({ days: 31 }).toISO() }}',
					end: '={{ $now.plus({ minutes: 1 }).toISO() }}',
					returnAll: false,
					limit: 5,
					filters: { direction: 'inbound' },
				}, credential),
				vonage('Analysis', {
					resource: 'analysis',
					operation: 'get',
					guidSource: 'items',
					callGuid: '={{ $json.guid }}',
					includeTranscript: true,
				}, credential),
			]),
			verify: verifyAnalysis,
		},
		{
			workflow: chain('e2e Vonage: bad input is a readable error', [
				manualTrigger(),
				vonage('Get', { resource: 'interaction', operation: 'get', guid: 'not-a-guid' }, credential),
			]),
			expectError: /Interaction GUID "not-a-guid" is not a valid GUID/,
		},
	];
}

function verifyRecordings(run, sim) {
	const served = new Map();
	for (const interaction of sim.catalog.vonage.interactions) {
		for (const content of interaction.content) served.set(`${interaction.guid}/${content.contentKey}`, content);
	}
	const items = outputOf(run, 'Hash');
	const expected = [...served.values()].filter((c) => ['callRecording', 'voicemail'].includes(c.type));
	if (items.length !== expected.length) {
		throw new Error(`expected ${expected.length} recordings, got ${items.length}`);
	}
	for (const { json } of items) {
		const want = served.get(`${json.interactionId}/${json.contentKey}`);
		if (!want) throw new Error(`unknown file ${json.interactionId}/${json.contentKey}`);
		if (json.sha256 !== want.sha256) throw new Error(`hash mismatch for ${json.fileName}`);
		if (json.bytes !== want.bytes) throw new Error(`size mismatch for ${json.fileName}`);
	}
	return `${items.length} recordings byte-identical to the simulator's files`;
}

function verifyAnalysis(run) {
	// Chats have no Conversation Analyzer result: they come back as notFound, by design.
	const items = outputOf(run, 'Analysis').filter(({ json }) => json.status !== 'notFound');
	if (items.length === 0) throw new Error('no analysis items');
	for (const { json } of items) {
		const t = json.normalizedTranscript;
		if (!t || t.vendor !== 'vonageContactCenter' || !Array.isArray(t.segments) || typeof t.text !== 'string') {
			throw new Error(`analysis without a shared-shape transcript: ${JSON.stringify(json).slice(0, 300)}`);
		}
	}
	return `${items.length} analyses with transcripts in the shared shape`;
}
