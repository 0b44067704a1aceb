import { describe, expect, it } from 'vitest';

import { normaliseTranscript, segmentFromLine, speakerRole } from '../../nodes/shared/transcripts/model';

const base = { vendor: 'v', interactionId: 'i', channel: 'voice' as const, includeRaw: false };

describe('normaliseTranscript', () => {
	it('reads a list of turns with roles and times', () => {
		const t = normaliseTranscript({
			...base,
			document: { utterances: [{ role: 'AGENT', startTime: '1.5', text: 'Hi' }, { role: 'caller', text: 'Hello' }] },
		});
		expect(t.segments).toEqual([
			{ speaker: 'agent', start: 1.5, text: 'Hi' },
			{ speaker: 'customer', text: 'Hello' },
		]);
		expect(t.text).toBe('Agent: Hi\nCustomer: Hello');
		expect(t.raw).toBeUndefined();
	});

	it('takes the role from the first field that names one, past a numeric channel', () => {
		const t = normaliseTranscript({
			...base,
			document: { utterances: [{ channel: 1, participant: 'agent', text: 'Hi' }, { channel: 2, participant: 'customer', text: 'Hello' }] },
		});
		expect(t.segments.map((s) => s.speaker)).toEqual(['agent', 'customer']);
		expect(t.text).toBe('Agent: Hi\nCustomer: Hello');
	});

	it('reads "Speaker: words" lines', () => {
		const t = normaliseTranscript({ ...base, document: 'Agent: Hi\nJane Doe: I need help\nno label here' });
		expect(t.segments).toEqual([
			{ speaker: 'agent', text: 'Hi' },
			{ speaker: 'unknown', speakerName: 'Jane Doe', text: 'I need help' },
			{ speaker: 'unknown', text: 'no label here' },
		]);
	});

	it('keeps raw and the text it can find when the layout is unknown', () => {
		const doc = { weird: { nested: true }, text: 'only text' };
		const t = normaliseTranscript({ ...base, document: doc });
		expect(t.segments).toEqual([]);
		expect(t.text).toBe('only text');
		expect(t.raw).toEqual(doc);
	});

	it('does not crash on null, numbers or deep nesting', () => {
		let deep: unknown = 'x';
		for (let i = 0; i < 10_000; i++) deep = { transcript: deep };
		for (const document of [null, 42, deep]) {
			expect(() => normaliseTranscript({ ...base, document })).not.toThrow();
		}
	});
});

describe('speakerRole', () => {
	it.each([
		['Agent', 'agent'],
		['customer', 'customer'],
		['Caller', 'customer'],
		['bot', 'bot'],
		['IVR', 'bot'],
		['System', 'system'],
		['Bob', 'unknown'],
	])('%s → %s', (label, role) => {
		expect(speakerRole(label)).toBe(role);
	});

	it('segmentFromLine keeps a time-like prefix as text', () => {
		expect(segmentFromLine('10:15 hello')).toEqual({ speaker: 'unknown', text: '10:15 hello' });
	});
});
