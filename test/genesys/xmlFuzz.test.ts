import { describe, expect, it } from 'vitest';

import {
	parseXml,
	textContent,
	XmlParseError,
	type XmlElement,
	type XmlNode,
} from '../../nodes/GenesysContextServices/transport/xmlParser';
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
	toPlain,
} from './xmlFuzzInputs';

/**
 * Fuzzing the parser with a seeded PRNG, so every failure is reproducible from its seed:
 * generated documents must round-trip exactly; mutated and random inputs must end in a result
 * or an XmlParseError (never another exception, never a hang); hostile inputs hit their limits.
 * How long any of this may take is the performance project's (xmlFuzz.perf.test.ts).
 */

/** What one input ends in: a tree, or an XmlParseError; anything else thrown fails the spec. */
function outcomeOf(input: string): 'tree' | 'refused' {
	let failure: unknown;
	try {
		textContent(parseXml(input));
		return 'tree';
	} catch (error) {
		failure = error;
	}
	if (failure instanceof XmlParseError) return 'refused';
	throw new Error(`not an XmlParseError: ${String(failure)} for input ${JSON.stringify(input.slice(0, 200))}`);
}

describe('round trip of generated documents', () => {
	it('parses 1500 generated documents back into exactly the tree they were written from (seed 20240305)', () => {
		const random = prng(20240305);
		for (let n = 0; n < 1500; n++) {
			const { tree, xml } = generatedDocument(random);
			const { root, error } = parseWithin(xml);
			if (error) throw new Error(`seed 20240305, document ${n}: ${error.message}\n${xml}`);
			expect(toPlain(root as XmlElement), `document ${n}: ${xml}`).toEqual(tree);
		}
	});
});

describe('mutated and random inputs', () => {
	it('ends every one of 6000 mutated documents in a tree or an XmlParseError (seed 7)', () => {
		const random = prng(7);
		const corpus = [CHAT_XML, ...Array.from({ length: 20 }, () => serialise(random, randomTree(random, 0)))];
		let parsed = 0;
		let refused = 0;
		for (let n = 0; n < 6000; n++) {
			if (outcomeOf(mutate(random, pick(random, corpus))) === 'refused') refused++;
			else parsed++;
		}
		// Both outcomes must really happen, or the fuzzer is not exercising the parser.
		expect(parsed).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(1000);
	});

	it('ends every one of 3000 random strings over the XML alphabet in a tree or an XmlParseError (seed 99)', () => {
		const random = prng(99);
		for (let n = 0; n < 3000; n++) outcomeOf(randomXmlString(random));
	});
});

const MB = 1024 * 1024;

describe('hostile inputs', () => {
	it('refuses 100 000 levels of nesting at the depth limit', () => {
		const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;

		const { error } = parseWithin(deep);

		expect(error?.reason).toBe('elements are nested deeper than 256 levels');
	});

	it('parses 100 000 levels when allowed to, without overflowing the call stack', () => {
		const deep = `${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`;

		const { root, error } = parseWithin(deep, { maxDepth: 200_000 });

		expect(error).toBeUndefined();
		expect(textContent(root as XmlElement)).toBe('x');
		let depth = 0;
		for (let node: XmlNode | undefined = root; node && typeof node !== 'string'; node = node.children[0]) depth++;
		expect(depth).toBe(100_000);
	});

	it('refuses a 10 MB attribute at the attribute limit', () => {
		const { error } = parseWithin(`<a v="${'x'.repeat(10 * MB)}"/>`);

		expect(error?.reason).toBe(`attribute v is longer than ${64 * 1024} characters`);
	});

	it('refuses the billion laughs: the DTD that would define the entities is refused', () => {
		const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)];
		const { error } = parseWithin(`<?xml version="1.0"?><!DOCTYPE lolz [${lol.join('')}]><lolz>&lol9;</lolz>`);

		expect(error?.reason).toBe('DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused');
	});

	it('refuses an external entity (XXE) the same way', () => {
		const { error } = parseWithin('<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>');

		expect(error?.reason).toBe('DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused');
	});

	it('keeps a million undefined entity references literally: nothing to expand', () => {
		const body = '&lol9;'.repeat(1_000_000);

		const { root } = parseWithin(`<a>${body}</a>`);

		expect(textContent(root as XmlElement)).toBe(body);
	});
});
