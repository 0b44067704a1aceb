import { findCards } from './cards';
import { conversationView, type SpokenText } from './conversation';
import { PLACEHOLDER, REDACTION_TOKENS, addCount, type RedactionCounts, type RedactionKind, type RedactionLevel } from './kinds';
import { findLongNumbers } from './numbers';
import { CODE_PASSES, EMAIL_PASSES, IBAN_PASSES, ID_PASSES, PHONE_PASSES, type Pass } from './patterns';

export type { SpokenText } from './conversation';

export interface RedactedText {
	text: string;
	redactions: RedactionCounts;
}

interface Found {
	kind: RedactionKind;
	start: number;
	end: number;
}

type Stage = { kind: RedactionKind; find: (text: string) => Array<[number, number]> } | Pass[];

function passSpans(pass: Pass, text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	for (const [from, to] of searchWindows(pass, text)) {
		const pattern = new RegExp(pass.pattern.source, pass.pattern.flags);
		pattern.lastIndex = from;
		let match: RegExpExecArray | null;
		while ((match = pattern.exec(text)) !== null && match.index < to) {
			const span = pass.value(match, text);
			if (span) spans.push(span);
			if (match[0].length === 0) pattern.lastIndex++;
		}
	}
	return spans;
}

/**
 * Where a pass needs to look. A pass with an anchor (the "at" of a spoken e-mail address) reads
 * only a bounded neighbourhood of each anchor, merged where they overlap: still linear, and far
 * cheaper than trying its long pattern at every word.
 */
const ANCHOR_REACH = 400;

function searchWindows(pass: Pass, text: string): Array<[number, number]> {
	if (pass.anchor === undefined) return [[0, text.length]];
	const windows: Array<[number, number]> = [];
	const anchor = new RegExp(pass.anchor.source, 'g');
	for (const match of text.matchAll(anchor)) {
		const from = Math.max(0, match.index - ANCHOR_REACH);
		const to = match.index + ANCHOR_REACH;
		const last = windows[windows.length - 1];
		if (last && from <= last[1]) last[1] = to;
		else windows.push([from, to]);
	}
	return windows;
}

/**
 * E-mails and IBANs go first (their digits could otherwise pass for a card), then cards, then
 * the identity numbers, then the codes and expiry dates (cued by a word or by the card just
 * found), then phones, once every other number is gone; Strict takes what numbers are left.
 */
function stages(level: RedactionLevel): Stage[] {
	const list: Stage[] = [EMAIL_PASSES, IBAN_PASSES, { kind: 'card', find: findCards }, ID_PASSES, CODE_PASSES, PHONE_PASSES];
	if (level === 'strict') list.push({ kind: 'number', find: findLongNumbers });
	return list;
}

/** Overwrites the found values in the working text, keeping the turn separators where they are. */
function placehold(text: string, found: Found[]): string {
	if (found.length === 0) return text;
	const sorted = [...found].sort((a, b) => a.start - b.start);
	let out = '';
	let at = 0;
	for (const { kind, start, end } of sorted) {
		if (start < at) continue;
		out += text.slice(at, start) + text.slice(start, end).replace(/[^\u2028\u2029]/g, PLACEHOLDER[kind]);
		at = end;
	}
	return out + text.slice(at);
}

function findAll(working: string, level: RedactionLevel): Found[] {
	const all: Found[] = [];
	let text = working;
	for (const stage of stages(level)) {
		const passes = Array.isArray(stage) ? stage : [stage];
		for (const pass of passes) {
			const spans = 'pattern' in pass ? passSpans(pass, text) : pass.find(text);
			const found = spans.map(([start, end]) => ({ kind: pass.kind, start, end }));
			text = placehold(text, found);
			all.push(...found);
		}
	}
	return all;
}

/** What a value is made of, as against the separators around and between its parts. */
const VALUE_CHAR = /[\p{L}\p{N}@+(]/u;

interface Edit {
	start: number;
	end: number;
	token: string;
}

/** Replaces payment and personal data in a conversation, turn by turn; returns the texts in order. */
export function redactTurns(turns: SpokenText[], level: RedactionLevel = 'standard'): { texts: string[]; redactions: RedactionCounts } {
	const redactions: RedactionCounts = {};
	if (level === 'off' || turns.length === 0) return { texts: turns.map((t) => t.text), redactions };
	const view = conversationView(turns);
	const edits: Edit[][] = turns.map(() => []);
	for (const { kind, start, end } of findAll(view.text, level)) {
		addCount(redactions, kind);
		// A value over several turns is replaced in each turn it touches, and nowhere in between;
		// in each turn from its first to its last letter or digit (the "..." a caller trails off
		// with stays).
		let i = start;
		while (i < end) {
			const turn = view.turn[i];
			let editStart = -1;
			let editEnd = -1;
			while (i < end && view.turn[i] === turn) {
				if (turn >= 0 && VALUE_CHAR.test(view.text[i])) {
					if (editStart < 0) editStart = view.from[i];
					editEnd = Math.max(editEnd, view.to[i]);
				}
				i++;
			}
			if (editStart >= 0) edits[turn].push({ start: editStart, end: editEnd, token: REDACTION_TOKENS[kind] });
		}
	}
	const texts = turns.map((turn, i) => applyEdits(turn.text, edits[i]));
	return { texts, redactions };
}

function applyEdits(text: string, edits: Edit[]): string {
	if (edits.length === 0) return text;
	edits.sort((a, b) => a.start - b.start);
	let out = '';
	let at = 0;
	for (const edit of edits) {
		if (edit.start < at) {
			// Two values over the same characters (a spoken run both read): one token covers both.
			at = Math.max(at, edit.end);
			continue;
		}
		out += text.slice(at, edit.start) + edit.token;
		at = edit.end;
	}
	return out + text.slice(at);
}

/** Replaces payment and personal data in one text with tokens and counts what it replaced. */
export function redactText(text: string, level: RedactionLevel = 'standard'): RedactedText {
	const { texts, redactions } = redactTurns([{ speaker: '', text }], level);
	return { text: texts[0], redactions };
}
