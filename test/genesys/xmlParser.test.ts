import { describe, expect, it } from 'vitest';

import {
	childElements,
	decodeReferences,
	parseXml,
	textContent,
	XmlParseError,
	type XmlElement,
} from '../../nodes/GenesysContextServices/transport/xmlParser';

function parseError(input: string, limits = {}): XmlParseError {
	let caught: unknown;
	try {
		parseXml(input, limits);
	} catch (error) {
		caught = error;
	}
	if (caught instanceof XmlParseError) return caught;
	throw new Error(`expected an XmlParseError, got ${String(caught)}`);
}

describe('well-formed documents', () => {
	it('reads elements, attributes in both quote styles, and text', () => {
		const root = parseXml(`<a x="1" y='two'><b/><c z="3">text</c></a>`);

		expect(root.name).toBe('a');
		expect({ ...root.attributes }).toEqual({ x: '1', y: 'two' });
		expect(childElements(root).map((e) => e.name)).toEqual(['b', 'c']);
		expect(textContent(root)).toBe('text');
	});

	it('decodes the five predefined entities and numeric references in text and attributes', () => {
		const root = parseXml(`<a t="&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;">&lt;b&gt; &amp; &quot;q&quot; &apos;s&apos; &#233;&#xE9;</a>`);

		expect(root.attributes.t).toBe(`<>&"'A😀`);
		expect(textContent(root)).toBe(`<b> & "q" 's' éé`);
	});

	it('keeps unknown entities, bare ampersands and invalid code points literally (nothing is looked up)', () => {
		expect(textContent(parseXml('<a>&nbsp; AT&T &#0; &#xD800; &#x110000; &#12345678; &lol;</a>'))).toBe(
			'&nbsp; AT&T &#0; &#xD800; &#x110000; &#12345678; &lol;',
		);
	});

	it('keeps CDATA verbatim and joins it with the text around it', () => {
		expect(textContent(parseXml('<a>x <![CDATA[<b>&amp;</b>]]> y</a>'))).toBe('x <b>&amp;</b> y');
	});

	it('skips the XML declaration, comments, processing instructions and a byte order mark', () => {
		const root = parseXml('\uFEFF<?xml version="1.0"?><!-- c --><a><?pi data?><!-- <b> -->t</a><!-- after -->');

		expect(root.children).toEqual(['t']);
	});

	it('normalises tabs and line breaks in attribute values to spaces (XML 1.0 §3.3.3)', () => {
		expect(parseXml('<a v="\n0\t1\r\n"/>').attributes.v).toBe(' 0 1  ');
	});

	it('drops whitespace-only text between elements', () => {
		expect(parseXml('<a>\n  <b/>\n  <c/>\n</a>').children.map((c) => (c as XmlElement).name)).toEqual(['b', 'c']);
	});

	it('accepts non-ASCII names and values', () => {
		const root = parseXml('<nachricht sprecher="Jürgen">Grüße 你好</nachricht>');

		expect([root.name, root.attributes.sprecher, textContent(root)]).toEqual(['nachricht', 'Jürgen', 'Grüße 你好']);
	});

	it('treats an attribute called __proto__ as data and pollutes no prototype', () => {
		const root = parseXml('<a __proto__="x" constructor="y" toString="z"/>');

		expect(root.attributes.__proto__).toBe('x');
		expect(Object.keys(root.attributes)).toEqual(['__proto__', 'constructor', 'toString']);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
		expect(Object.getPrototypeOf(root.attributes)).toBeNull();
	});
});

describe('malformed documents raise XmlParseError with line and column', () => {
	it.each([
		['', 'the document has no root element'],
		['   ', 'the document has no root element'],
		['<a>', 'the document ends before </a>'],
		['<a><b></a>', 'closing tag </a> does not match <b>'],
		['</a>', 'closing tag </a> without an opening tag'],
		['<a/><b/>', 'a second root element'],
		['text<a/>', 'text before the root element'],
		['<a/>text', 'text after the root element'],
		['<a x="1" x="2"/>', 'attribute x appears twice in <a>'],
		['<a x="<"/>', '"<" inside the value of attribute x'],
		['<a x=1/>', 'expected a quoted value for attribute x'],
		['<a x/>', 'expected "=" after attribute x'],
		['<a x="1"y="2"/>', 'expected a space before the next attribute of <a>'],
		['<a x="1', 'unterminated value of attribute x'],
		['<a', 'unterminated start tag <a'],
		['<a><!-- never closed', 'unterminated comment'],
		['<a><![CDATA[ never closed', 'unterminated CDATA section'],
		['<a><?pi never closed', 'unterminated processing instruction'],
		['<![CDATA[x]]><a/>', 'CDATA section outside the root element'],
		['<a>x]]>y</a>', '"]]>" is not allowed in text'],
		['<a>1 < 2</a>', 'expected element name'],
		['<1a/>', 'expected element name'],
		['<a></a >x', 'text after the root element'],
		['<a></a', 'expected ">" to end </a'],
		['<!DOCTYPE a><a/>', 'DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused'],
		['<a><!ENTITY x "y"></a>', 'DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused'],
		['<a b="1" / >', 'expected "/>" to end <a'],
	])('%j → %s', (input, reason) => {
		const error = parseError(input);

		expect(error.reason).toBe(reason);
		expect(error.message).toMatch(/\(line \d+, column \d+\)$/);
	});

	it('points at the line and column of the problem', () => {
		const error = parseError('<a>\n  <b>\n  </c>\n</a>');

		expect([error.line, error.column]).toEqual([3, 3]);
	});
});

describe('limits', () => {
	it('refuses input longer than maxInputLength before reading it', () => {
		expect(parseError('<a/>'.repeat(10), { maxInputLength: 39 }).reason).toBe(
			'the document has 40 characters, more than the limit of 39',
		);
	});

	it('refuses nesting deeper than maxDepth', () => {
		expect(parseError('<a><a><a></a></a></a>', { maxDepth: 2 }).reason).toBe('elements are nested deeper than 2 levels');
	});

	it('refuses more nodes than maxNodes', () => {
		expect(parseError(`<a>${'<b/>'.repeat(10)}</a>`, { maxNodes: 10 }).reason).toBe(
			'the document has more than 10 elements and text nodes',
		);
	});

	it('refuses an attribute longer than maxAttributeLength', () => {
		expect(parseError(`<a v="${'x'.repeat(11)}"/>`, { maxAttributeLength: 10 }).reason).toBe(
			'attribute v is longer than 10 characters',
		);
	});

	it('refuses more attributes than maxAttributesPerElement', () => {
		expect(parseError('<a a="1" b="2" c="3"/>', { maxAttributesPerElement: 2 }).reason).toBe('<a> has more than 2 attributes');
	});

	it('refuses names longer than maxNameLength', () => {
		expect(parseError(`<${'n'.repeat(20)}/>`, { maxNameLength: 10 }).reason).toBe('element name longer than 10 characters');
	});
});

describe('decodeReferences', () => {
	it('decodes adjacent references and leaves the rest alone', () => {
		expect(decodeReferences('&amp;&amp;&lt;x&gt;&;&#;&#x;&')).toBe('&&<x>&;&#;&#x;&');
	});

	it('never decodes twice: &amp;lt; is the text "&lt;"', () => {
		expect(decodeReferences('&amp;lt;')).toBe('&lt;');
	});
});
