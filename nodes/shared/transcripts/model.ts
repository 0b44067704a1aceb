import type { GenericValue, IDataObject } from 'n8n-workflow';

/**
 * The one transcript shape every vendor's transcript is turned into, so a workflow can switch
 * vendor without rewiring. A vendor may add fields (and richer segments), never rename these.
 */

export type Speaker = 'agent' | 'customer' | 'bot' | 'system' | 'unknown';
export type Channel = 'voice' | 'chat' | 'email' | 'sms' | 'voicemail' | 'unknown';

export interface TranscriptSegment {
	speaker: Speaker;
	speakerName?: string;
	/** Seconds from the start of the interaction, or an ISO time when the vendor gives clock times. */
	start?: number | string;
	end?: number | string;
	text: string;
}

export interface Transcript<Segment extends TranscriptSegment = TranscriptSegment> {
	vendor: string;
	interactionId: string;
	language?: string;
	channel: Channel;
	text: string;
	segments: Segment[];
	raw?: unknown;
}

const SPEAKER_WORDS: Array<[RegExp, Speaker]> = [
	[/^(agent|rep|representative|operator|advisor|employee|user ?agent|human ?agent)/i, 'agent'],
	[/^(customer|caller|client|visitor|contact|end ?user|consumer|external|guest)/i, 'customer'],
	[/^(bot|virtual ?assistant|va|ivr|assistant|ai)\b/i, 'bot'],
	[/^(system|sys|automated|server)/i, 'system'],
];

/** Maps a vendor's role/speaker label to the shared roles; unknown labels stay 'unknown'. */
export function speakerRole(label: unknown): Speaker {
	if (typeof label !== 'string' && typeof label !== 'number') return 'unknown';
	const text = String(label).trim();
	for (const [pattern, role] of SPEAKER_WORDS) if (pattern.test(text)) return role;
	return 'unknown';
}

function firstString(obj: IDataObject, keys: string[]): string | undefined {
	for (const key of keys) {
		const value = obj[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number') return String(value);
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			const inner = firstString(value as IDataObject, ['name', 'displayName', 'role', 'type', 'id']);
			if (inner) return inner;
		}
	}
	return undefined;
}

function firstTime(obj: IDataObject, keys: string[]): number | string | undefined {
	for (const key of keys) {
		const value = obj[key];
		if (typeof value === 'number' && Number.isFinite(value)) return value;
		if (typeof value === 'string' && value.trim() !== '') {
			const n = Number(value);
			return Number.isFinite(n) ? n : value.trim();
		}
	}
	return undefined;
}

const TEXT_KEYS = ['text', 'transcript', 'utterance', 'message', 'content', 'body', 'words', 'sentence', 'value'];
const ROLE_KEYS = ['role', 'speakerRole', 'participantType', 'party', 'speakerType', 'channel', 'from', 'type', 'speaker', 'participant', 'author', 'sender'];
const NAME_KEYS = ['speakerName', 'name', 'displayName', 'nickName', 'participantName', 'authorName', 'senderName', 'speaker', 'from'];
const START_KEYS = ['start', 'startTime', 'start_time', 'offset', 'startOffset', 'begin', 'timestamp', 'time', 'sentAt', 'createdAt'];
const END_KEYS = ['end', 'endTime', 'end_time', 'endOffset', 'stop'];

/** The first role field that names a role: a `channel: 1` beside `participant: 'agent'` names none. */
function roleOf(obj: IDataObject): Speaker {
	for (const key of ROLE_KEYS) {
		const role = speakerRole(firstString(obj, [key]));
		if (role !== 'unknown') return role;
	}
	return 'unknown';
}

/** Turns one vendor entry (of unknown layout) into a segment, or undefined when it has no text. */
export function segmentFromEntry(entry: unknown): TranscriptSegment | undefined {
	if (typeof entry === 'string') return segmentFromLine(entry);
	if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
	const obj = entry as IDataObject;
	let text = firstString(obj, TEXT_KEYS);
	if (!text && Array.isArray(obj.words)) {
		text = (obj.words as unknown[])
			.map((w) => (typeof w === 'string' ? w : firstString((w ?? {}) as IDataObject, ['word', 'text'])))
			.filter(Boolean)
			.join(' ');
	}
	if (!text) return undefined;
	let speaker = roleOf(obj);
	const name = firstString(obj, NAME_KEYS);
	if (speaker === 'unknown') speaker = speakerRole(name);
	const segment: TranscriptSegment = { speaker, text };
	if (name && speakerRole(name) !== speaker) segment.speakerName = name;
	else if (name && !/^(agent|customer|caller|bot|system)$/i.test(name)) segment.speakerName = name;
	const start = firstTime(obj, START_KEYS);
	const end = firstTime(obj, END_KEYS);
	if (start !== undefined) segment.start = start;
	if (end !== undefined) segment.end = end;
	return segment;
}

/** A "Speaker: words" line: the label, then the words. */
export const SPEAKER_LINE = /^([A-Za-z][\w .'-]{0,40}?)\s*:\s+(.+)$/;

/** "Agent: hello" → agent/"hello"; a line without a label is an 'unknown' turn. */
export function segmentFromLine(line: string): TranscriptSegment | undefined {
	const text = line.trim();
	if (text === '') return undefined;
	const labelled = SPEAKER_LINE.exec(text);
	if (labelled) {
		const role = speakerRole(labelled[1]);
		const segment: TranscriptSegment = { speaker: role, text: labelled[2].trim() };
		if (role === 'unknown' || !/^(agent|customer|caller|bot|system)$/i.test(labelled[1].trim())) {
			segment.speakerName = labelled[1].trim();
		}
		return segment;
	}
	return { speaker: 'unknown', text };
}

const LIST_KEYS = ['segments', 'transcript', 'transcripts', 'utterances', 'messages', 'turns', 'items', 'results', 'entries', 'conversation', 'lines', 'phrases', 'sentences', 'data'];

/** Finds the list of turns in a vendor document of unknown layout (depth-limited). */
export function findEntries(doc: unknown, depth = 0): unknown[] | undefined {
	if (depth > 4 || doc === null || doc === undefined) return undefined;
	if (Array.isArray(doc)) return doc;
	if (typeof doc === 'string') return doc.split(/\r?\n/);
	if (typeof doc !== 'object') return undefined;
	const obj = doc as IDataObject;
	for (const key of LIST_KEYS) {
		if (key in obj) {
			const found = findEntries(obj[key], depth + 1);
			if (found && found.length > 0) return found;
		}
	}
	return undefined;
}

/**
 * Who a segment's words are shown under: the speaker's name, else the role ("Agent"); nobody
 * when neither is known, rather than an invented "Unknown" speaker.
 */
export function speakerLabel(segment: TranscriptSegment): string | undefined {
	if (segment.speakerName !== undefined) return segment.speakerName;
	if (segment.speaker === 'unknown') return undefined;
	return segment.speaker.charAt(0).toUpperCase() + segment.speaker.slice(1);
}

export function transcriptText(segments: TranscriptSegment[]): string {
	return segments
		.map((s) => {
			const label = speakerLabel(s);
			return label === undefined ? s.text : `${label}: ${s.text}`;
		})
		.join('\n');
}

export interface TranscriptInput {
	vendor: string;
	interactionId: string;
	channel: Channel;
	language?: string;
	/** The vendor document (parsed JSON, or a string of lines). */
	document: unknown;
	includeRaw: boolean;
}

/**
 * Best honest reading of a vendor transcript: the turns it can recognise become segments;
 * when it recognises none, `text` is whatever text the document holds and `raw` is kept.
 */
export function normaliseTranscript(input: TranscriptInput): Transcript {
	const entries = findEntries(input.document) ?? [];
	const segments = entries.map(segmentFromEntry).filter((s): s is TranscriptSegment => s !== undefined);
	const language =
		input.language ??
		(typeof input.document === 'object' && input.document !== null && !Array.isArray(input.document)
			? firstString(input.document as IDataObject, ['language', 'languageCode', 'locale', 'lang'])
			: undefined);
	const transcript: Transcript = {
		vendor: input.vendor,
		interactionId: input.interactionId,
		channel: input.channel,
		text: segments.length > 0 ? transcriptText(segments) : fallbackText(input.document),
		segments,
	};
	if (language) transcript.language = language;
	if (input.includeRaw || segments.length === 0) transcript.raw = input.document;
	return transcript;
}

function fallbackText(doc: unknown): string {
	if (typeof doc === 'string') return doc.trim();
	const strings: string[] = [];
	const walk = (value: unknown, depth: number) => {
		if (depth > 6 || strings.length > 10_000) return;
		if (typeof value === 'string') strings.push(value);
		else if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
		else if (typeof value === 'object' && value !== null) {
			for (const key of TEXT_KEYS) if (key in (value as IDataObject)) walk((value as IDataObject)[key], depth + 1);
		}
	};
	walk(doc, 0);
	return strings.join('\n').trim();
}

/** A vendor's parsed document as an item value: JSON values are already n8n values. */
function jsonValue(value: unknown): GenericValue {
	if (typeof value === 'object' || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return value === undefined ? undefined : String(value);
}

/** The transcript as an item's json (its `raw` is whatever the vendor sent, JSON or text). */
export function transcriptJson<Segment extends TranscriptSegment>(transcript: Transcript<Segment>): IDataObject {
	const { raw, ...fields } = transcript;
	const json: IDataObject = { ...fields };
	if (raw !== undefined) json.raw = jsonValue(raw);
	return json;
}
