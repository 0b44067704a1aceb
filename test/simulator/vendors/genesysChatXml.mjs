/**
 * Genesys eServices chat transcripts (UCS `structured_text`, mime text/xml) in the format
 * Genesys Chat Server writes: <chatTranscript startAt sessionId> with <newParty> (userInfo:
 * userNick, userType CLIENT|AGENT|EXTERNAL), <message><msgText>, <notice><noticeText> and
 * <partyLeft><reason>, each with userId, timeShift (seconds from startAt), visibility, eventId.
 * Modelled on transcripts seen in public Genesys integration code (see the simulator report).
 */
const esc = (text) =>
	String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

/**
 * @param script [speaker 'customer'|'agent', seconds, text][]
 * @param parties { customer: { userId, nick }, agent: { userId, nick, personId }, system: { userId } }
 */
export function chatTranscriptXml({ startAt, sessionId, script, parties, udata }) {
	const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<chatTranscript startAt="${esc(startAt)}" sessionId="${esc(sessionId)}">`];
	let eventId = 1;
	const attrs = (userId, shift) => `userId="${esc(userId)}" timeShift="${shift}" visibility="ALL" eventId="${eventId++}"`;
	const { customer, agent, system } = parties;
	lines.push(`<newParty ${attrs(customer.userId, 0)}>`);
	lines.push(`<userInfo personId="" userNick="${esc(customer.nick)}" userType="CLIENT" protocolType="FLEX" timeZoneOffset="0"/>`);
	lines.push('<userData>');
	for (const [key, value] of Object.entries(udata)) lines.push(`<item key="${esc(key)}" type="string">${esc(value)}</item>`);
	lines.push('</userData>', '</newParty>');
	lines.push(`<newParty ${attrs(system.userId, 1)}>`);
	lines.push('<userInfo personId="" userNick="system" userType="EXTERNAL" protocolType="ESP" timeZoneOffset="0"/>', '</newParty>');
	lines.push(`<notice ${attrs(system.userId, 1)}>`, `<noticeText noticeType="USER_CUSTOM">InteractionId=${esc(sessionId)}</noticeText>`, '</notice>');
	let agentJoined = false;
	let last = 1;
	for (const [speaker, seconds, text] of script) {
		const shift = Math.max(last, seconds);
		last = shift;
		if (speaker === 'agent' && !agentJoined) {
			agentJoined = true;
			lines.push(`<newParty ${attrs(agent.userId, shift)}>`);
			lines.push(
				`<userInfo personId="${esc(agent.personId)}" userNick="${esc(agent.nick)}" userType="AGENT" protocolType="BASIC" timeZoneOffset="0"/>`,
				'</newParty>',
			);
		}
		const userId = speaker === 'agent' ? agent.userId : customer.userId;
		lines.push(`<message ${attrs(userId, shift)}>`, `<msgText>${esc(text)}</msgText>`, '</message>');
	}
	lines.push(`<partyLeft ${attrs(customer.userId, last + 4)} askerId="${esc(customer.userId)}">`, '<reason code="1">left with request to close if no agents</reason>', '</partyLeft>');
	if (agentJoined) {
		lines.push(`<partyLeft ${attrs(agent.userId, last + 5)} askerId="${esc(customer.userId)}">`, '<reason code="4">removed by other party</reason>', '</partyLeft>');
	}
	lines.push('</chatTranscript>');
	return `${lines.join('\n')}\n`;
}

/** The same chat as UCS `plain_text`: one "Nick: text" line per message. */
export function chatPlainText({ script, parties }) {
	return `${script.map(([speaker, , text]) => `${speaker === 'agent' ? parties.agent.nick : parties.customer.nick}: ${text}`).join('\n')}\n`;
}
