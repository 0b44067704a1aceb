import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { splitIntoWindows } from '../../nodes/shared/http/dateWindows';
import { assertGuid, splitList } from '../../nodes/shared/node/inputChecks';
import { encodePathSegment } from '../../nodes/shared/http/pathSegments';

const node = { name: 'n', type: 't', typeVersion: 1, parameters: {}, id: '1', position: [0, 0] } as INode;

describe('encodePathSegment', () => {
	it.each([
		['../../admin', '..%2F..%2Fadmin'],
		['..', '%2E%2E'],
		['.', '%2E'],
		['a/b?c#d', 'a%2Fb%3Fc%23d'],
		['callRecording', 'callRecording'],
	])('encodes %s as %s', (input, expected) => {
		expect(encodePathSegment(input)).toBe(expected);
	});
});

describe('assertGuid', () => {
	it('accepts and lower-cases a GUID', () => {
		expect(assertGuid(node, ' 2480FC2C-BBD7-427C-9439-02F76583AEF5 ', 'GUID')).toBe(
			'2480fc2c-bbd7-427c-9439-02f76583aef5',
		);
	});

	it('names the bad value in the message', () => {
		expect(() => assertGuid(node, '2480fc2c/../x', 'Interaction GUID')).toThrow(
			'Interaction GUID "2480fc2c/../x" is not a valid GUID',
		);
	});
});

describe('splitList', () => {
	it('splits on commas, spaces and new lines and drops duplicates', () => {
		expect(splitList('a, b\nc;a  ')).toEqual(['a', 'b', 'c']);
	});
});

describe('splitIntoWindows', () => {
	it('returns one window when the range fits', () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const end = new Date('2026-01-03T00:00:00Z');
		expect(splitIntoWindows(start, end, 7)).toEqual([{ start, end }]);
	});

	it('covers a 30-day range with windows of at most 7 days, each starting where the last ended', () => {
		const windows = splitIntoWindows(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-31T00:00:00Z'), 7);
		expect(windows).toHaveLength(5);
		for (let i = 1; i < windows.length; i++) expect(windows[i].start).toEqual(windows[i - 1].end);
		for (const w of windows) expect(w.end.getTime() - w.start.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
		expect(windows.at(-1)?.end).toEqual(new Date('2026-01-31T00:00:00Z'));
	});
});
