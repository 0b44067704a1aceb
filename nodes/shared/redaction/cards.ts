import { luhnValid } from './checksums';
import { REDACTION_TOKENS, SAME_SPEAKER, addCount, type RedactionCounts } from './kinds';

const DIGIT_WORDS: Readonly<Record<string, string>> = {
	zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4',
	five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

/** A group of digits as written ("4111") or one spoken digit ("four"). */
const DIGIT_TOKEN = /\d+|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b/gi;
/** What may stand between the groups of one card number: a few spaces, dashes or a segment break. */
const GROUP_GAP = /^[ \t\u00a0\u2029-]{1,4}$/;
const ALNUM = /[A-Za-z0-9]/;
/** A number glued to a word by these belongs to an identifier (INT-2024…, order/123…), not a card. */
const JOINERS = /[-_/.:#]/;

interface Token {
	start: number;
	end: number;
	digits: string;
}

interface Chain {
	tokens: Token[];
	dashed: boolean;
}

function isAlnum(ch: string | undefined): boolean {
	return ch !== undefined && ALNUM.test(ch);
}

/** True when the characters before `start` (or after `end`) glue the number to a word. */
function attached(text: string, start: number, end: number): boolean {
	const before = text[start - 1];
	const after = text[end];
	if (isAlnum(before) || isAlnum(after)) return true;
	if (before !== undefined && JOINERS.test(before) && isAlnum(text[start - 2])) return true;
	if (after !== undefined && JOINERS.test(after) && after !== '.' && isAlnum(text[end + 1])) return true;
	return false;
}

/** Runs of digit groups separated only by short gaps; one pass over the text. */
function chains(text: string): Chain[] {
	const found: Chain[] = [];
	let current: Chain | undefined;
	for (const match of text.matchAll(DIGIT_TOKEN)) {
		const start = match.index;
		const end = start + match[0].length;
		const word = DIGIT_WORDS[match[0].toLowerCase()];
		if (word === undefined && (isAlnum(text[start - 1]) || isAlnum(text[end]))) {
			current = undefined;
			continue;
		}
		const token: Token = { start, end, digits: word ?? match[0] };
		const previous = current?.tokens[current.tokens.length - 1];
		const gap = previous ? text.slice(previous.end, start) : '';
		if (current && previous && GROUP_GAP.test(gap)) {
			current.tokens.push(token);
			if (gap.includes('-')) current.dashed = true;
		} else {
			current = { tokens: [token], dashed: false };
			found.push(current);
		}
	}
	return found;
}

function digitsOf(tokens: Token[], from: number, to: number): string {
	let digits = '';
	for (let i = from; i <= to; i++) digits += tokens[i].digits;
	return digits;
}

/**
 * The card numbers in one chain. A dashed chain is a card only as a whole and only in groups of
 * four or more (cards are written 4-4-4-4 or 4-6-5; a dashed id or ISBN is not). A spoken chain may hold more than the card (a
 * leading "oh", the expiry right after), so groups are tried from each start, longest first;
 * a card is at most 19 digits, so each start costs a bounded number of checks.
 */
function cardsIn(chain: Chain): Array<[number, number]> {
	const { tokens } = chain;
	if (chain.dashed && tokens.slice(0, -1).some((t) => t.digits.length < 4)) return [];
	const whole = digitsOf(tokens, 0, tokens.length - 1);
	if (whole.length >= 13 && whole.length <= 19 && luhnValid(whole)) return [[0, tokens.length - 1]];
	if (chain.dashed) return [];
	const spans: Array<[number, number]> = [];
	let i = 0;
	while (i < tokens.length) {
		let last = -1;
		let length = 0;
		let j = i;
		while (j < tokens.length && length + tokens[j].digits.length <= 19) length += tokens[j++].digits.length;
		for (let k = j - 1; k >= i; k--) {
			const digits = digitsOf(tokens, i, k);
			if (digits.length < 13) break;
			if (luhnValid(digits)) {
				last = k;
				break;
			}
		}
		if (last >= 0) {
			spans.push([i, last]);
			i = last + 1;
		} else i++;
	}
	return spans;
}

/** Replaces each piece of a span with the token; a span over a segment break keeps the break. */
function tokenFor(span: string, token: string): string {
	return span
		.split(SAME_SPEAKER)
		.map((piece) => {
			const trimmed = piece.trim();
			return trimmed === '' ? piece : piece.replace(trimmed, token);
		})
		.join(SAME_SPEAKER);
}

export function redactCards(text: string, counts: RedactionCounts): string {
	const spans: Array<[number, number]> = [];
	for (const chain of chains(text)) {
		const first = chain.tokens[0];
		const last = chain.tokens[chain.tokens.length - 1];
		for (const [from, to] of cardsIn(chain)) {
			const start = chain.tokens[from].start;
			const end = chain.tokens[to].end;
			const whole = chain.tokens[from] === first && chain.tokens[to] === last;
			if (whole && attached(text, start, end)) continue;
			if (!whole && (isAlnum(text[start - 1]) || isAlnum(text[end]))) continue;
			spans.push([start, end]);
		}
	}
	if (spans.length === 0) return text;
	addCount(counts, 'card', spans.length);
	let out = '';
	let at = 0;
	for (const [start, end] of spans) {
		out += text.slice(at, start) + tokenFor(text.slice(start, end), REDACTION_TOKENS.card);
		at = end;
	}
	return out + text.slice(at);
}
