import { describe, expect, it } from 'vitest';

import {
	parseXml,
	textContent,
	XmlParseError,
	type XmlElement,
	type XmlNode,
} from '../../nodes/GenesysContextServices/transport/xmlParser';
import { CHAT_XML } from './fixtures';

/**
 * Fuzzing the parser with a seeded PRNG, so every failure is reproducible from its seed:
 * generated documents must round-trip exactly; mutated and random inputs must end in a result
 * or an XmlParseError (never another exception, never a hang), each within a time bound; and
 * hostile inputs of many megabytes must be handled in time linear in their size.
 */

/** mulberry32: tiny, fast, good enough to drive a fuzzer, and the same on every machine. */
function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const NAMES = ['a', 'msg', 'msgText', 'user-info', 'g.x', '_p', 'ns:item', 'Grüße', 'x1'];
const TEXT_PIECES = ['a', 'Z', '0', ' ', '<', '>', '&', '"', "'", ']]', 'é', '😀', '\n', '\t', '=', ';', '#'];

interface Plain {
	name: string;
	attributes: Record<string, string>;
	children: Array<Plain | string>;
}

function randomText(random: Random): string {
	let text = '';
	const length = int(random, 1, 12);
	for (let i = 0; i < length; i++) text += pick(random, TEXT_PIECES);
	// Whitespace-only text is layout and is dropped by the parser; keep one visible character.
	return /^[ \t\r\n]*$/.test(text) ? `${text}x` : text;
}

function randomTree(random: Random, depth: number): Plain {
	const attributes: Record<string, string> = {};
	const attributeCount = int(random, 0, 3);
	for (let i = 0; i < attributeCount; i++) attributes[`${pick(random, NAMES)}${i}`] = random() < 0.2 ? '' : randomText(random);
	const children: Array<Plain | string> = [];
	const childCount = depth > 5 ? 0 : int(random, 0, 4);
	for (let i = 0; i < childCount; i++) {
		const previousIsText = typeof children[children.length - 1] === 'string';
		if (random() < 0.4 && !previousIsText) children.push(randomText(random));
		else children.push(randomTree(random, depth + 1));
	}
	return { name: pick(random, NAMES), attributes, children };
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\n/g, '&#10;')
		.replace(/\t/g, '&#x9;')
		.replace(/\r/g, '&#13;');

/** Serialises with every legal variation the parser must accept: quotes, CDATA, comments, PIs. */
function serialise(random: Random, node: Plain): string {
	const attributes = Object.entries(node.attributes)
		.map(([key, value]) => {
			const quote = random() < 0.5 ? '"' : "'";
			return `${pick(random, [' ', '\n', '  '])}${key}${pick(random, ['=', ' = '])}${quote}${escapeAttribute(value)}${quote}`;
		})
		.join('');
	if (node.children.length === 0 && random() < 0.5) return `<${node.name}${attributes}${pick(random, ['/>', ' />'])}`;
	const inner = node.children
		.map((child) => {
			if (typeof child !== 'string') return serialise(random, child);
			const roll = random();
			if (roll < 0.2 && !child.includes(']]>')) return `<![CDATA[${child}]]>`;
			if (roll < 0.35 && child.length > 1) {
				// Split by a comment or a processing instruction: one text run to a reader.
				const cut = int(random, 1, child.length - 1);
				return `${escapeText(child.slice(0, cut))}${pick(random, ['<!-- c -->', '<?pi x?>'])}${escapeText(child.slice(cut))}`;
			}
			return escapeText(child);
		})
		.join('');
	return `<${node.name}${attributes}>${inner}</${node.name}${pick(random, ['', ' ', '\n'])}>`;
}

function toPlain(element: XmlElement): Plain {
	// Iterative like the parser, so comparing deep trees cannot overflow either.
	const plainRoot: Plain = { name: element.name, attributes: { ...element.attributes }, children: [] };
	const pending: Array<[XmlElement, Plain]> = [[element, plainRoot]];
	while (pending.length > 0) {
		const [source, target] = pending.pop() as [XmlElement, Plain];
		for (const child of source.children) {
			if (typeof child === 'string') {
				target.children.push(child);
				continue;
			}
			const plain: Plain = { name: child.name, attributes: { ...child.attributes }, children: [] };
			target.children.push(plain);
			pending.push([child, plain]);
		}
	}
	return plainRoot;
}

/** Parses, requiring a tree or an XmlParseError and nothing else; returns the time taken. */
function parseWithin(input: string, limits = {}): { ms: number; root?: XmlElement; error?: XmlParseError } {
	const started = performance.now();
	let outcome: unknown;
	try {
		const root = parseXml(input, limits);
		textContent(root);
		outcome = root;
	} catch (error) {
		outcome = error;
	}
	const ms = performance.now() - started;
	if (outcome instanceof XmlParseError) return { ms, error: outcome };
	if (outcome instanceof Error) {
		throw new Error(`not an XmlParseError: ${String(outcome)} for input ${JSON.stringify(input.slice(0, 200))}`);
	}
	return { ms, root: outcome as XmlElement };
}

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

const MUTATION_TOKENS = [
	'<', '>', '&', ';', '"', "'", '=', '/', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE x>',
	'<!ENTITY a "b">', '&amp;', '&#x', '&#', '&lt', '</', '/>', '\u0000', '\uFEFF', '\uD800', 'é', '<a>', '</a>',
	' x="y"', '&#1114112;', '&#x10FFFF;', '&lol;', '<msgText>', '</message>', '\n', ' ',
];

function mutate(random: Random, input: string): string {
	let text = input;
	const operations = int(random, 1, 4);
	for (let o = 0; o < operations; o++) {
		const at = int(random, 0, text.length);
		const span = int(random, 1, 24);
		switch (int(random, 0, 5)) {
			case 0:
				text = text.slice(0, at) + text.slice(at + span);
				break;
			case 1:
				text = text.slice(0, at) + pick(random, MUTATION_TOKENS) + text.slice(at);
				break;
			case 2:
				text = text.slice(0, at) + text.slice(at, at + span) + text.slice(at);
				break;
			case 3:
				text = text.slice(0, at) + String.fromCharCode(int(random, 0, 0xffff)) + text.slice(at + 1);
				break;
			case 4:
				text = text.slice(0, at);
				break;
			default: {
				const other = int(random, 0, text.length);
				const [a, b] = at < other ? [at, other] : [other, at];
				text = text.slice(0, a) + text.slice(b, b + span) + text.slice(a + span, b) + text.slice(a, a + span) + text.slice(b + span);
			}
		}
	}
	return text;
}

/** Per-input bound for small inputs: generous for a busy CI machine, tiny next to a hang. */
const SMALL_INPUT_MS = 250;

describe('round trip of generated documents', () => {
	it('parses 1500 generated documents back into exactly the tree they were written from (seed 20240305)', () => {
		const random = prng(20240305);
		for (let n = 0; n < 1500; n++) {
			const tree = randomTree(random, 0);
			const xml = `${random() < 0.3 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${serialise(random, tree)}${random() < 0.3 ? '\n<!-- end -->\n' : ''}`;
			const { root, error, ms } = parseSmallWithin(xml);
			if (error) throw new Error(`seed 20240305, document ${n}: ${error.message}\n${xml}`);
			expect(toPlain(root as XmlElement), `document ${n}: ${xml}`).toEqual(tree);
			expect(ms).toBeLessThan(SMALL_INPUT_MS);
		}
	});
});

describe('mutated and random inputs', () => {
	it('ends every one of 6000 mutated documents in a tree or an XmlParseError, each in time (seed 7)', () => {
		const random = prng(7);
		const corpus = [CHAT_XML, ...Array.from({ length: 20 }, () => serialise(random, randomTree(random, 0)))];
		let parsed = 0;
		let refused = 0;
		let slowest = 0;
		for (let n = 0; n < 6000; n++) {
			const input = mutate(random, pick(random, corpus));
			const { error, ms } = parseSmallWithin(input);
			if (error) refused++;
			else parsed++;
			slowest = Math.max(slowest, ms);
		}
		expect(slowest).toBeLessThan(SMALL_INPUT_MS);
		// Both outcomes must really happen, or the fuzzer is not exercising the parser.
		expect(parsed).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(1000);
	});

	it('ends every one of 3000 random strings over the XML alphabet in a tree or an XmlParseError (seed 99)', () => {
		const random = prng(99);
		const alphabet = ['<', '>', '/', '!', '?', '[', ']', '-', '&', ';', '#', 'x', '"', "'", '=', ' ', 'a', 'b', 'CDATA', 'DOCTYPE', '\n'];
		let slowest = 0;
		for (let n = 0; n < 3000; n++) {
			let input = random() < 0.5 ? '<a>' : '';
			const length = int(random, 0, 200);
			for (let i = 0; i < length; i++) input += pick(random, alphabet);
			slowest = Math.max(slowest, parseSmallWithin(input).ms);
		}
		expect(slowest).toBeLessThan(SMALL_INPUT_MS);
	});
});

const MB = 1024 * 1024;
/** Bound for inputs of many megabytes: seconds, where a quadratic parser would need hours. */
const LARGE_INPUT_MS = 5000;

describe('hostile inputs', () => {
	it('refuses 100 000 levels of nesting at the depth limit, at once', () => {
		const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;

		const { error, ms } = parseWithin(deep);

		expect(error?.reason).toBe('elements are nested deeper than 256 levels');
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('parses 100 000 levels when allowed to, without overflowing the call stack', () => {
		const deep = `${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`;

		const { root, error, ms } = parseWithin(deep, { maxDepth: 200_000 });

		expect(error).toBeUndefined();
		expect(textContent(root as XmlElement)).toBe('x');
		let depth = 0;
		for (let node: XmlNode | undefined = root; node && typeof node !== 'string'; node = node.children[0]) depth++;
		expect(depth).toBe(100_000);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('refuses a 10 MB attribute at the attribute limit', () => {
		const { error, ms } = parseWithin(`<a v="${'x'.repeat(10 * MB)}"/>`);

		expect(error?.reason).toBe(`attribute v is longer than ${64 * 1024} characters`);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
	});

	it('reads a 10 MB attribute when allowed to, in linear time', () => {
		const { root, ms } = parseWithin(`<a v="${'x'.repeat(10 * MB)}"/>`, { maxAttributeLength: 11 * MB });

		expect(root?.attributes.v).toHaveLength(10 * MB);
		expect(ms).toBeLessThan(LARGE_INPUT_MS);
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

		const { root, ms } = parseWithin(`<a>${body}</a>`);

		expect(textContent(root as XmlElement)).toBe(body);
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
