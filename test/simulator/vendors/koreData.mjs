/**
 * Kore.ai SmartAssist data: call-detail sessions over the 30 days before `now`, each with what its
 * recording endpoints answer. Besides the seeded sessions, any session id ending in one of these
 * suffixes behaves as named (handy for tests; counters are per session id, per run):
 *   -polls<N>     N answers that are not ready (call_in_progress …, then media_in_progress), then success
 *   -multi<N>     success with N files (2–5)
 *   -unavailable  media_unavailable        -failed   failed
 *   -voicemail1   a voicemail listed under "voicemail recording" (the docs' example spelling)
 *   -voicemail2   a voicemail listed under "voicemail_recording" (the docs' table spelling)
 * Unknown session ids answer media_unavailable (no recording on the server).
 */
import { createHash } from 'node:crypto';

import { createRandom, stableSecret } from '../random.mjs';
import { AGENTS, CUSTOMERS, VOICEMAIL_TEXT } from './conversations.mjs';

const DAY = 86_400_000;
const SESSIONS = 30;
const MAX_POLLS = 20;
const MAX_FILES = 5;

const wall = (ms) => new Date(ms).toISOString().slice(0, 19); // Kore's "2025-09-30T11:40:31" (UTC here)

/** What a session's recordings look like, from its id suffix (see above) or its seeded plan. */
export function planFromSessionId(sessionId) {
	let m = /-polls(\d+)$/.exec(sessionId);
	if (m) return { kind: 'progress', polls: Math.min(MAX_POLLS, Number(m[1])), files: 1 };
	m = /-multi(\d+)$/.exec(sessionId);
	if (m) return { kind: 'success', files: Math.max(2, Math.min(MAX_FILES, Number(m[1]))) };
	if (sessionId.endsWith('-unavailable')) return { kind: 'media_unavailable' };
	if (sessionId.endsWith('-failed')) return { kind: 'failed' };
	if (sessionId.endsWith('-voicemail1')) return { kind: 'voicemail', voicemailKey: 'voicemail recording' };
	if (sessionId.endsWith('-voicemail2')) return { kind: 'voicemail', voicemailKey: 'voicemail_recording' };
	return undefined;
}

/** Stable per-file ids, so a session's file URLs keep their paths across calls. */
export function fileId(sessionId, index) {
	const h = createHash('sha256').update(`${sessionId}#${index}`).digest('hex');
	return `f-${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function fileStem(sessionId) {
	return createHash('md5').update(sessionId).digest('hex');
}

export function buildKoreData({ seed, now }) {
	const random = createRandom(seed, 'kore');
	const credentials = {
		clientId: `cs-${random.uuid()}`,
		clientSecret: stableSecret(seed, 'kore-client-secret', 44),
		accountId: random.hex(24),
		botId: `st-${random.uuid()}`,
	};
	const orgId = `o-${random.uuid()}`;
	const sessions = [];
	for (let i = 0; i < SESSIONS; i++) {
		const newest = i === SESSIONS - 1;
		const ongoing = i === SESSIONS - 2;
		let startMs = now - 30 * DAY + Math.floor(((i + random.next() * 0.7) / SESSIONS) * 30 * DAY);
		// The two newest voice calls: one ended two minutes ago (media still being generated), one
		// still going on (call_in_progress for a while).
		if (newest) startMs = now - 5 * 60_000;
		if (ongoing) startMs = now - 3 * 60_000;
		startMs = Math.floor(startMs / 1000) * 1000; // whole seconds, as sessionStartTime shows them
		const voice = newest || ongoing || random.chance(0.8);
		const durationS = newest ? 180 : random.int(40, 420);
		const sessionId = random.hex(24);
		let plan;
		if (!voice) plan = { kind: 'media_unavailable' };
		else if (newest) plan = { kind: 'progress', polls: 1, files: 1 };
		else if (ongoing) plan = { kind: 'progress', polls: 4, files: 1 };
		else if (i % 9 === 4) plan = { kind: 'voicemail', voicemailKey: i % 2 ? 'voicemail recording' : 'voicemail_recording' };
		else if (i === 7) plan = { kind: 'media_unavailable' };
		else if (i === 11) plan = { kind: 'failed' };
		else if (i % 5 === 2) plan = { kind: 'success', files: 2 };
		else plan = { kind: 'success', files: 1 };
		const agent = random.pick(AGENTS);
		const userId = `u-${random.uuid()}`;
		const record = voice
			? {
					conversationId: `c-${random.uuid()}`,
					sessionId,
					channel: 'Voice',
					isVoicemail: plan.kind === 'voicemail' ? 'YES' : 'NO',
					Direction: random.chance(0.8) ? 'Inbound' : 'Outbound',
					finalStatus: ongoing ? 'ACTIVE' : 'CLOSED',
					smartStatus: ongoing ? 'ACTIVE' : 'CLOSED',
					disconnectingEvent: ongoing ? '' : random.pick(['Agent Hangup', 'Customer Hangup', 'Bot Hangup']),
					botId: credentials.botId,
					metaInfo: { caller: `+1321${random.digits(7)}`, callee: `+1334${random.digits(7)}`, userId, dialedNumber: '+13345550100' },
					sessionStartTime: wall(startMs),
					...(ongoing ? {} : { sessionEndTime: wall(startMs + durationS * 1000) }),
					userId,
					destinations:
						plan.kind === 'voicemail'
							? []
							: [
									{
										destinationType: 'QueueEntry',
										queueName: 'Default Queue',
										EnterTime: wall(startMs + 11_000),
										respondingAgent: { agentId: `u-${agent.id}`, name: agent.name, status: 'Answered' },
									},
								],
				}
			: {
					sessionId,
					channel: 'Web/Mobile Client',
					sessionStartTime: wall(startMs),
					sessionEndTime: wall(startMs + durationS * 1000),
					botId: credentials.botId,
					userId,
					channelSpecificUserId: `${random.pick(CUSTOMERS).toLowerCase().replace(' ', '.')}@example.com`,
					finalStatus: 'BotResolved',
					smartStatus: 'CLOSED AT BOT',
				};
		sessions.push({ sessionId, startMs, plan, record, userId });
	}
	sessions.sort((a, b) => a.startMs - b.startMs);
	return {
		credentials,
		orgId,
		sessions,
		bySessionId: new Map(sessions.map((s) => [s.sessionId, s])),
		voicemailText: VOICEMAIL_TEXT,
	};
}
