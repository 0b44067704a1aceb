import { describe, expect, it } from 'vitest';

import type { TranscriptSegment } from '../../nodes/shared/transcripts/model';
import { transcriptMetrics } from '../../nodes/shared/transcripts/metrics';

describe('Call metrics', () => {
	it('gives turns and words per role, and no time figures, when the turns have no times', () => {
		const segments: TranscriptSegment[] = [
			{ speaker: 'agent', text: 'Hello there' },
			{ speaker: 'customer', text: 'Hi' },
			{ speaker: 'agent', text: 'How can I help?' },
		];
		expect(transcriptMetrics(segments)).toEqual({
			computed: true,
			speakers: { agent: { turns: 2, words: 6 }, customer: { turns: 1, words: 1 } },
		});
	});

	it('gives an empty transcript no figures but the marker', () => {
		expect(transcriptMetrics([])).toEqual({ computed: true, speakers: {} });
	});

	it('reads ISO clock times relative to the first turn', () => {
		const metrics = transcriptMetrics([
			{ speaker: 'agent', start: '2024-03-05T07:00:10Z', end: '2024-03-05T07:00:40Z', text: 'one two three four five' },
			{ speaker: 'customer', start: '2024-03-05T07:00:50Z', end: '2024-03-05T07:01:10Z', text: 'six seven' },
		]);
		expect(metrics).toMatchObject({
			durationSeconds: 60,
			silenceSeconds: 10,
			overtalkSeconds: 0,
			speakers: {
				agent: { talkSeconds: 30, share: 0.6, wordsPerMinute: 10 },
				customer: { talkSeconds: 20, share: 0.4, wordsPerMinute: 6 },
			},
		});
	});

	it('counts overlapping turns of two speakers as overtalk, not silence', () => {
		const metrics = transcriptMetrics([
			{ speaker: 'agent', start: 0, end: 10, text: 'a' },
			{ speaker: 'customer', start: 8, end: 12, text: 'b' },
			{ speaker: 'agent', start: 15, end: 16, text: 'c' },
		]);
		expect(metrics).toMatchObject({ durationSeconds: 16, overtalkSeconds: 2, silenceSeconds: 3 });
	});

	it("finds the longest monologue across one speaker's consecutive turns", () => {
		const metrics = transcriptMetrics([
			{ speaker: 'agent', start: 0, end: 4, text: 'a' },
			{ speaker: 'customer', start: 4, end: 6, text: 'b' },
			{ speaker: 'customer', start: 7, end: 12, text: 'c' },
			{ speaker: 'agent', start: 12, end: 18, text: 'd' },
		]);
		expect(metrics.longestMonologue).toEqual({ speaker: 'customer', seconds: 8 });
	});

	it('gives only the duration when turns have a start but no end, as chat messages do', () => {
		const metrics = transcriptMetrics([
			{ speaker: 'customer', start: '2024-03-05T07:09:55Z', text: 'hi' },
			{ speaker: 'agent', start: '2024-03-05T07:12:05Z', text: 'hello' },
		]);
		expect(metrics).toEqual({
			computed: true,
			durationSeconds: 130,
			speakers: { customer: { turns: 1, words: 1 }, agent: { turns: 1, words: 1 } },
		});
	});

	it('invents no times when a transcript mixes offsets with clock times or a turn has none', () => {
		const mixed = transcriptMetrics([
			{ speaker: 'agent', start: 1, end: 2, text: 'a' },
			{ speaker: 'customer', start: '2024-03-05T07:09:55Z', end: '2024-03-05T07:09:58Z', text: 'b' },
		]);
		const partial = transcriptMetrics([
			{ speaker: 'agent', start: 1, end: 2, text: 'a' },
			{ speaker: 'customer', text: 'b' },
		]);
		for (const metrics of [mixed, partial]) expect(Object.keys(metrics).sort()).toEqual(['computed', 'speakers']);
	});
});
