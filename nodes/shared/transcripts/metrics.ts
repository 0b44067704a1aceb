import type { Speaker, TranscriptSegment } from './model';
import { segmentTimes } from './timeline';

/** Figures for one speaker role; the time-based ones only when every segment has a start and an end. */
export interface SpeakerMetrics {
	talkSeconds?: number;
	/** This role's part of all talk time, 0–1. */
	share?: number;
	turns: number;
	words: number;
	wordsPerMinute?: number;
}

/** Call figures worked out from the segments (`computed: true`), never from a vendor's own figures. */
export interface TranscriptMetrics {
	computed: true;
	/** First start to last end (or last start, for turns without an end such as chat messages). */
	durationSeconds?: number;
	speakers: Partial<Record<Speaker, SpeakerMetrics>>;
	/** The longest run of consecutive turns by one speaker, start of the first to end of the last. */
	longestMonologue?: { speaker: Speaker; seconds: number };
	/** Time inside the call when nobody speaks. */
	silenceSeconds?: number;
	/** Time when two or more speakers talk at once. */
	overtalkSeconds?: number;
}

interface Span {
	start: number;
	end: number;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const countWords = (text: string) => text.match(/\S+/g)?.length ?? 0;
const speakerKey = (s: TranscriptSegment) => `${s.speaker}\u0000${s.speakerName ?? ''}`;

/** Sweeps the turns in time order: gaps with nobody speaking, stretches with two speakers or more. */
function silenceAndOvertalk(segments: TranscriptSegment[], spans: Span[]): { silence: number; overtalk: number } {
	const events = spans.flatMap((span, i) => [
		{ at: span.start, delta: 1, key: speakerKey(segments[i]) },
		{ at: span.end, delta: -1, key: speakerKey(segments[i]) },
	]);
	events.sort((a, b) => a.at - b.at || a.delta - b.delta);
	const active = new Map<string, number>();
	let silence = 0;
	let overtalk = 0;
	for (let i = 0; i < events.length - 1; i++) {
		const { key, delta } = events[i];
		const n = (active.get(key) ?? 0) + delta;
		if (n > 0) active.set(key, n);
		else active.delete(key);
		const gap = events[i + 1].at - events[i].at;
		if (active.size === 0) silence += gap;
		else if (active.size > 1) overtalk += gap;
	}
	return { silence, overtalk };
}

function longestMonologue(segments: TranscriptSegment[], spans: Span[]): { speaker: Speaker; seconds: number } {
	let best = { speaker: segments[0].speaker, seconds: 0 };
	let first = 0;
	let end = spans[0].end;
	segments.forEach((segment, i) => {
		if (i > 0 && speakerKey(segment) !== speakerKey(segments[i - 1])) {
			first = i;
			end = spans[i].end;
		}
		end = Math.max(end, spans[i].end);
		if (end - spans[first].start > best.seconds) best = { speaker: segment.speaker, seconds: end - spans[first].start };
	});
	return { speaker: best.speaker, seconds: round(best.seconds) };
}

/** Per role turns and words always; talk time, pace, monologue, silence and overtalk when times allow. */
export function transcriptMetrics(segments: TranscriptSegment[]): TranscriptMetrics {
	const speakers: Partial<Record<Speaker, SpeakerMetrics>> = {};
	for (const segment of segments) {
		const figures = (speakers[segment.speaker] ??= { turns: 0, words: 0 });
		figures.turns += 1;
		figures.words += countWords(segment.text);
	}
	const metrics: TranscriptMetrics = { computed: true, speakers };
	const times = segmentTimes(segments);
	if (segments.length === 0 || times.some((t) => t.start === undefined)) return metrics;
	const starts = times.map((t) => t.start ?? 0);
	const lasts = times.map((t) => t.end ?? t.start ?? 0);
	metrics.durationSeconds = round(lasts.reduce((a, b) => Math.max(a, b)) - starts.reduce((a, b) => Math.min(a, b)));
	const spans = times.flatMap((t) => (t.start !== undefined && t.end !== undefined ? [{ start: t.start, end: t.end }] : []));
	if (spans.length < segments.length) return metrics;

	const talk = new Map<Speaker, number>();
	segments.forEach((s, i) => talk.set(s.speaker, (talk.get(s.speaker) ?? 0) + spans[i].end - spans[i].start));
	const allTalk = [...talk.values()].reduce((a, b) => a + b, 0);
	for (const [speaker, seconds] of talk) {
		const figures = speakers[speaker] ?? { turns: 0, words: 0 };
		figures.talkSeconds = round(seconds);
		figures.share = allTalk > 0 ? round(seconds / allTalk, 3) : 0;
		if (seconds > 0) figures.wordsPerMinute = round(figures.words / (seconds / 60), 1);
	}
	const { silence, overtalk } = silenceAndOvertalk(segments, spans);
	metrics.longestMonologue = longestMonologue(segments, spans);
	metrics.silenceSeconds = round(silence);
	metrics.overtalkSeconds = round(overtalk);
	return metrics;
}
