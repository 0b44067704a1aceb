import type { TranscriptSegment } from './model';

/** Where a segment sits on the call's clock, in seconds; absent where the vendor gave no time. */
export interface SegmentTime {
	start?: number;
	end?: number;
}

interface Reading {
	/** Offsets count from the start of the interaction; clock times need a common origin. */
	kind: 'offset' | 'clock';
	seconds: number;
}

const CLOCK_OFFSET = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

function readTime(value: number | string | undefined): Reading | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { kind: 'offset', seconds: value } : undefined;
	if (value === undefined) return undefined;
	const offset = CLOCK_OFFSET.exec(value.trim());
	if (offset) return { kind: 'offset', seconds: Number(offset[1] ?? 0) * 3600 + Number(offset[2]) * 60 + Number(offset[3]) };
	const ms = ISO_TIME.test(value.trim()) ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? { kind: 'clock', seconds: ms / 1000 } : undefined;
}

/**
 * Each segment's start and end in seconds: offsets as the vendor gave them, ISO clock times
 * relative to the earliest one. A transcript mixing the two has no common clock, so it gets no
 * times at all rather than invented ones; an end before its start is dropped.
 */
export function segmentTimes(segments: TranscriptSegment[]): SegmentTime[] {
	const readings = segments.map((s) => [readTime(s.start), readTime(s.end)] as const);
	const read = readings.flat().filter((r): r is Reading => r !== undefined);
	if (new Set(read.map((r) => r.kind)).size > 1) return segments.map(() => ({}));
	const origin = read.length > 0 && read[0].kind === 'clock' ? read.reduce((min, r) => Math.min(min, r.seconds), Infinity) : 0;
	return readings.map(([start, end]) => {
		const time: SegmentTime = {};
		if (start) time.start = start.seconds - origin;
		if (end && (time.start === undefined || end.seconds - origin >= time.start)) time.end = end.seconds - origin;
		return time;
	});
}
