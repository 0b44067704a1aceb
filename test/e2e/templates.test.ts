/**
 * The recording-to-Slack templates of examples/ as files (the e2e run imports and runs them in a
 * real n8n: `node test/e2e/run-e2e.mjs`), the stand-in for their Slack nodes, the Slack-shaped
 * sink that receives what they post, and the PII in the simulator's transcripts that the e2e
 * checks is gone from every message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from '../simulator/index.mjs';
import { CALL_TURNS, CHAT_SCRIPTS, TRANSCRIPT_PII, VOICEMAIL_TEXT } from '../simulator/vendors/conversations.mjs';
import { startSlackSink, type SlackSink } from './slackSink.mjs';
import { assertNoTranscriptPii, loadTemplates, slackNodesToSink, triggerOf, type TemplateWorkflow } from './templates.mjs';
import { PACKAGES } from './workflows/build.mjs';

const SLACK = 'n8n-nodes-base.slack';
const OURS = Object.values(PACKAGES);
const TRANSCRIPT_OPERATIONS = new Set(['getTranscript', 'getStructuredText', 'getPlainText']);

let templates: Array<{ slug: string; workflow: TemplateWorkflow }>;
let sim: Simulator;
let sink: SlackSink;
beforeAll(async () => {
	templates = await loadTemplates();
	// The seed the demo uses (startSimulator's default), whose ids the templates carry as examples.
	sim = await startSimulator({});
	sink = await startSlackSink();
});
afterAll(async () => {
	await sim?.close();
	await sink?.close();
});

describe('templates in examples/', () => {
	it('has one template per vendor', () => {
		const vendorsUsed = templates.map(({ workflow }) =>
			OURS.filter((pkg) => workflow.nodes.some((n) => n.type.startsWith(`${pkg}.`))),
		);
		expect(vendorsUsed.flat().sort()).toEqual([...OURS].sort());
	});

	it('starts each at one trigger and posts with n8n\'s Slack node and a credential placeholder', () => {
		for (const { slug, workflow } of templates) {
			expect(triggerOf(workflow).type, slug).toMatch(/Trigger$|\.manualTrigger$/);
			const slack = workflow.nodes.filter((n) => n.type === SLACK);
			expect(slack.length, slug).toBeGreaterThan(0);
			for (const node of slack) expect(node.credentials, slug).toEqual({ slackApi: { id: null, name: 'Slack account' } });
		}
	});

	it('redacts every transcript a template posts and formats it for Slack', () => {
		const steps = templates.flatMap(({ workflow }) =>
			workflow.nodes.filter((n) => TRANSCRIPT_OPERATIONS.has(String(n.parameters.operation))),
		);
		expect(steps.length).toBeGreaterThan(0);
		for (const node of steps) expect(node.parameters.options, node.name).toMatchObject({ redact: true, textFormat: 'slack' });
	});

	it("carries ids the demo's simulator knows, so a template runs as imported there", () => {
		const ameyo = templates.find((t) => t.slug === 'ameyo-voice-logs-to-slack')!.workflow;
		const listed = JSON.parse(String(ameyo.nodes.find((n) => n.name === 'Calls of the Campaign')!.parameters.jsonOutput)) as {
			calls: Array<{ campaignId: string; crtObjectId: string; callId: string }>;
		};
		const recordings = sim.catalog.ameyo.recordings.map((r) => ({ campaignId: r.campaignId, crtObjectId: r.crtObjectId, callId: r.callId }));
		for (const call of listed.calls) expect(recordings).toContainEqual(call);
		const genesys = templates.find((t) => t.slug === 'genesys-chats-to-slack')!.workflow;
		const customerId = genesys.nodes.find((n) => n.name === 'Interactions of the Customer')!.parameters.customerId;
		expect(sim.catalog.genesys.customers.map((c) => c.customerId)).toContain(customerId);
	});
});

describe('the e2e stand-in for the Slack node', () => {
	it('replaces the Slack nodes only, keeping their names and places', () => {
		for (const { slug, workflow } of templates) {
			const swapped = slackNodesToSink(workflow, sink, slug);
			expect(swapped.connections).toEqual(workflow.connections);
			workflow.nodes.forEach((node, i) => {
				const after = swapped.nodes[i];
				if (node.type !== SLACK) return expect(after).toEqual(node);
				expect(after).toMatchObject({ name: node.name, position: node.position, type: 'n8n-nodes-base.httpRequest' });
				expect(after.credentials).toBeUndefined();
				expect(String(after.parameters.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/(services|files)\//);
			});
		}
	});

	it('refuses a Slack operation it cannot stand in for', () => {
		const [{ workflow }] = templates;
		const odd = {
			...workflow,
			nodes: workflow.nodes.map((n) => (n.type === SLACK ? { ...n, parameters: { resource: 'channel', operation: 'archive' } } : n)),
		};
		expect(() => slackNodesToSink(odd, sink, 'x')).toThrow(/cannot stand in for Slack channel → archive/);
	});
});

describe('the Slack-shaped sink', () => {
	it('keeps an uploaded file byte for byte, with its form fields and the path it came to', async () => {
		// Bytes that look like a multipart delimiter must not end the file early.
		const audio = Buffer.concat([Buffer.from('RIFF\r\n--boundary\r\n'), Buffer.alloc(70_000, 7)]);
		const form = new FormData();
		form.append('file', new Blob([audio], { type: 'audio/wav' }), 'call.wav');
		form.append('initial_comment', 'New call *1*');
		const res = await fetch(sink.filesUrl('upload-check'), { method: 'POST', body: form });
		expect(res.status).toBe(200);
		const upload = sink.files.find((f) => f.path === '/files/upload-check')!;
		const { createHash } = await import('node:crypto');
		expect(upload.file).toEqual({
			field: 'file',
			filename: 'call.wav',
			contentType: 'audio/wav',
			bytes: audio.length,
			sha256: createHash('sha256').update(audio).digest('hex'),
		});
		expect(upload.fields).toEqual({ initial_comment: 'New call *1*' });
	});

	it('refuses an upload without a file', async () => {
		const form = new FormData();
		form.append('initial_comment', 'no file');
		const res = await fetch(sink.filesUrl('no-file'), { method: 'POST', body: form });
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ ok: false, error: 'no_file_data' });
	});
});

describe("PII in the simulator's transcripts", () => {
	const everything = [...CALL_TURNS.map(([, , , words]) => words), ...CHAT_SCRIPTS.flat().map(([, , text]) => text), VOICEMAIL_TEXT].join('\n');

	it('holds every card number, e-mail address and phone number the e2e looks for', () => {
		for (const value of [...TRANSCRIPT_PII.cards, ...TRANSCRIPT_PII.emails, ...TRANSCRIPT_PII.phones]) expect(everything).toContain(value);
	});

	it('fails the redaction check on each of them, written with dashes or without spaces too', () => {
		for (const card of TRANSCRIPT_PII.cards) {
			expect(() => assertNoTranscriptPii(`card ${card.replace(/ /g, '-')}`, 'm')).toThrow(/card number/);
			expect(() => assertNoTranscriptPii(`card ${card.replace(/ /g, '')}`, 'm')).toThrow(/card number/);
		}
		for (const phone of TRANSCRIPT_PII.phones) expect(() => assertNoTranscriptPii(`call ${phone}`, 'm')).toThrow(/phone number/);
		for (const email of TRANSCRIPT_PII.emails) expect(() => assertNoTranscriptPii(`mail ${email.toUpperCase()}`, 'm')).toThrow(/e-mail/);
	});

	it('passes a message whose numbers are tokens, dates, times and ids', () => {
		expect(() =>
			assertNoTranscriptPii('*Call 35de59e5-dc93-437b-b10c-912ce4b405b7* (2026-12-01T14:00:12Z)\nMy card [CARD], mail [EMAIL], phone [PHONE], order 4471', 'm'),
		).not.toThrow();
	});
});
