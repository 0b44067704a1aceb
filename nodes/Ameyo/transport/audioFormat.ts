/**
 * What the first bytes of a download are. Old Ameyo servers answer 200 with an empty body,
 * the literal `null`, an HTML page or a JSON error; only bytes that look like the requested
 * audio count as a recording.
 */

export type VoiceFormat = 'mp3' | 'wav';

export const VOICE_FORMATS: Record<VoiceFormat, { mimeType: string; label: string }> = {
	mp3: { mimeType: 'audio/mpeg', label: 'MP3' },
	wav: { mimeType: 'audio/wav', label: 'WAV' },
};

export function isVoiceFormat(value: unknown): value is VoiceFormat {
	return value === 'mp3' || value === 'wav';
}

export type SniffedKind =
	| VoiceFormat
	| 'ogg'
	| 'flac'
	| 'aac'
	| 'empty'
	| 'null'
	| 'html'
	| 'json'
	| 'xml'
	| 'text'
	| 'unknown';

export interface Sniffed {
	kind: SniffedKind;
	/** For messages, e.g. "WAV audio (RIFF/WAVE)". */
	what: string;
}

/** Enough bytes to tell every kind below apart ("RIFF" + size + "WAVE" is the longest). */
export const SNIFF_BYTES = 12;

const TEXT_KINDS: ReadonlySet<SniffedKind> = new Set(['null', 'html', 'json', 'xml', 'text']);

export function isTextKind(kind: SniffedKind): boolean {
	return TEXT_KINDS.has(kind);
}

function ascii(head: Buffer, start: number, end: number): string {
	return head.subarray(start, end).toString('latin1');
}

function isMpegAudioFrame(head: Buffer): boolean {
	if (head.length < 2 || head[0] !== 0xff || (head[1] & 0xe0) !== 0xe0) return false;
	const version = (head[1] >> 3) & 0x03;
	const layer = (head[1] >> 1) & 0x03;
	// Version 01 is reserved; layer 00 is AAC's ADTS header, not MPEG audio.
	return version !== 0x01 && layer !== 0x00;
}

function isAdts(head: Buffer): boolean {
	return head.length >= 2 && head[0] === 0xff && (head[1] & 0xf6) === 0xf0;
}

function looksLikeText(head: Buffer): boolean {
	const sample = head.subarray(0, 512);
	let printable = 0;
	for (const byte of sample) {
		if (byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte !== 0x7f)) printable++;
	}
	return sample.length > 0 && printable / sample.length > 0.95;
}

export function sniff(head: Buffer): Sniffed {
	if (head.length === 0) return { kind: 'empty', what: 'an empty body' };
	if (ascii(head, 0, 3) === 'ID3') return { kind: 'mp3', what: 'MP3 audio (ID3 tag)' };
	if ((ascii(head, 0, 4) === 'RIFF' || ascii(head, 0, 4) === 'RF64') && ascii(head, 8, 12) === 'WAVE') {
		return { kind: 'wav', what: 'WAV audio (RIFF/WAVE)' };
	}
	if (ascii(head, 0, 4) === 'OggS') return { kind: 'ogg', what: 'Ogg audio' };
	if (ascii(head, 0, 4) === 'fLaC') return { kind: 'flac', what: 'FLAC audio' };
	if (isMpegAudioFrame(head)) return { kind: 'mp3', what: 'MPEG audio' };
	if (isAdts(head)) return { kind: 'aac', what: 'AAC audio (ADTS)' };

	const textStart = head.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? head.subarray(3) : head;
	const trimmed = textStart.toString('utf8', 0, Math.min(textStart.length, 512)).trim();
	if (trimmed === '' && looksLikeText(textStart)) return { kind: 'empty', what: 'a body of only white space' };
	if (trimmed === 'null') return { kind: 'null', what: 'the literal null' };
	if (/^<(!doctype html|html|head|body|title)/i.test(trimmed)) return { kind: 'html', what: 'an HTML page' };
	if (trimmed.startsWith('<')) return { kind: 'xml', what: 'an XML document' };
	if (/^[{[]/.test(trimmed)) return { kind: 'json', what: 'JSON' };
	if (looksLikeText(textStart)) return { kind: 'text', what: 'text' };
	const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
	return { kind: 'unknown', what: `data starting with the bytes ${hex}` };
}
