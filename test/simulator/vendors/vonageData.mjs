/**
 * Vonage Contact Center data: `count` interactions spread over the 30 days before `now` — calls
 * (WAV recording, transcript JSON, sometimes a categorization result and a screen recording),
 * chats (chatTranscript JSON) and voicemails (content by id) — plus Conversation Analyzer results
 * for the calls. The JSON layouts of transcript/chatTranscript/categorizationResult are not
 * documented anywhere public: these are plausible shapes, and clients must parse defensively.
 */
import { describeFile, documentFile } from '../media.mjs';
import { createRandom } from '../random.mjs';
import { AGENTS, CALL_SECONDS, CALL_TURNS, CHAT_SCRIPTS, CUSTOMERS, analyzerTranscript } from './conversations.mjs';

const DAY = 86_400_000;
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function phone(random, prefix) {
	return `${prefix}${random.digits(7)}`;
}

function callTranscript(guid, agent) {
	return {
		interactionGuid: guid,
		language: 'en-US',
		durationSeconds: CALL_SECONDS,
		channels: [
			{ channel: 1, participant: 'agent', agentId: agent.id },
			{ channel: 2, participant: 'customer' },
		],
		utterances: CALL_TURNS.map(([speaker, start, end, text], i) => ({
			channel: speaker === 'agent' ? 1 : 2,
			participant: speaker,
			startOffset: start,
			endOffset: end,
			text,
			confidence: Number((0.82 + ((i * 7) % 17) / 100).toFixed(2)),
		})),
	};
}

function chatTranscript(guid, startMs, agent, customer, script) {
	const visitorId = `visitor-${guid.slice(0, 8)}`;
	return {
		interactionGuid: guid,
		channel: 'chat',
		startTime: iso(startMs),
		participants: [
			{ id: agent.id, type: 'agent', name: agent.name },
			{ id: visitorId, type: 'customer', name: customer },
		],
		messages: script.map(([speaker, seconds, text]) => ({
			timestamp: iso(startMs + seconds * 1000),
			participantId: speaker === 'agent' ? agent.id : visitorId,
			participantType: speaker,
			text,
		})),
	};
}

const CATEGORIES = [
	{ category: 'Politeness', categories: [{ name: 'Greeting', matches: '1' }, { name: 'Thanks', matches: '2' }] },
	{ category: 'Delivery', categories: [{ name: 'Late parcel', matches: '1' }, { name: 'Warehouse', matches: '1' }] },
	{ category: 'Resolution', categories: [{ name: 'Resolved on first contact', matches: '1' }] },
];

function callTimeBreakDown() {
	let agent = 0;
	let customer = 0;
	for (const [speaker, start, end] of CALL_TURNS) {
		if (speaker === 'agent') agent += end - start;
		else customer += end - start;
	}
	agent = Math.round(agent);
	customer = Math.round(customer);
	return { agent, customer, silence: Math.max(0, Math.round(CALL_SECONDS) - agent - customer), crossTalk: 0 };
}

function sentimentSummary(random) {
	const spans = Math.ceil(CALL_SECONDS / 10);
	const weights = [random.int(0, 10), random.int(0, 20), random.int(20, 40), random.int(20, 40), random.int(5, 30)];
	const total = weights.reduce((a, b) => a + b, 0);
	const pct = weights.map((w) => Math.round((w * 100) / total));
	pct[2] += 100 - pct.reduce((a, b) => a + b, 0);
	return {
		overallSentiment: Number((random.next() * 0.9 - 0.3).toFixed(2)),
		categories: { veryNegative: pct[0], negative: pct[1], neutral: pct[2], positive: pct[3], veryPositive: pct[4] },
		distributionOverTime: Array.from({ length: spans }, (_, i) => ({
			score: Number((random.next() * 1.6 - 0.6).toFixed(2)),
			span: { start: i * 10, end: (i + 1) * 10 },
		})),
	};
}

function contentEntry(key, type, file, lastModified, extra = {}) {
	return { key, type, file, listing: { contentKey: key, type, contentType: file.contentType, contentLength: file.bytes, lastModified, ...extra } };
}

/**
 * @returns { interactions: [{ guid, startMs, channel, listing, contents: Map(lowerKey → {file}) }],
 *            analysis: Map(guid → analyzer item without transcript), catalog }
 */
export function buildVonageData({ seed, now, count, media }) {
	const random = createRandom(seed, 'vonage');
	const interactions = [];
	const span = 30 * DAY;
	for (let i = 0; i < count; i++) {
		// Whole seconds, as `start` shows them, so a window boundary at a listed start is exact.
		const startMs = Math.floor((now - span + ((i + random.next() * 0.8) / count) * (span - 10 * 60_000)) / 1000) * 1000;
		const roll = random.next();
		const channel = roll < 0.65 ? 'call' : roll < 0.85 ? 'chat' : 'voicemail';
		const guid = random.uuid();
		const agent = random.pick(AGENTS);
		const customer = random.pick(CUSTOMERS);
		const direction = channel === 'call' && random.chance(0.3) ? 'outbound' : 'inbound';
		const customerNumber = phone(random, random.pick(['+1415', '+4420', '+3314']));
		const ddi = random.pick(['22222', '+441632960123', '+18005550199']);
		const lastModified = iso(startMs + (channel === 'chat' ? 180 : CALL_SECONDS + 240) * 1000);
		const contents = [];
		if (channel === 'call') {
			contents.push(contentEntry('callRecording', 'callRecording', media.callWav, lastModified, { properties: {} }));
			contents.push(contentEntry('transcript', 'transcript', documentFile(JSON.stringify(callTranscript(guid, agent), null, 2), 'application/json'), lastModified));
			if (random.chance(0.5)) {
				const result = { interactionGuid: guid, categories: CATEGORIES.slice(0, random.int(1, 3)) };
				contents.push(contentEntry('categorizationResult', 'categorizationResult', documentFile(JSON.stringify(result), 'application/json'), lastModified));
			}
			if (random.chance(0.25)) {
				contents.push(contentEntry(random.uuid(), 'screenRecording', media.screenWebm, lastModified, { owningAgent: { id: agent.id } }));
			}
		} else if (channel === 'chat') {
			const script = CHAT_SCRIPTS[random.int(0, CHAT_SCRIPTS.length - 1)];
			const transcript = chatTranscript(guid, startMs, agent, customer, script);
			contents.push(contentEntry('chatTranscript', 'chatTranscript', documentFile(JSON.stringify(transcript, null, 2), 'application/json'), lastModified));
		} else {
			// Older voicemails are keyed "voicemail-<agent id>", newer ones by a content id (documented).
			const key = random.chance(0.3) ? `voicemail-${agent.id}` : random.uuid();
			contents.push(contentEntry(key, 'voicemail', media.voicemailWav, lastModified, { owningAgent: { id: agent.id } }));
		}
		const listing = {
			guid,
			start: iso(startMs),
			connectFrom: direction === 'inbound' ? customerNumber : ddi,
			connectTo: direction === 'inbound' ? ddi : customerNumber,
			direction,
			handlingAgents: channel === 'voicemail' ? [] : [{ id: agent.id }],
			content: contents.map((c) => c.listing),
		};
		interactions.push({
			guid,
			startMs,
			channel,
			agent,
			listing,
			contents: new Map(contents.map((c) => [c.key.toLowerCase(), c])),
		});
	}
	interactions.sort((a, b) => a.startMs - b.startMs || a.guid.localeCompare(b.guid));

	// Analyzer: every call; the newest two still processing and the third newest failed (analysis
	// runs after the call ends), everything older processed.
	const calls = interactions.filter((x) => x.channel === 'call');
	const analysis = new Map();
	calls.forEach((call, index) => {
		const fromEnd = calls.length - index;
		const status = fromEnd <= 2 ? 'processing' : fromEnd === 3 ? 'failed' : 'processed';
		const done = status === 'processed';
		analysis.set(call.guid, {
			guid: call.guid,
			language: 'en-US',
			status,
			confidence: done ? random.pick(['Low', 'Medium', 'High']) : null,
			categories: done ? CATEGORIES.slice(0, random.int(1, 3)) : [],
			callTimeBreakDown: done ? callTimeBreakDown() : null,
			transcript: done ? analyzerTranscript() : null,
			sentimentSummary: done ? sentimentSummary(random) : null,
		});
	});

	const catalog = {
		interactions: interactions.map((x) => ({
			guid: x.guid,
			start: x.listing.start,
			channel: x.channel,
			direction: x.listing.direction,
			handlingAgentId: x.listing.handlingAgents[0]?.id ?? null,
			content: [...x.contents.values()].map((c) => ({ contentKey: c.key, type: c.type, ...describeFile(c.file) })),
		})),
		analysis: [...analysis.values()].map((a) => ({ guid: a.guid, status: a.status })),
	};
	return { interactions, analysis, catalog };
}
