import { transcriptText, type Speaker, type Transcript, type TranscriptSegment } from '../../shared/transcripts/model';
import { addSeconds, toIsoDate } from './dates';
import { childElements, parseXml, textContent, textNodes, type XmlElement } from './xmlParser';
import { GENESYS } from '../vendor';

/**
 * Genesys structured text → the shared transcript shape. The chat transcript format is the one
 * Chat Server stores in UCS:
 *
 *   <chatTranscript startAt="2018-08-31T03:14:46Z" sessionId="…">
 *     <newParty userId="…" timeShift="0" visibility="ALL" eventId="1">
 *       <userInfo personId="" userNick="Jane" userType="CLIENT" …/>
 *       <userData><item key="GCTI_LanguageCode">en-NZ</item>…</userData>
 *     </newParty>
 *     <message userId="…" timeShift="22" visibility="ALL" eventId="8"><msgText>hi</msgText></message>
 *     <notice …><noticeText noticeType="USER_CUSTOM">…</noticeText></notice>
 *     <partyLeft userId="…" timeShift="299" …><reason code="4">removed by other party</reason></partyLeft>
 *   </chatTranscript>
 *
 * timeShift is seconds after startAt. Any other document keeps its text and its raw original.
 */

export interface ChatParty {
	userId: string;
	name?: string;
	personId?: string;
	userType?: string;
	speaker: Speaker;
	joinedAt?: number | string;
	leftAt?: number | string;
	leftReason?: string;
}

export interface GenesysSegment extends TranscriptSegment {
	userId?: string;
	eventId?: number;
	/** Only when not ALL, e.g. INT for messages agents see but the customer does not. */
	visibility?: string;
	/** notice for system notices (only with Include Notices). */
	kind?: 'notice';
}

export interface GenesysTranscript extends Transcript<GenesysSegment> {
	/** chatTranscript, or the root element name of a document this node cannot read as turns. */
	format: string;
	parties: ChatParty[];
	startedAt?: string;
	sessionId?: string;
	raw?: string;
}

export interface StructuredTextInput {
	interactionId: string;
	text: string;
	includeRaw: boolean;
	includeNotices: boolean;
}

function attribute(element: XmlElement, name: string): string | undefined {
	const value = element.attributes[name];
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/** The value of the first <item key="…"> among `keys`, anywhere under `element` (iterative). */
function itemValue(element: XmlElement, keys: string[]): string | undefined {
	const pending: XmlElement[] = [element];
	while (pending.length > 0) {
		const current = pending.pop() as XmlElement;
		if (current.name === 'item' && keys.includes(current.attributes.key ?? '')) {
			const value = textContent(current).trim();
			if (value !== '') return value;
		}
		for (const child of childElements(current)) pending.push(child);
	}
	return undefined;
}

/** userType from userInfo; a party styled BOT (GCTI_Chat_PartyStyle) is a bot whatever its type. */
export function speakerForParty(userType: string | undefined, style: string | undefined): Speaker {
	if (style?.toUpperCase() === 'BOT') return 'bot';
	switch (userType?.toUpperCase()) {
		case 'CLIENT':
			return 'customer';
		case 'AGENT':
		case 'SUPERVISOR':
			return 'agent';
		case 'EXTERNAL':
			// ESP parties: routing strategies and integrations posting system messages.
			return 'system';
		default:
			return 'unknown';
	}
}

function eventTime(startedAt: string | undefined, element: XmlElement): number | string | undefined {
	const shift = attribute(element, 'timeShift');
	if (shift === undefined || !/^-?\d{1,9}$/.test(shift)) return undefined;
	return startedAt ? addSeconds(startedAt, Number(shift)) : Number(shift);
}

function eventId(element: XmlElement): number | undefined {
	const id = attribute(element, 'eventId');
	return id !== undefined && /^\d{1,15}$/.test(id) ? Number(id) : undefined;
}

function ownText(element: XmlElement, childName: string): string {
	const [first] = childElements(element, childName);
	return (first ? textContent(first) : textContent(element)).trim();
}

function readChatTranscript(root: XmlElement, input: StructuredTextInput): GenesysTranscript {
	const startedAt = toIsoDate(attribute(root, 'startAt'));
	const parties = new Map<string, ChatParty>();
	const segments: GenesysSegment[] = [];
	let language: string | undefined;

	const partyOf = (userId: string | undefined): ChatParty | undefined =>
		userId === undefined ? undefined : parties.get(userId);

	for (const event of childElements(root)) {
		const userId = attribute(event, 'userId');
		const at = eventTime(startedAt, event);
		switch (event.name) {
			case 'newParty': {
				if (userId === undefined) break;
				const [info] = childElements(event, 'userInfo');
				const userType = info ? attribute(info, 'userType') : undefined;
				const style = itemValue(event, ['GCTI_Chat_PartyStyle', 'style']);
				const party: ChatParty = { userId, speaker: speakerForParty(userType, style) };
				const name = info ? attribute(info, 'userNick') : undefined;
				const personId = info ? attribute(info, 'personId') : undefined;
				if (name !== undefined) party.name = name;
				if (personId !== undefined) party.personId = personId;
				if (userType !== undefined) party.userType = userType;
				if (at !== undefined) party.joinedAt = at;
				parties.set(userId, party);
				if (language === undefined && party.speaker === 'customer') {
					language = itemValue(event, ['GCTI_LanguageCode']);
				}
				break;
			}
			case 'message':
			case 'notice': {
				const isNotice = event.name === 'notice';
				if (isNotice && !input.includeNotices) break;
				const text = ownText(event, isNotice ? 'noticeText' : 'msgText');
				if (text === '') break;
				const party = partyOf(userId);
				const segment: GenesysSegment = { speaker: isNotice ? 'system' : (party?.speaker ?? 'unknown'), text };
				if (party?.name !== undefined) segment.speakerName = party.name;
				if (at !== undefined) segment.start = at;
				if (userId !== undefined) segment.userId = userId;
				const id = eventId(event);
				if (id !== undefined) segment.eventId = id;
				const visibility = attribute(event, 'visibility');
				if (visibility !== undefined && visibility.toUpperCase() !== 'ALL') segment.visibility = visibility;
				if (isNotice) segment.kind = 'notice';
				segments.push(segment);
				break;
			}
			case 'partyLeft': {
				const party = partyOf(userId);
				if (!party) break;
				if (at !== undefined) party.leftAt = at;
				const reason = ownText(event, 'reason');
				if (reason !== '') party.leftReason = reason;
				break;
			}
			default:
				break;
		}
	}

	const transcript: GenesysTranscript = {
		vendor: GENESYS.id,
		interactionId: input.interactionId,
		channel: 'chat',
		text: transcriptText(segments),
		segments,
		format: 'chatTranscript',
		parties: [...parties.values()],
	};
	if (language !== undefined) transcript.language = language;
	if (startedAt !== undefined) transcript.startedAt = startedAt;
	const sessionId = attribute(root, 'sessionId');
	if (sessionId !== undefined) transcript.sessionId = sessionId;
	if (input.includeRaw) transcript.raw = input.text;
	return transcript;
}

/** Best honest reading of a document that is not a chat transcript: its text, and the original. */
function readUnknownDocument(root: XmlElement, input: StructuredTextInput): GenesysTranscript {
	const text = textNodes(root)
		.join('\n')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.join('\n');
	return {
		vendor: GENESYS.id,
		interactionId: input.interactionId,
		channel: 'unknown',
		text,
		segments: [],
		format: root.name,
		parties: [],
		raw: input.text,
	};
}

/** Parses structured text (XML). Throws XmlParseError when it is not well-formed. */
export function transcriptFromStructuredText(input: StructuredTextInput): GenesysTranscript {
	const root = parseXml(input.text);
	return root.name === 'chatTranscript' ? readChatTranscript(root, input) : readUnknownDocument(root, input);
}
