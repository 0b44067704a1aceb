/**
 * The workflow of the fault-injection run: one Manual Trigger, and for each operation under test
 * a branch "fixed list of inputs → the vendor node" with Continue On Fail (error output on the
 * main output), so every input must come out as a success item or an error item. Each input
 * carries an `inputId`; outputs point back at their input through n8n's pairedItem, and the
 * expected answer of every input (file bytes, ids) is taken from the simulator's catalog here.
 */
import { createHash } from 'node:crypto';

import { fileStem } from '../../simulator/vendors/koreData.mjs';
import { ameyoCredential } from './ameyo.mjs';
import { node, PACKAGES } from './build.mjs';
import { genesysCredential } from './genesys.mjs';
import { koreCredential } from './kore.mjs';
import { vonageCredential } from './vonage.mjs';

export const FAULT_VENDORS = [
	{ key: 'vonage', name: 'Vonage', credential: vonageCredential, type: 'vonageContactCenterApi' },
	{ key: 'ameyo', name: 'Ameyo', credential: ameyoCredential, type: 'ameyoApi' },
	{ key: 'kore', name: 'Kore.ai', credential: koreCredential, type: 'koreAiSmartAssistApi' },
	{ key: 'genesys', name: 'Genesys', credential: genesysCredential, type: 'genesysContextServicesApi' },
];

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
/**
 * Every node's Timeout: short, so a stalled answer fails in seconds and the run stays short;
 * the run checks that no stalled connection is held much longer than this.
 */
export const FAULT_RUN_TIMEOUT_SECONDS = 2;
const TIMEOUT = { timeoutSeconds: FAULT_RUN_TIMEOUT_SECONDS };
/** Pacing off: the run is about faults, and the simulator's own rate limits are off too. */
const NO_PACING = { requestsPerMinute: 0, ...TIMEOUT };
const campaign = (value) => ({ __rl: true, mode: 'id', value });
const KORE_INPUTS = 45;
const take = (list, n) => Array.from({ length: n }, (_, i) => list[i % list.length]);

/**
 * Each branch: { vendor, op, nodeName, inputs: [{ inputId, ...params }], node parameters,
 * expect(input) → { files?: Map(key → { sha256, bytes }), json?: (json) → problem | undefined } }.
 */
export function faultBranches(sim) {
	const { catalog } = sim;
	const branches = [];

	const vonageFiles = catalog.vonage.interactions.flatMap((x) => x.content.map((c) => ({ guid: x.guid, ...c })));
	branches.push({
		vendor: 'vonage',
		op: 'content.download',
		inputs: take(vonageFiles, 60).map((c, i) => ({ inputId: `vonage-file-${i}`, guid: c.guid, contentKey: c.contentKey })),
		parameters: {
			resource: 'content',
			operation: 'download',
			guid: '={{ $json.guid }}',
			contentKey: 'contentId',
			contentId: '={{ $json.contentKey }}',
			binaryPropertyName: 'data',
			options: NO_PACING,
		},
		expect: (input) => {
			const file = vonageFiles.find((c) => c.guid === input.guid && c.contentKey === input.contentKey);
			return { files: new Map([[`${input.guid}-${input.contentKey}`, file]]), fileKey: (json) => `${json.interactionId}-${json.contentKey}` };
		},
	});
	branches.push({
		vendor: 'vonage',
		op: 'interaction.get',
		inputs: take(catalog.vonage.interactions, 15).map((x, i) => ({ inputId: `vonage-get-${i}`, guid: x.guid })),
		parameters: { resource: 'interaction', operation: 'get', guid: '={{ $json.guid }}', options: NO_PACING },
		expect: (input) => ({ json: (json) => (json.guid === input.guid ? undefined : `guid ${JSON.stringify(json.guid)} for ${input.guid}`) }),
	});

	const ameyo = catalog.ameyo.recordings;
	branches.push({
		vendor: 'ameyo',
		op: 'voiceLog.download',
		inputs: take(ameyo, 60).map((r, i) => ({
			inputId: `ameyo-${i}`,
			campaignId: r.campaignId,
			crtObjectId: r.crtObjectId,
			callId: r.callId,
			format: i % 2 === 0 ? 'mp3' : 'wav',
		})),
		parameters: {
			resource: 'voiceLog',
			operation: 'download',
			campaignId: campaign('={{ $json.campaignId }}'),
			crtObjectId: '={{ $json.crtObjectId }}',
			callId: '={{ $json.callId }}',
			targetFormat: '={{ $json.format }}',
			binaryPropertyName: 'data',
			options: TIMEOUT,
		},
		expect: (input) => {
			const file = ameyo.find((r) => r.crtObjectId === input.crtObjectId).files[input.format];
			return { files: new Map([[input.crtObjectId, file]]), fileKey: (json) => json.crtObjectId };
		},
	});

	const koreSeeded = catalog.kore.sessions.filter((s) => s.recordingStatus === 'success');
	const koreInputs = [
		...koreSeeded.map((s) => ({ sessionId: s.sessionId, files: s.files })),
		// Sessions named by suffix top the seeded ones up to the same count whatever the seed.
		...Array.from({ length: Math.max(20, KORE_INPUTS - koreSeeded.length) }, (_, i) => {
			const sessionId = `fault-run-${i}-multi2`;
			const stem = fileStem(sessionId);
			return {
				sessionId,
				files: [
					{ fileName: `${stem}-merged.wav`, ...catalog.kore.files.merged },
					{ fileName: `${stem}-leg2.wav`, ...catalog.kore.files.extraLeg },
				],
			};
		}),
	].map((s, i) => ({ inputId: `kore-${i}`, ...s }));
	branches.push({
		vendor: 'kore',
		op: 'recording.download',
		inputs: koreInputs.map(({ inputId, sessionId }) => ({ inputId, sessionId })),
		parameters: {
			resource: 'recording',
			operation: 'download',
			sessionId: '={{ $json.sessionId }}',
			binaryPropertyName: 'data',
			waitForMedia: true,
			pollIntervalSeconds: 1,
			maxWaitSeconds: 15,
			whenNoMedia: 'error',
			options: { ...NO_PACING, requestsPerHour: 0 },
		},
		expect: (input) => {
			const { files } = koreInputs.find((s) => s.inputId === input.inputId);
			return { files: new Map(files.map((f) => [f.fileName, f])), fileKey: (json) => json.fileName };
		},
	});

	const genesys = catalog.genesys.interactions.filter((x) => x.interactionId !== catalog.genesys.foreignHostInteractionId);
	const withBinary = genesys.filter((x) => x.content.binary_content);
	const withText = genesys.filter((x) => x.content.plain_text);
	branches.push({
		vendor: 'genesys',
		op: 'content.downloadBinary',
		inputs: take(withBinary, 15).map((x, i) => ({ inputId: `genesys-binary-${i}`, interactionId: x.interactionId })),
		parameters: { resource: 'content', operation: 'downloadBinary', interactionId: '={{ $json.interactionId }}', binaryPropertyName: 'data', options: TIMEOUT },
		expect: (input) => {
			const file = withBinary.find((x) => x.interactionId === input.interactionId).content.binary_content;
			return { files: new Map([[input.interactionId, file]]), fileKey: (json) => json.interactionId };
		},
	});
	branches.push({
		vendor: 'genesys',
		op: 'content.getPlainText',
		inputs: take(withText, 15).map((x, i) => ({ inputId: `genesys-text-${i}`, interactionId: x.interactionId })),
		parameters: { resource: 'content', operation: 'getPlainText', interactionId: '={{ $json.interactionId }}', options: TIMEOUT },
		expect: (input) => {
			const want = withText.find((x) => x.interactionId === input.interactionId).content.plain_text.sha256;
			return {
				json: (json) =>
					typeof json.text === 'string' && sha256(json.text) === want && json.interactionId === input.interactionId
						? undefined
						: `plain text of ${input.interactionId} differs from what was served`,
			};
		},
	});
	branches.push({
		vendor: 'genesys',
		op: 'interaction.get',
		inputs: take(genesys, 15).map((x, i) => ({ inputId: `genesys-get-${i}`, interactionId: x.interactionId })),
		parameters: { resource: 'interaction', operation: 'get', interactionId: '={{ $json.interactionId }}', includeContent: [], options: TIMEOUT },
		expect: (input) => ({
			json: (json) => (json.interaction_id === input.interactionId ? undefined : `interaction ${JSON.stringify(json.interaction_id)} for ${input.interactionId}`),
		}),
	});

	for (const b of branches) b.nodeName = `${b.vendor} ${b.op}`;
	return branches;
}

const NODE_TYPES = {
	vonage: `${PACKAGES.vonage}.vonageContactCenter`,
	ameyo: `${PACKAGES.ameyo}.ameyo`,
	kore: `${PACKAGES.kore}.koreAiSmartAssist`,
	genesys: `${PACKAGES.genesys}.genesysContextServices`,
};

/** The workflow: Start → per branch "Inputs → Split Out → vendor node (Continue On Fail)". */
export function faultWorkflow(branches, credentials) {
	const start = node('Start', 'n8n-nodes-base.manualTrigger', {});
	const nodes = [start];
	const connections = { Start: { main: [[]] } };
	for (const b of branches) {
		const vendor = FAULT_VENDORS.find((v) => v.key === b.vendor);
		const list = node(`${b.nodeName} inputs`, 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ items: b.inputs }), options: {} }, { typeVersion: 3.4 });
		const split = node(`${b.nodeName} (one per input)`, 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} });
		const target = node(b.nodeName, NODE_TYPES[b.vendor], b.parameters, {
			onError: 'continueRegularOutput',
			credentials: { [vendor.type]: credentials[b.vendor] },
		});
		nodes.push(list, split, target);
		connections.Start.main[0].push({ node: list.name, type: 'main', index: 0 });
		connections[list.name] = { main: [[{ node: split.name, type: 'main', index: 0 }]] };
		connections[split.name] = { main: [[{ node: target.name, type: 'main', index: 0 }]] };
	}
	return { name: 'Fault-injection run', nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}
