import { describe, expect, it } from 'vitest';

import { textContent, type XmlElement, type XmlParseError } from '../../nodes/GenesysContextServices/transport/xmlParser';
import { CHAT_XML } from './fixtures';
import {
	generatedDocument,
	mutate,
	parseWithin,
	pick,
	prng,
	randomTree,
	randomXmlString,
	serialise,
} from './xmlFuzzInputs';

/**
 * The XML parser's time budgets (the performance project: `npm run test:perf`, after the unit
 * specs in `npm test`): every small fuzz input parses within SMALL_INPUT_MS, and hostile inputs
 * of many megabytes in time linear in their size, where a backtracking or quadratic parser would
 * need hours. What each input must end in is the unit specs' (xmlFuzz.test.ts).
 */

/** Per-input bound for small inputs: generous for a busy CI machine, tiny next to a hang. */
const SMALL_INPUT_MS = 250;

/**
 * The parse of a small input, timed again when it was slow: a parser that backtracks is slow on
 * every try, while a pause of this shared machine (a GC, another process) slows only one.
 */
function parseSmallWithin(input: string): { ms: number; root?: XmlElement; error?: XmlParseError } {
	let outcome = parseWithin(input);
	for (let retry = 0; retry < 2 && outcome.ms >= SMALL_INPUT_MS; retry++) {
		const again = parseWithin(input);
		if (again.ms < outcome.ms) outcome = again;
	}
	return outcome;
}

describe('small inputs, each in time', () => {
	it('parses each of 1500 generated documents within the small-input bound (seed 20240305)', () => {
		const random = prng(20240305);
		let slowest = 0;
		for (let n = 0; n < 1500; n++) slowest = Math.max(slowest, parseSmallWithin(generatedDocument(random).xml).ms);
		expect(slowest).toBeLessThan(SMALL_INPUT_MS);
	});

	it('ends each of 6000 mutated documents within the small-input bound (seed 7)', () => {
		const random = prng(7);
		const corpus = [CHAT_XML, ...Array.from({ length: 20 }, () => serialise(random, randomTree(random, 0)))];
		let slowest = 0;
		for (let n = 0; n < 6000; n++) slowest = Math.max(slowest, parseSmallWithin(mutate(random, pick(random, corpus))).ms);
		expect(slowest).toBeLessThan(SMALL_INPUT_MS);
	});

	it('ends each of 3000 random strings over the XML alphabet within the small-input bound (seed 99)', () => {
		const random = prng(99);
		let slowest = 0;
		for (let n = 0; n < 3000; n++) slowest = Math.max(slowest, parseSmallWithin(randomXmlString(random)).ms);
		expect(slowest).toBeLessThan(SMALL_INPUT_MS);
	});
});

const MB = 1024 * 1024;
/** Bound for inputs of many megabytes: seconds, where a quadratic parser would need hours. */
const LARGE_INPUT_MS = 5000;

describe('hostile inputs, in time', () => {
	it('refuses 100 000 levels of nesting at once', () => {
		const { error, ms } = parseWithin(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);

		expect(error).toBeDefined();
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('parses 100 000 levels, when allowed to, in time', () => {
		const { error, ms } = parseWithin(`${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`, { maxDepth: 200_000 });

		expect(error).toBeUndefined();
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('refuses a 10 MB attribute at the attribute limit in time', () => {
		const { error, ms } = parseWithin(`<a v="${'x'.repeat(10 * MB)}"/>`);

		expect(error).toBeDefined();
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('refuses a DOCTYPE with an entity bomb at once, without expanding it', () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><chatTranscript>&lol2;</chatTranscript>`;

		const { error, ms } = parseWithin(bomb);

		expect(error?.reason).toBe('DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused');
		expect(ms).toBeLessThan(SMALL_INPUT_MS);
	});

	it('keeps a million undefined entity references literally, in time', () => {
		const { root, ms } = parseWithin(`<a>${'&lol9;'.repeat(1_000_000)}</a>`);

		expect(root).toBeDefined();
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('reads a 10 MB attribute when allowed to, in linear time', () => {
		const { root, ms } = parseWithin(`<a v="${'x'.repeat(10 * MB)}"/>`, { maxAttributeLength: 11 * MB });

		expect(root?.attributes.v).toHaveLength(10 * MB);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('decodes eight million predefined references in linear time', () => {
		const { root, ms } = parseWithin(`<a>${'&amp;'.repeat(8 * MB / 5)}</a>`);

		expect(textContent(root as XmlElement)).toHaveLength(Math.floor((8 * MB) / 5));
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it.each([
		['an unterminated CDATA section of 8 MB', `<a><![CDATA[${'x'.repeat(8 * MB)}`, 'unterminated CDATA section'],
		['an unterminated comment of 8 MB', `<a><!--${'x'.repeat(8 * MB)}`, 'unterminated comment'],
		['an unterminated attribute of 8 MB', `<a v="${"'".repeat(8 * MB)}`, 'unterminated value of attribute v'],
		['8 MB of "<"', `<a>${'<'.repeat(8 * MB)}`, 'expected element name'],
		['8 MB of "<!--" openers', `<a>${'<!--'.repeat(2 * MB)}`, 'unterminated comment'],
		['8 MB of "<?" openers', `<a>${'<?'.repeat(4 * MB)}`, 'unterminated processing instruction'],
		['8 MB of bare ampersands', `<a>${'&'.repeat(8 * MB)}`, 'the document ends before </a>'],
		['an attribute flood', `<a${Array.from({ length: 100_000 }, (_, i) => ` b${i}="c"`).join('')}/>`, '<a> has more than 256 attributes'],
		['a node flood', `<a>${'<b/>'.repeat(2 * MB)}</a>`, 'the document has more than 500000 elements and text nodes'],
	])('refuses %s in time', (_case, input, reason) => {
		const { error, ms } = parseWithin(input);

		expect(error?.reason).toBe(reason);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('reads many text runs with one reference at the very end in linear time', () => {
		// The trap for a decoder that searches for "&" past the end of each run: n runs × n bytes.
		const input = `<a>${'<b>x</b>'.repeat(200_000)}&amp;</a>`;

		const { root, ms } = parseWithin(input);

		expect(root?.children).toHaveLength(200_001);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('grows linearly: 8× the input costs far less than 64× the time', () => {
		const patterns: Array<(size: number) => string> = [
			(size) => `<a>${'<b c="d">e &amp; f</b>'.repeat(size / 22)}</a>`,
			(size) => `<a>${'x'.repeat(size)}&amp;</a>`,
			(size) => `<a v="${'y'.repeat(size)}"/>`,
		];
		const best = (input: string, limits: object) =>
			Math.min(...[0, 1, 2].map(() => parseWithin(input, limits).ms));
		const limits = { maxAttributeLength: 16 * MB, maxNodes: 2 * MB };
		for (const pattern of patterns) {
			const small = best(pattern(MB / 2), limits);
			const large = best(pattern(4 * MB), limits);
			// Linear is ~8×; quadratic would be ~64×. The 5 ms floor keeps timer noise on tiny runs out.
			expect(large / Math.max(small, 5)).toBeLessThan(32);
		}
	});
});
