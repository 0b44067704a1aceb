import {
	FILLERS,
	ITEM_WORDS,
	NATO_WORDS,
	REPEAT_WORDS,
	SCALE_WORDS,
	TEEN_WORDS,
	TENS_WORDS,
	UNIT_WORDS,
	ZERO_ONLY_BESIDE_DIGITS,
} from './spoken';

/**
 * One text as the matchers read it, with where each of its characters came from: the matchers
 * see "4111 1111" whether the caller typed it, read it out ("four one one one, um, one one one
 * one"), pasted it in full-width digits or with thin spaces, and a match is mapped back to the
 * original characters it covers.
 */
export interface Normalised {
	text: string;
	/** For each character of `text`, the start of the original characters it stands for. */
	from: Int32Array;
	/** For each character of `text`, the end (exclusive) of the original characters it stands for. */
	to: Int32Array;
}

/** The zero of each Unicode decimal digit block that transcripts are seen to carry. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0xff10];

/** A character as the matchers read it: one for one, so offsets stay those of the original. */
function plainChar(code: number): number {
	for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return 48 + code - zero;
	// Full-width forms of ASCII (ＡＢ＠４１): what an IME types.
	if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
	// Every kind of space, including the thin and narrow no-break ones between digit groups,
	// and zero-width characters, which would otherwise split a number invisibly.
	if (code === 0x00a0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200d) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff || code === 0x00ad) return 32;
	if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63) return 45;
	// The two separators the conversation view joins turns with never come from a turn itself.
	if (code === 0x2028 || code === 0x2029) return 10;
	return code;
}

function plainChars(text: string): string {
	let changed = false;
	for (let i = 0; i < text.length && !changed; i++) changed = text.charCodeAt(i) >= 0x80 && plainChar(text.charCodeAt(i)) !== text.charCodeAt(i);
	if (!changed) return text;
	let out = '';
	let at = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) continue;
		const plain = plainChar(code);
		if (plain === code) continue;
		out += text.slice(at, i) + String.fromCharCode(plain);
		at = i + 1;
	}
	return out + text.slice(at);
}

const escape = (word: string) => word.replace(/ /g, '\\s+');
const ITEM = `(?:\\d+|(?:${ITEM_WORDS.join('|')}|[a-zäöüß])(?![\\p{L}\\d'’]))`;
const FILLER = `(?:${FILLERS.map(escape).join('|')})(?![\\p{L}\\d])`;
const GAP = `[\\s,.;…-]{1,5}(?:${FILLER}[\\s,.;…-]{1,5}){0,3}`;
/**
 * A run of number words, digit groups, spelled letters and the fillers between them. Bounded
 * repetition only: every start costs a bounded number of steps, so a pass is linear.
 */
const RUN = new RegExp(`(?<![\\p{L}\\d'’])${ITEM}(?:${GAP}${ITEM}){1,80}`, 'giu');
/** The same parts, read one after the other through a run the pattern above found. */
const ITEM_AT = new RegExp(ITEM, 'iuy');
const GAP_AT = new RegExp(GAP, 'iuy');

type ItemKind = 'digits' | 'unit' | 'teen' | 'tens' | 'repeat' | 'scale' | 'letter' | 'word';

interface Item {
	start: number;
	end: number;
	word: string;
	kind: ItemKind;
	/** What it becomes; undefined keeps it as written. */
	out?: string;
}

interface Edit {
	start: number;
	end: number;
	text: string;
}

const isNumeric = (item: Item | undefined) =>
	item !== undefined && (item.kind === 'digits' || item.kind === 'unit' || item.kind === 'teen' || item.kind === 'tens' || item.kind === 'repeat' || item.kind === 'scale');

function kindOf(word: string): ItemKind {
	if (/^\d+$/.test(word)) return 'digits';
	if (word in UNIT_WORDS) return 'unit';
	if (word in TEEN_WORDS) return 'teen';
	if (word in TENS_WORDS) return 'tens';
	if (word in REPEAT_WORDS) return 'repeat';
	if (word in SCALE_WORDS) return 'scale';
	if (word in NATO_WORDS || word.length === 1) return 'letter';
	return 'word';
}

/** The digits a spoken number word stands for, given the item after it. */
function spokenDigits(item: Item, next: Item | undefined, previous: Item | undefined): string | undefined {
	const { word } = item;
	switch (item.kind) {
		case 'unit': {
			const digit = String(UNIT_WORDS[word]);
			const repeat = previous?.kind === 'repeat' ? REPEAT_WORDS[previous.word] : 1;
			return digit.repeat(repeat);
		}
		case 'teen':
			return String(TEEN_WORDS[word]);
		case 'tens':
			// "twenty seven" is 27: the unit after it fills the second digit.
			return next?.kind === 'unit' && UNIT_WORDS[next.word] !== 0 ? String(TENS_WORDS[word]) : `${TENS_WORDS[word]}0`;
		case 'repeat':
			return next?.kind === 'unit' ? '' : undefined;
		case 'scale': {
			if (previous?.kind !== 'unit' && previous?.kind !== 'teen') return undefined;
			const width = SCALE_WORDS[word];
			// "nine hundred" is 900, "one hundred twenty three" 123, "two thousand twenty" 2020.
			const rest = next?.kind === 'tens' || next?.kind === 'teen' ? 2 : next?.kind === 'unit' ? 1 : 0;
			return '0'.repeat(width - rest);
		}
		default:
			return undefined;
	}
}

/** Reads one run of items and says what each becomes and what each gap between them becomes. */
function runEdits(text: string, runStart: number, run: string, edits: Edit[]): void {
	const items: Item[] = [];
	const fillerAfter: boolean[] = [];
	let at = 0;
	while (at < run.length) {
		ITEM_AT.lastIndex = at;
		const item = ITEM_AT.exec(run);
		if (item === null) break;
		const word = item[0].toLowerCase();
		items.push({ start: runStart + at, end: runStart + at + item[0].length, word, kind: kindOf(word) });
		at += item[0].length;
		GAP_AT.lastIndex = at;
		const gap = GAP_AT.exec(run);
		if (gap === null) break;
		fillerAfter[items.length - 1] = /\p{L}/u.test(gap[0]);
		at += gap[0].length;
	}
	// "oh" is a zero only beside a digit ("eleven oh oh" is 1100); otherwise it is the word
	// (or the letter o).
	const zero = items.map((item) => !ZERO_ONLY_BESIDE_DIGITS.has(item.word) && isNumeric(item));
	for (let pass = 0; pass < 2; pass++) {
		const order = pass === 0 ? items.map((_, i) => i) : items.map((_, i) => items.length - 1 - i);
		for (const i of order) if (ZERO_ONLY_BESIDE_DIGITS.has(items[i].word) && (zero[i - 1] || zero[i + 1])) zero[i] = true;
	}
	items.forEach((item, i) => {
		if (ZERO_ONLY_BESIDE_DIGITS.has(item.word) && !zero[i]) item.kind = item.word.length === 1 ? 'letter' : 'word';
	});
	const spoken = items.filter((i) => i.kind === 'unit' || i.kind === 'teen' || i.kind === 'tens').length;
	const written = items.filter((i) => i.kind === 'digits').length;
	const letters = items.filter((i) => i.kind === 'letter').length;
	const spelled = letters >= 3 || (letters >= 2 && spoken + written >= 2);
	const numbers = spoken >= 2 || (spoken >= 1 && (written >= 2 || spelled));
	// "seven hundred, nine" is 700 and 9: a pause ends a spoken number.
	const joined = items.map((item, i) => i + 1 < items.length && !fillerAfter[i] && !/[,;…]|\.\s/.test(text.slice(item.end, items[i + 1].start)));
	items.forEach((item, i) => {
		if (item.kind === 'digits') item.out = text.slice(item.start, item.end);
		else if (item.kind === 'letter' && spelled) item.out = NATO_WORDS[item.word] ?? text.slice(item.start, item.end);
		else if (numbers && item.kind !== 'letter' && item.kind !== 'word') {
			item.out = spokenDigits(item, joined[i] ? items[i + 1] : undefined, i > 0 && joined[i - 1] ? items[i - 1] : undefined);
		}
	});
	const isWritten = (item: Item) => item.kind === 'digits';
	const atomic = (item: Item) => item.out !== undefined && item.out.length <= 1;
	for (let i = 0; i < items.length; i++) {
		const item = items[i];
		if (item.out !== undefined && !isWritten(item)) edits.push({ start: item.start, end: item.end, text: item.out });
		const next = items[i + 1];
		if (next === undefined) break;
		const gap = text.slice(item.end, next.start);
		const filler = fillerAfter[i] === true;
		const pause = /[,;…]|\.\s/.test(gap);
		let out: string | undefined;
		if (item.out === undefined || next.out === undefined) out = filler && isWritten(item) && isWritten(next) ? ' ' : undefined;
		else if (isWritten(item) && isWritten(next) && !filler) out = spelled && atomic(item) && atomic(next) && !pause ? '' : undefined;
		else if (pause) out = gap === ' ' ? undefined : ' ';
		else if (isWritten(item) && isWritten(next)) out = filler || (spelled && atomic(item) && atomic(next)) ? (filler ? ' ' : '') : undefined;
		else if (filler) out = isWritten(item) || isWritten(next) ? ' ' : '';
		else out = (isWritten(item) && !atomic(item)) || (isWritten(next) && !atomic(next)) ? ' ' : '';
		if (out !== undefined && out !== gap) edits.push({ start: item.end, end: next.start, text: out });
	}
}

/** The text as the matchers read it, and where each character came from. */
export function normalise(original: string): Normalised {
	const text = plainChars(original);
	const edits: Edit[] = [];
	for (const run of text.matchAll(RUN)) runEdits(text, run.index, run[0], edits);
	const from = new Int32Array(text.length);
	const to = new Int32Array(text.length);
	if (edits.length === 0) {
		for (let i = 0; i < text.length; i++) {
			from[i] = i;
			to[i] = i + 1;
		}
		return { text, from, to };
	}
	let out = '';
	let n = 0;
	let at = 0;
	const copy = (end: number) => {
		for (let i = at; i < end; i++) {
			from[n] = i;
			to[n++] = i + 1;
		}
		out += text.slice(at, end);
	};
	for (const edit of edits) {
		copy(edit.start);
		for (let k = 0; k < edit.text.length; k++) {
			from[n] = edit.start;
			to[n++] = edit.end;
		}
		out += edit.text;
		at = edit.end;
	}
	copy(text.length);
	return { text: out, from: from.subarray(0, n), to: to.subarray(0, n) };
}
