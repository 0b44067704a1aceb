import {
	parseXml,
	textContent,
	XmlParseError,
	type XmlElement,
} from '../../nodes/GenesysContextServices/transport/xmlParser';
import { mulberry32 } from '../simulator/random.mjs';

/**
 * The XML parser's fuzz inputs, shared by its unit specs (xmlFuzz.test.ts: every input ends in
 * a tree or an XmlParseError) and its time budgets (xmlFuzz.perf.test.ts): a seeded PRNG, so
 * every failure is reproducible from its seed, random trees and their serialisations, mutations.
 */

/** The simulator's seeded generator (mulberry32): every failure is reproducible from its seed. */
export const prng = mulberry32;

export type Random = () => number;
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
export const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const NAMES = ['a', 'msg', 'msgText', 'user-info', 'g.x', '_p', 'ns:item', 'Grüße', 'x1'];
const TEXT_PIECES = ['a', 'Z', '0', ' ', '<', '>', '&', '"', "'", ']]', 'é', '😀', '\n', '\t', '=', ';', '#'];

export interface Plain {
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

export function randomTree(random: Random, depth: number): Plain {
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
export function serialise(random: Random, node: Plain): string {
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

export function toPlain(element: XmlElement): Plain {
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
export function parseWithin(input: string, limits = {}): { ms: number; root?: XmlElement; error?: XmlParseError } {
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

const MUTATION_TOKENS = [
	'<', '>', '&', ';', '"', "'", '=', '/', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE x>',
	'<!ENTITY a "b">', '&amp;', '&#x', '&#', '&lt', '</', '/>', '\u0000', '\uFEFF', '\uD800', 'é', '<a>', '</a>',
	' x="y"', '&#1114112;', '&#x10FFFF;', '&lol;', '<msgText>', '</message>', '\n', ' ',
];

export function mutate(random: Random, input: string): string {
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

/** The alphabet of the random strings: XML's punctuation and a few names. */
export const XML_ALPHABET = ['<', '>', '/', '!', '?', '[', ']', '-', '&', ';', '#', 'x', '"', "'", '=', ' ', 'a', 'b', 'CDATA', 'DOCTYPE', '\n'];

/** A random string over XML_ALPHABET, of up to 200 pieces, half of them after an opening <a>. */
export function randomXmlString(random: Random): string {
	let input = random() < 0.5 ? '<a>' : '';
	const length = int(random, 0, 200);
	for (let i = 0; i < length; i++) input += pick(random, XML_ALPHABET);
	return input;
}

/** Generated document `n` of a round trip: a random tree, serialised, sometimes with a prolog and a trailing comment. */
export function generatedDocument(random: Random): { tree: Plain; xml: string } {
	const tree = randomTree(random, 0);
	const xml = `${random() < 0.3 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${serialise(random, tree)}${random() < 0.3 ? '\n<!-- end -->\n' : ''}`;
	return { tree, xml };
}
