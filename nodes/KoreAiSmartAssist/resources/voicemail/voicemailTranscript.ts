import type { IDataObject } from 'n8n-workflow';

import {
	normaliseTranscript,
	segmentFromEntry,
	transcriptText,
	type Transcript,
	type TranscriptSegment,
} from '../../../shared/transcripts/model';
import { KORE } from '../../vendor';

/**
 * Voicemail transcriptions in the shared transcript shape. Kore.ai documents them only by one
 * example: message-store entries whose words sit in `components[].data.text`, authored by
 * "VOICEMAIL". Entries of any other layout go through the shared reader; when nothing can be
 * read the vendor's original is kept in `raw`.
 */

function componentText(entry: IDataObject): string | undefined {
	if (!Array.isArray(entry.components)) return undefined;
	const parts = (entry.components as unknown[])
		.map((component) => {
			if (typeof component !== 'object' || component === null) return undefined;
			const c = component as IDataObject;
			const type = c.cT ?? c.type;
			if (type !== undefined && type !== 'text') return undefined;
			const data = (typeof c.data === 'object' && c.data !== null ? c.data : {}) as IDataObject;
			const text = data.text ?? c.text;
			return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
		})
		.filter((t): t is string => t !== undefined);
	return parts.length > 0 ? parts.join(' ') : undefined;
}

function segmentOf(entry: unknown): TranscriptSegment | undefined {
	if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
		const obj = entry as IDataObject;
		const text = componentText(obj);
		if (text) {
			// Whoever leaves a voicemail is the caller: the customer side of the call.
			const segment: TranscriptSegment = { speaker: 'customer', text };
			const at = obj.createdOn ?? obj.timestamp;
			if (typeof at === 'string' && at !== '') segment.start = at;
			return segment;
		}
	}
	const segment = segmentFromEntry(entry);
	return segment && segment.speaker === 'unknown' ? { ...segment, speaker: 'customer' } : segment;
}

function languageOf(entries: unknown[]): string | undefined {
	for (const entry of entries) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { lang, language } = entry as IDataObject;
		const value = lang ?? language;
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

export function voicemailTranscript(sessionId: string, transcriptions: unknown[], includeRaw: boolean): Transcript {
	const segments = transcriptions.map(segmentOf).filter((s): s is TranscriptSegment => s !== undefined);
	if (segments.length === 0 && transcriptions.length > 0) {
		return normaliseTranscript({
			vendor: KORE.id,
			interactionId: sessionId,
			channel: 'voicemail',
			document: transcriptions,
			includeRaw,
		});
	}
	const transcript: Transcript = {
		vendor: KORE.id,
		interactionId: sessionId,
		channel: 'voicemail',
		text: transcriptText(segments),
		segments,
	};
	const language = languageOf(transcriptions);
	if (language) transcript.language = language;
	if (includeRaw) transcript.raw = transcriptions;
	return transcript;
}
