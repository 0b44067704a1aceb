/**
 * A small XML parser for vendor documents (Genesys chat transcripts), written for hostile input.
 *
 * Why it is safe:
 * - No recursion anywhere: open elements live on an explicit stack, so nesting depth can never
 *   overflow the call stack; the depth is capped anyway (maxDepth).
 * - Linear time: the cursor only moves forward. Every search (indexOf for "<", "-->", "?>",
 *   "]]>", a closing quote) starts at the cursor, and when it fails the parse stops with an
 *   error, so no character is scanned twice over. Entity decoding works on a slice of one text
 *   run, so it never scans past it, and a reference is looked for at most 12 characters ahead.
 * - No DTD at all: <!DOCTYPE …>, <!ENTITY …> and any other <!…> declaration is refused, so no
 *   entity can ever be defined, let alone expanded (billion laughs, external entities: XXE).
 *   Only the five predefined entities and numeric character references are decoded; any other
 *   "&…;" is kept literally, never looked up.
 * - Bounded memory: input length, element + text node count, depth, attribute count, attribute
 *   length and name length all have limits, checked before the work they bound.
 * - Attribute maps have no prototype, so an attribute called "__proto__" is just an attribute.
 * - Malformed input raises XmlParseError (with line and column) and nothing else.
 *
 * What it does not do: namespaces are not resolved (prefixes stay part of names), and runs of
 * text made only of whitespace are dropped (they are layout between elements).
 */

export interface XmlElement {
	name: string;
	/** Prototype-free: keys are exactly the attribute names. */
	attributes: Record<string, string>;
	children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
	/** Characters of input. */
	maxInputLength: number;
	maxDepth: number;
	/** Elements plus text nodes. */
	maxNodes: number;
	/** Characters of one attribute value (before entity decoding). */
	maxAttributeLength: number;
	maxAttributesPerElement: number;
	maxNameLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
	maxInputLength: 16 * 1024 * 1024,
	maxDepth: 256,
	maxNodes: 500_000,
	maxAttributeLength: 64 * 1024,
	maxAttributesPerElement: 256,
	maxNameLength: 256,
};

export class XmlParseError extends Error {
	readonly line: number;

	readonly column: number;

	constructor(
		readonly reason: string,
		readonly position: number,
		input: string,
	) {
		const { line, column } = lineAndColumn(input, position);
		super(`${reason} (line ${line}, column ${column})`);
		this.name = 'XmlParseError';
		this.line = line;
		this.column = column;
	}
}

function lineAndColumn(input: string, position: number): { line: number; column: number } {
	const end = Math.max(0, Math.min(position, input.length));
	let line = 1;
	let lineStart = 0;
	for (let i = input.indexOf('\n'); i !== -1 && i < end; i = input.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: end - lineStart + 1 };
}

const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 Char production: what a numeric reference may name. */
function isXmlChar(cp: number): boolean {
	return (
		cp === 0x9 ||
		cp === 0xa ||
		cp === 0xd ||
		(cp >= 0x20 && cp <= 0xd7ff) ||
		(cp >= 0xe000 && cp <= 0xfffd) ||
		(cp >= 0x10000 && cp <= 0x10ffff)
	);
}

function resolveReference(body: string): string | undefined {
	if (body.charCodeAt(0) !== 35 /* # */) {
		return Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, body) ? PREDEFINED_ENTITIES[body] : undefined;
	}
	let cp = NaN;
	if (/^#[0-9]{1,7}$/.test(body)) cp = Number(body.slice(1));
	else if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) cp = parseInt(body.slice(2), 16);
	return Number.isInteger(cp) && isXmlChar(cp) ? String.fromCodePoint(cp) : undefined;
}

/** Longest reference body we look for: "#x10FFFF" is 8, "quot" 4; 12 leaves room, bounds work. */
const MAX_REFERENCE_LENGTH = 12;

/** Decodes references in one run of text; unknown or invalid ones stay as they are. */
export function decodeReferences(run: string): string {
	let amp = run.indexOf('&');
	if (amp === -1) return run;
	const parts: string[] = [];
	let last = 0;
	while (amp !== -1) {
		let semi = -1;
		const limit = Math.min(run.length, amp + 1 + MAX_REFERENCE_LENGTH);
		for (let k = amp + 1; k < limit; k++) {
			if (run.charCodeAt(k) === 59 /* ; */) {
				semi = k;
				break;
			}
		}
		const decoded = semi === -1 ? undefined : resolveReference(run.slice(amp + 1, semi));
		if (decoded === undefined) {
			amp = run.indexOf('&', amp + 1);
			continue;
		}
		parts.push(run.slice(last, amp), decoded);
		last = semi + 1;
		amp = run.indexOf('&', last);
	}
	parts.push(run.slice(last));
	return parts.join('');
}

function isNameStart(code: number): boolean {
	return (
		(code >= 97 && code <= 122) || // a-z
		(code >= 65 && code <= 90) || // A-Z
		code === 95 || // _
		code === 58 || // :
		code >= 0xc0
	);
}

function isNameChar(code: number): boolean {
	return isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 0xb7;
}

function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 10 || code === 13;
}

function isWhitespaceOnly(text: string): boolean {
	return /^[ \t\r\n]*$/.test(text);
}

/**
 * Parses one XML document into its root element. Throws XmlParseError for anything that is
 * not well-formed (within the limits above), and only that.
 */
export function parseXml(input: string, limits: Partial<XmlLimits> = {}): XmlElement {
	const max: XmlLimits = { ...DEFAULT_XML_LIMITS, ...limits };
	const fail = (reason: string, at: number): never => {
		throw new XmlParseError(reason, at, input);
	};
	if (typeof input !== 'string') throw new XmlParseError('the document is not text', 0, '');
	if (input.length > max.maxInputLength) {
		fail(`the document has ${input.length} characters, more than the limit of ${max.maxInputLength}`, 0);
	}

	const n = input.length;
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	let nodes = 0;
	let i = input.charCodeAt(0) === 0xfeff ? 1 : 0;

	const countNode = (at: number) => {
		if (++nodes > max.maxNodes) fail(`the document has more than ${max.maxNodes} elements and text nodes`, at);
	};

	// Text between two tags is one run, even when comments or processing instructions split it;
	// it becomes a node when the run ends (at a tag), and is dropped if it is only layout.
	let run: string[] = [];
	let runAt = 0;
	const addText = (text: string, at: number) => {
		if (run.length === 0) runAt = at;
		run.push(text);
	};
	const endRun = () => {
		if (run.length === 0) return;
		const text = run.length === 1 ? run[0] : run.join('');
		run = [];
		const parent = stack[stack.length - 1];
		if (!parent) {
			if (!isWhitespaceOnly(text)) fail(root ? 'text after the root element' : 'text before the root element', runAt);
			return;
		}
		if (isWhitespaceOnly(text)) return;
		countNode(runAt);
		parent.children.push(text);
	};

	const readName = (at: number, what: string): string => {
		if (at >= n || !isNameStart(input.charCodeAt(at))) fail(`expected ${what} name`, at);
		let end = at + 1;
		while (end < n && isNameChar(input.charCodeAt(end))) {
			if (end - at >= max.maxNameLength) fail(`${what} name longer than ${max.maxNameLength} characters`, at);
			end++;
		}
		return input.slice(at, end);
	};

	const skipSpace = (at: number): number => {
		let k = at;
		while (k < n && isSpace(input.charCodeAt(k))) k++;
		return k;
	};

	while (i < n) {
		const lt = input.indexOf('<', i);
		const textEnd = lt === -1 ? n : lt;
		if (textEnd > i) {
			const raw = input.slice(i, textEnd);
			if (raw.indexOf(']]>') !== -1) fail('"]]>" is not allowed in text', i + raw.indexOf(']]>'));
			addText(stack.length > 0 ? decodeReferences(raw) : raw, i);
		}
		if (lt === -1) break;
		i = lt;

		if (input.startsWith('<!--', i)) {
			const close = input.indexOf('-->', i + 4);
			if (close === -1) fail('unterminated comment', i);
			i = close + 3;
			continue;
		}
		if (input.startsWith('<![CDATA[', i)) {
			if (stack.length === 0) fail('CDATA section outside the root element', i);
			const close = input.indexOf(']]>', i + 9);
			if (close === -1) fail('unterminated CDATA section', i);
			addText(input.slice(i + 9, close), i);
			i = close + 3;
			continue;
		}
		if (input.startsWith('<!', i)) {
			// DOCTYPE, ENTITY, ELEMENT, ATTLIST…: a DTD is the door to entity expansion attacks.
			fail('DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused', i);
		}
		if (input.startsWith('<?', i)) {
			const close = input.indexOf('?>', i + 2);
			if (close === -1) fail('unterminated processing instruction', i);
			i = close + 2;
			continue;
		}
		if (input.startsWith('</', i)) {
			endRun();
			const name = readName(i + 2, 'closing tag');
			const end = skipSpace(i + 2 + name.length);
			if (input.charCodeAt(end) !== 62 /* > */) fail(`expected ">" to end </${name}`, end);
			const open = stack.pop();
			if (!open) fail(`closing tag </${name}> without an opening tag`, i);
			else if (open.name !== name) fail(`closing tag </${name}> does not match <${open.name}>`, i);
			i = end + 1;
			continue;
		}

		// A start tag.
		endRun();
		const tagStart = i;
		if (root && stack.length === 0) fail('a second root element', i);
		const name = readName(i + 1, 'element');
		const element: XmlElement = { name, attributes: Object.create(null) as Record<string, string>, children: [] };
		let count = 0;
		let k = i + 1 + name.length;
		let selfClosing = false;
		for (;;) {
			const afterSpace = skipSpace(k);
			const code = input.charCodeAt(afterSpace);
			if (afterSpace >= n) fail(`unterminated start tag <${name}`, tagStart);
			if (code === 62 /* > */) {
				k = afterSpace + 1;
				break;
			}
			if (code === 47 /* / */) {
				if (input.charCodeAt(afterSpace + 1) !== 62) fail(`expected "/>" to end <${name}`, afterSpace);
				k = afterSpace + 2;
				selfClosing = true;
				break;
			}
			if (afterSpace === k) fail(`expected a space before the next attribute of <${name}>`, k);
			const attribute = readName(afterSpace, 'attribute');
			let at = skipSpace(afterSpace + attribute.length);
			if (input.charCodeAt(at) !== 61 /* = */) fail(`expected "=" after attribute ${attribute}`, at);
			at = skipSpace(at + 1);
			const quote = input.charCodeAt(at);
			if (quote !== 34 && quote !== 39) fail(`expected a quoted value for attribute ${attribute}`, at);
			const close = input.indexOf(quote === 34 ? '"' : "'", at + 1);
			if (close === -1) fail(`unterminated value of attribute ${attribute}`, at);
			if (close - at - 1 > max.maxAttributeLength) {
				fail(`attribute ${attribute} is longer than ${max.maxAttributeLength} characters`, at);
			}
			const raw = input.slice(at + 1, close);
			if (raw.indexOf('<') !== -1) fail(`"<" inside the value of attribute ${attribute}`, at + 1 + raw.indexOf('<'));
			if (++count > max.maxAttributesPerElement) fail(`<${name}> has more than ${max.maxAttributesPerElement} attributes`, afterSpace);
			if (Object.prototype.hasOwnProperty.call(element.attributes, attribute)) {
				fail(`attribute ${attribute} appears twice in <${name}>`, afterSpace);
			}
			// Attribute-value normalisation (XML 1.0 §3.3.3): literal tabs and line breaks are spaces.
			element.attributes[attribute] = decodeReferences(raw.replace(/[\t\r\n]/g, ' '));
			k = close + 1;
		}

		countNode(tagStart);
		const parent = stack[stack.length - 1];
		if (parent) parent.children.push(element);
		else root = element;
		if (!selfClosing) {
			if (stack.length >= max.maxDepth) fail(`elements are nested deeper than ${max.maxDepth} levels`, tagStart);
			stack.push(element);
		}
		i = k;
	}

	endRun();
	if (stack.length > 0) fail(`the document ends before </${stack[stack.length - 1].name}>`, n);
	if (!root) fail('the document has no root element', n);
	return root as XmlElement;
}

/** Child elements of `element` named `name` (prefix and all). */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
	const found: XmlElement[] = [];
	for (const child of element.children) {
		if (typeof child !== 'string' && (name === undefined || child.name === name)) found.push(child);
	}
	return found;
}

/** All text inside `element`, in document order (iterative: safe however deep the tree is). */
export function textContent(element: XmlElement): string {
	return textNodes(element).join('');
}

/** Each text node inside `element`, in document order. */
export function textNodes(element: XmlElement): string[] {
	const parts: string[] = [];
	const pending: XmlNode[] = [element];
	while (pending.length > 0) {
		const node = pending.pop() as XmlNode;
		if (typeof node === 'string') {
			parts.push(node);
			continue;
		}
		for (let c = node.children.length - 1; c >= 0; c--) pending.push(node.children[c]);
	}
	return parts;
}
