/**
 * Genesys Context Services (behind GMS, Basic auth + tenancy header) against the simulator:
 * every customer's interactions → each interaction with its plain text and transcript (Include
 * Content), the Content operations (binary content hash-checked, plain text, chat transcripts),
 * and an interaction whose content URLs point at another host, which must be refused.
 */
import { createHash } from 'node:crypto';

import {
	assertSameFiles,
	assertSharedTranscript,
	chain,
	itemsFrom,
	keepUnless,
	manualTrigger,
	node,
	outputOf,
	PACKAGES,
	sha256Of,
	withCredential,
} from './build.mjs';

const TYPE = `${PACKAGES.genesys}.genesysContextServices`;
const CRED = 'genesysContextServicesApi';
const VENDOR = 'genesysContextServices';

/** credentials/GenesysContextServicesApi.credentials.ts: `user` (not `username`) with basicAuth. */
export function genesysCredential(sim) {
	const { baseUrl, contactCenterId, groupId, username, password } = sim.credentials.genesys;
	return {
		name: 'Genesys Context Services (simulator)',
		type: CRED,
		data: { baseUrl, authentication: 'basicAuth', user: username, password, contactCenterId, groupId, ignoreTlsErrors: false },
	};
}

export function genesysBadCredential(sim) {
	const c = genesysCredential(sim);
	return { ...c, data: { ...c.data, password: 'wrong-password' } };
}

function genesys(name, parameters, credential) {
	return withCredential(node(name, TYPE, { options: {}, ...parameters }), CRED, credential);
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

export function genesysWorkflows(credential, sim) {
	const { catalog } = sim;
	const { foreignHostInteractionId } = catalog.genesys;
	const interactions = catalog.genesys.interactions.filter((x) => x.interactionId !== foreignHostInteractionId);
	const withBinary = interactions.filter((x) => x.content.binary_content);
	const chats = interactions.filter((x) => x.mediaType === 'chat');
	return [
		{
			workflow: chain('e2e Genesys: interactions of every customer, with content', [
				manualTrigger(),
				...itemsFrom('Customers', catalog.genesys.customers.map((c) => ({ customerId: c.customerId }))),
				genesys('Interactions of Customer', {
					resource: 'interaction',
					operation: 'getMany',
					by: 'customer',
					customerId: '={{ $json.customerId }}',
					returnAll: true,
				}, credential),
				// Its content URLs point at another host: the last workflow checks it is refused.
				keepUnless('Not the Foreign-Host One', 'interaction_id', foreignHostInteractionId),
				genesys('Interaction with Content', {
					resource: 'interaction',
					operation: 'get',
					interactionId: '={{ $json.interaction_id }}',
					includeContent: ['plainText', 'structuredText'],
				}, credential),
			]),
			verify: verifyInteractions,
		},
		{
			workflow: chain('e2e Genesys: binary content', [
				manualTrigger(),
				...itemsFrom('Interactions with Attachments', withBinary.map((x) => ({ interactionId: x.interactionId }))),
				genesys('Download Binary Content', {
					resource: 'content',
					operation: 'downloadBinary',
					interactionId: '={{ $json.interactionId }}',
					binaryPropertyName: 'data',
				}, credential),
				sha256Of('Hash'),
			]),
			verify: (run) => {
				const expected = new Map(withBinary.map((x) => [x.interactionId, x.content.binary_content]));
				const items = outputOf(run, 'Hash');
				assertSameFiles(items, expected, (json) => json.interactionId, 'binary contents');
				return `${items.length} attachments byte-identical to the simulator's files`;
			},
		},
		{
			workflow: chain('e2e Genesys: chat plain text and transcripts', [
				manualTrigger(),
				...itemsFrom('Chats', chats.map((x) => ({ interactionId: x.interactionId }))),
				genesys('Plain Text', { resource: 'content', operation: 'getPlainText', interactionId: '={{ $json.interactionId }}' }, credential),
				genesys('Transcript', {
					resource: 'content',
					operation: 'getStructuredText',
					interactionId: '={{ $json.interactionId }}',
				}, credential),
			]),
			verify: (run) => verifyChats(run, chats),
		},
		{
			workflow: chain('e2e Genesys: content on a foreign host is refused', [
				manualTrigger(),
				genesys('Interaction with Content', {
					resource: 'interaction',
					operation: 'get',
					interactionId: foreignHostInteractionId,
					includeContent: ['structuredText'],
				}, credential),
			]),
			expectError: new RegExp(
				'Refused to follow the structured text URL http://evil\\.example\\.invalid/\\S+: it points at http://evil\\.example\\.invalid, not at the configured server http://127\\.0\\.0\\.1:\\d+',
			),
		},
	];
}

function verifyInteractions(run, sim) {
	const { catalog } = sim;
	const { foreignHostInteractionId } = catalog.genesys;
	const listed = outputOf(run, 'Interactions of Customer');
	const all = catalog.genesys.interactions;
	if (listed.length !== all.length) throw new Error(`Get Many listed ${listed.length} interactions, the customers have ${all.length}`);
	const items = outputOf(run, 'Interaction with Content');
	const byId = new Map(all.map((x) => [x.interactionId, x]));
	if (items.length !== all.length - 1) throw new Error(`expected ${all.length - 1} interactions, got ${items.length}`);
	let transcripts = 0;
	for (const { json } of items) {
		const want = byId.get(json.interaction_id);
		if (!want || json.interaction_id === foreignHostInteractionId) throw new Error(`unexpected interaction ${json.interaction_id}`);
		if (typeof json.entity_type_name !== 'string' || typeof json.status_name !== 'string') {
			throw new Error(`${json.interaction_id}: entity_type/status not named`);
		}
		const plain = want.content.plain_text;
		if (plain && (typeof json.plainText !== 'string' || sha256(json.plainText) !== plain.sha256)) {
			throw new Error(`${json.interaction_id}: plain text differs from what the simulator served`);
		}
		if (!plain && json.plainText !== undefined) throw new Error(`${json.interaction_id}: plain text where there is none`);
		if (want.content.structured_text) {
			const chat = want.mediaType === 'chat';
			assertSharedTranscript(json.transcript, {
				vendor: VENDOR,
				interactionId: json.interaction_id,
				channel: chat ? 'chat' : undefined,
				minSegments: chat ? 2 : 0,
			});
			transcripts++;
		} else if (json.transcript !== undefined) {
			throw new Error(`${json.interaction_id}: a transcript where there is no structured text`);
		}
	}
	const noContent = items.find(({ json }) => json.interaction_id === catalog.genesys.noContentInteractionId)?.json;
	if (!noContent || noContent.plainText !== undefined || noContent.transcript !== undefined) {
		throw new Error('the voice interaction without content came back wrong');
	}
	return `${listed.length} interactions of ${catalog.genesys.customers.length} customers; ${items.length} fetched with content (plain text identical, ${transcripts} transcripts in the shared shape)`;
}

function verifyChats(run, chats) {
	const plain = outputOf(run, 'Plain Text');
	const transcripts = outputOf(run, 'Transcript');
	if (plain.length !== chats.length || transcripts.length !== chats.length) {
		throw new Error(`expected ${chats.length} chats, got ${plain.length} plain texts and ${transcripts.length} transcripts`);
	}
	const byId = new Map(chats.map((x) => [x.interactionId, x]));
	for (const { json } of plain) {
		const want = byId.get(json.interactionId)?.content.plain_text;
		if (!want || json.bytes !== want.bytes || sha256(json.text) !== want.sha256) {
			throw new Error(`${json.interactionId}: plain text differs from what the simulator served`);
		}
	}
	let segments = 0;
	for (const { json } of transcripts) {
		if (!byId.has(json.interactionId)) throw new Error(`unexpected transcript ${json.interactionId}`);
		assertSharedTranscript(json, { vendor: VENDOR, interactionId: json.interactionId, channel: 'chat', minSegments: 2 });
		const speakers = new Set(json.segments.map((s) => s.speaker));
		if (!speakers.has('agent') || !speakers.has('customer')) throw new Error(`${json.interactionId}: speakers ${[...speakers]}`);
		segments += json.segments.length;
	}
	return `${chats.length} chats: plain text identical, transcripts in the shared shape (${segments} segments, agent and customer)`;
}
