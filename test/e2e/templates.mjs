/**
 * The recording-to-Slack templates of examples/, as a user gets them: each is imported into the
 * real n8n with only its Slack node(s) swapped for an HTTP Request to the Slack-shaped sink on
 * loopback (messages to a webhook path, files as multipart to an upload path), its vendor
 * credential picked, and run from its trigger as "Execute workflow" runs it in the editor. Then
 * what the sink received is checked against the simulator: one message or file per call, no card
 * number, e-mail address or phone number of the transcripts in it, the audio byte for byte.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parse as parseFlatted } from 'flatted';

import { TRANSCRIPT_PII } from '../simulator/vendors/conversations.mjs';
import { REPO } from './n8nInstance.mjs';

export const EXAMPLES_DIR = join(REPO, 'examples');
const SLACK = 'n8n-nodes-base.slack';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every template of examples/: `{ slug, workflow }`, slug = the file name without `.json`. */
export async function loadTemplates() {
	const names = (await readdir(EXAMPLES_DIR)).filter((name) => name.endsWith('.json')).sort();
	return await Promise.all(
		names.map(async (name) => ({ slug: name.replace(/\.json$/, ''), workflow: JSON.parse(await readFile(join(EXAMPLES_DIR, name), 'utf8')) })),
	);
}

/** The template with each node's credential placeholder pointed at the saved credential of its type. */
export function withCredentials(workflow, credentials) {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const picked = Object.fromEntries(
				Object.entries(node.credentials).map(([type, placeholder]) => [type, credentials[type] ?? placeholder]),
			);
			return { ...node, credentials: picked };
		}),
	};
}

function channelOf(parameters) {
	const channel = parameters.channelId ?? parameters.options?.channelId;
	return typeof channel === 'object' && channel !== null ? String(channel.value) : String(channel ?? '');
}

/** An HTTP Request node in the Slack node's place: same name and position, no credential. */
function sinkRequest(slackNode, sink, tag) {
	const p = slackNode.parameters;
	const base = { id: slackNode.id, name: slackNode.name, position: slackNode.position, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2 };
	const resource = p.resource ?? 'message';
	const operation = p.operation ?? (resource === 'file' ? 'upload' : 'post');
	if (resource === 'message' && operation === 'post' && (p.messageType ?? 'text') === 'text') {
		return {
			...base,
			parameters: {
				method: 'POST',
				url: sink.messageUrl(tag),
				sendBody: true,
				contentType: 'json',
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'channel', value: channelOf(p) }, { name: 'text', value: p.text }] },
				options: {},
			},
		};
	}
	if (resource === 'file' && operation === 'upload') {
		const o = p.options ?? {};
		const field = (name, value) => (value === undefined || value === '' ? [] : [{ parameterType: 'formData', name, value }]);
		return {
			...base,
			parameters: {
				method: 'POST',
				url: sink.filesUrl(tag),
				sendBody: true,
				contentType: 'multipart-form-data',
				bodyParameters: {
					parameters: [
						{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: p.binaryPropertyName ?? 'data' },
						...field('channel_id', channelOf(p)),
						...field('filename', o.fileName),
						...field('initial_comment', o.initialComment),
						...field('title', o.title),
					],
				},
				options: {},
			},
		};
	}
	throw new Error(`the e2e cannot stand in for Slack ${resource} → ${operation} (node "${slackNode.name}")`);
}

/** The template as the e2e runs it: only its Slack nodes differ (see sinkRequest). */
export function slackNodesToSink(workflow, sink, tag) {
	const slackNodes = workflow.nodes.filter((node) => node.type === SLACK);
	if (slackNodes.length === 0) throw new Error(`template "${workflow.name}" has no Slack node`);
	return { ...workflow, nodes: workflow.nodes.map((node) => (node.type === SLACK ? sinkRequest(node, sink, tag) : node)) };
}

/** The node no other node feeds: where "Execute workflow" starts. */
export function triggerOf(workflow) {
	const fed = new Set(Object.values(workflow.connections).flatMap((c) => c.main.flat().map((link) => link.node)));
	const starts = workflow.nodes.filter((node) => !fed.has(node.name));
	if (starts.length !== 1) throw new Error(`template "${workflow.name}" has ${starts.length} start nodes`);
	return starts[0];
}

/**
 * Runs a saved workflow from its trigger the way the editor's "Execute workflow" does (a manual
 * execution: a polling trigger fetches its newest event) and waits for it to finish.
 */
export async function runFromTrigger(rest, workflowId, triggerName, timeoutMs = 180_000) {
	const started = await rest.call('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
	if (!started?.executionId) throw new Error(`the run did not start: ${JSON.stringify(started).slice(0, 300)}`);
	for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(1000)) {
		const execution = await rest.call('GET', `/rest/executions/${started.executionId}`);
		if (['new', 'running', 'waiting'].includes(execution?.status)) continue;
		const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
		return { status: execution.status, runData: data?.resultData?.runData ?? {}, error: data?.resultData?.error };
	}
	throw new Error(`execution ${started.executionId} did not finish in ${timeoutMs / 1000} s`);
}

function itemsOf(run, nodeName) {
	return (run.runData[nodeName] ?? []).flatMap((task) => task.data?.main?.[0] ?? []);
}

const digitsOnly = (text) => text.replace(/\D/g, '');

/** Throws when a text holds any of the transcripts' card numbers, e-mail addresses or phone numbers. */
export function assertNoTranscriptPii(text, where) {
	// Numbers as written, spaces and dashes inside them ignored (not all digits of the message run together).
	const numbers = (text.match(/\+?\d[\d\s().-]*\d/g) ?? []).map(digitsOnly);
	const appears = (pii) => numbers.some((n) => n.includes(digitsOnly(pii)));
	for (const card of TRANSCRIPT_PII.cards) if (appears(card)) throw new Error(`${where}: card number ${card} not redacted`);
	for (const phone of TRANSCRIPT_PII.phones) if (appears(phone)) throw new Error(`${where}: phone number ${phone} not redacted`);
	const lower = text.toLowerCase();
	for (const email of TRANSCRIPT_PII.emails) if (lower.includes(email)) throw new Error(`${where}: e-mail address ${email} not redacted`);
	const anyEmail = /[\w.+-]+@[\w-]+\.[\w.]+/.exec(text);
	if (anyEmail) throw new Error(`${where}: an e-mail address (${anyEmail[0]}) in the message`);
}

/** Throws unless the message shows what was removed. */
function assertRedactionTokens(text, where) {
	if (!/\[(CARD|EMAIL|PHONE)\]/.test(text)) throw new Error(`${where}: no [CARD], [EMAIL] or [PHONE] token: ${JSON.stringify(text.slice(0, 300))}`);
}

function postsTo(sink, tag) {
	return sink.posts.filter((p) => p.path.endsWith(`/${encodeURIComponent(tag)}`)).map((p) => p.message);
}

function uploadsTo(sink, tag) {
	return sink.files.filter((f) => f.path.endsWith(`/${encodeURIComponent(tag)}`));
}

/** One message per call, with the redacted transcript and the call's analysis state. */
function verifyVonage({ run, sink, tag, sim }) {
	const calls = itemsOf(run, 'New Call Transcript');
	const messages = postsTo(sink, tag);
	if (calls.length === 0) throw new Error('the trigger emitted no call');
	if (messages.length !== calls.length) throw new Error(`${messages.length} Slack messages for ${calls.length} calls`);
	const catalog = new Map(sim.catalog.vonage.interactions.map((x) => [x.guid, x]));
	const analysis = new Map(sim.catalog.vonage.analysis.map((a) => [a.guid, a.status]));
	for (const [i, { json }] of calls.entries()) {
		const guid = json.interactionId;
		const text = messages[i].text;
		const where = `message for call ${guid}`;
		if (!catalog.get(guid)?.content.some((c) => c.type === 'transcript')) throw new Error(`${where}: not a call with a transcript`);
		if (!text.includes(`Call ${guid}`)) throw new Error(`${where}: does not name the call: ${text.slice(0, 200)}`);
		if (!text.includes('Let me check that for you.')) throw new Error(`${where}: the transcript is missing: ${text.slice(0, 300)}`);
		const status = analysis.get(guid);
		const sentiment = /Sentiment: \*([^*]+)\*/.exec(text)?.[1];
		const expected = status === 'processed' ? /^-?\d+(\.\d+)?$/ : new RegExp(`\\(${status}\\)$`);
		if (!sentiment || !expected.test(sentiment)) throw new Error(`${where}: sentiment "${sentiment}" for an analysis that is ${status}`);
		assertNoTranscriptPii(text, where);
		assertRedactionTokens(text, where);
	}
	const tokens = messages.map((m) => m.text.match(/\[(CARD|EMAIL|PHONE)\]/g).length).reduce((a, b) => a + b, 0);
	return `${messages.length} message for ${calls.length} call (analysis ${analysis.get(calls[0].json.interactionId)}), redacted: ${tokens} tokens, no card number, e-mail or phone left`;
}

/** One upload per call, the bytes the simulator served for that session. */
function verifyKore({ run, sink, tag, sim }) {
	const calls = itemsOf(run, 'New Call Recording');
	const uploads = uploadsTo(sink, tag);
	if (calls.length === 0) throw new Error('the trigger emitted no call');
	if (uploads.length !== calls.length) throw new Error(`${uploads.length} uploads for ${calls.length} calls`);
	const sessions = new Map(sim.catalog.kore.sessions.map((s) => [s.sessionId, s]));
	for (const [i, { json }] of calls.entries()) {
		const upload = uploads[i];
		const session = sessions.get(json.sessionId);
		const served = session?.files.find((f) => f.fileName === upload.file.filename);
		if (!served) throw new Error(`upload ${upload.file.filename} is not a recording of session ${json.sessionId}`);
		if (upload.file.sha256 !== served.sha256 || upload.file.bytes !== served.bytes) {
			throw new Error(`${upload.file.filename}: ${upload.file.bytes} bytes differ from the ${served.bytes} the simulator served`);
		}
		if (!upload.fields.initial_comment?.includes(json.sessionId)) throw new Error(`${upload.file.filename}: the comment does not name the call`);
	}
	return `${uploads.length} upload for ${calls.length} call, audio byte-identical (${uploads[0].file.bytes} bytes, ${uploads[0].file.contentType})`;
}

/** One upload per listed call, each the MP3 the simulator served for it. */
function verifyAmeyo({ run, sink, tag, sim }) {
	const calls = itemsOf(run, 'One Item per Call').map(({ json }) => json);
	const uploads = uploadsTo(sink, tag);
	if (calls.length === 0) throw new Error('the template lists no call');
	if (uploads.length !== calls.length) throw new Error(`${uploads.length} uploads for ${calls.length} calls`);
	const recordings = new Map(sim.catalog.ameyo.recordings.map((r) => [r.crtObjectId, r]));
	for (const call of calls) {
		const recording = recordings.get(call.crtObjectId);
		if (!recording) throw new Error(`the template's call ${call.crtObjectId} is not one of the simulator's`);
		const matching = uploads.filter((u) => u.file.filename === `${call.crtObjectId}.mp3`);
		if (matching.length !== 1) throw new Error(`${matching.length} uploads of ${call.crtObjectId}.mp3`);
		const [upload] = matching;
		if (upload.file.sha256 !== recording.files.mp3.sha256 || upload.file.bytes !== recording.files.mp3.bytes) {
			throw new Error(`${upload.file.filename}: not the MP3 the simulator served`);
		}
		if (!upload.fields.initial_comment?.includes(call.callId)) throw new Error(`${upload.file.filename}: the comment does not name the call`);
	}
	return `${uploads.length} uploads for the ${calls.length} calls of the campaign, each MP3 byte-identical (${uploads[0].file.bytes} bytes)`;
}

/** One message per chat of the customer, each its redacted transcript. */
function verifyGenesys({ workflow, sink, tag, sim }) {
	const customerId = workflow.nodes.find((n) => n.name === 'Interactions of the Customer').parameters.customerId;
	const chats = sim.catalog.genesys.interactions.filter((x) => x.customerId === customerId && x.mediaType === 'chat');
	const messages = postsTo(sink, tag);
	if (chats.length === 0) throw new Error(`the simulator has no chat of customer ${customerId}`);
	if (messages.length !== chats.length) throw new Error(`${messages.length} Slack messages for ${chats.length} chats`);
	for (const chat of chats) {
		const where = `message for chat ${chat.interactionId}`;
		const matching = messages.filter((m) => m.text.includes(`Chat ${chat.interactionId}`));
		if (matching.length !== 1) throw new Error(`${where}: ${matching.length} messages`);
		const [{ text }] = matching;
		if (text.split('\n').length < 3) throw new Error(`${where}: no transcript: ${text}`);
		assertNoTranscriptPii(text, where);
		assertRedactionTokens(text, where);
	}
	return `${messages.length} messages for the ${chats.length} chats of customer ${customerId}, each redacted (no card number, e-mail or phone left)`;
}

const VERIFY = {
	'vonage-recording-to-slack': verifyVonage,
	'kore-recording-to-slack': verifyKore,
	'ameyo-voice-logs-to-slack': verifyAmeyo,
	'genesys-chats-to-slack': verifyGenesys,
};

/**
 * Runs that a user would simply start again: the newest Kore.ai call has just ended and its
 * recording is still being produced (the simulator's "just ended" session answers
 * media_in_progress once), which the trigger's test event reports as an error.
 */
const RUN_AGAIN_WHEN = {
	'kore-recording-to-slack': /has a recording ready/,
};
const RUNS = 3;

async function runTemplate(rest, workflowId, triggerName, slug) {
	for (let attempt = 1; ; attempt++) {
		const run = await runFromTrigger(rest, workflowId, triggerName);
		const message = `${run.error?.message ?? ''} ${run.error?.description ?? ''}`.trim();
		if (run.status === 'success') return { run, attempt };
		if (attempt >= RUNS || !RUN_AGAIN_WHEN[slug]?.test(message)) throw new Error(`run ${run.status} (attempt ${attempt}): ${message}`);
		await sleep(3000);
	}
}

/**
 * Imports and runs every template of examples/ (Slack swapped for the sink) and checks what the
 * sink received. `credentials`: credential type → `{ id, name }`. Returns the saved ids of the
 * templates as users import them (Slack node kept), for the editor screenshots.
 */
export async function checkTemplates({ rest, sim, sink, check, credentials }) {
	const templates = await loadTemplates();
	const asImported = [];
	for (const { slug, workflow } of templates) {
		const verify = VERIFY[slug];
		await check(`template ${slug}: runs with only Slack swapped for the sink`, async () => {
			if (!verify) throw new Error(`no check for the template ${slug}`);
			const runnable = slackNodesToSink(withCredentials(workflow, credentials), sink, slug);
			const saved = await rest.call('POST', '/rest/workflows', { ...runnable, name: `e2e template: ${workflow.name}` });
			const { run, attempt } = await runTemplate(rest, saved.id, triggerOf(workflow).name, slug);
			const verdict = verify({ run, sink, tag: slug, sim, workflow });
			return attempt > 1 ? `${verdict} (run ${attempt} times: the newest recording was still being produced)` : verdict;
		});
		const saved = await rest.call('POST', '/rest/workflows', withCredentials(workflow, credentials));
		asImported.push({ slug, id: saved.id });
	}
	return asImported;
}
