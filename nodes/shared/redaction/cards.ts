import { luhnValid } from './checksums';

/**
 * Card numbers in the working text, where spoken digits are already digits and every space is
 * a plain one: runs of digit groups joined by short gaps (spaces, dashes, dots, a turn break of
 * the same caller), checked by Luhn and by the first digit of the issuer ranges (2–6: Mastercard,
 * Amex, Visa, Discover, JCB, UnionPay, Maestro), which leaves out epoch times (1…) and the
 * tracking numbers of the big carriers (9…).
 */

const DIGITS = /\d+/g;
/** What may stand between the groups of one card number. */
const GROUP_GAP = /^[ \t\u2029.,…/-]{1,5}$/;
/** A separator written between the groups of one number (not an ellipsis, not a turn break). */
const PUNCTUATION = /^ ?[.,/-] ?$/;
const ALNUM = /[A-Za-z0-9]/;

interface Token {
	start: number;
	end: number;
	digits: string;
}

interface Chain {
	tokens: Token[];
	/** Groups joined by dashes or dots: a card only as a whole (an id or a date is dashed too). */
	punctuated: boolean;
	/** Read over several turns: the groups are where the caller paused, not how a card is printed. */
	acrossTurns: boolean;
}

const isAlnum = (ch: string | undefined) => ch !== undefined && ALNUM.test(ch);

/** A digit group glued to a word ("INT2024", "x86") is part of an identifier, unless it is card-long on its own. */
function glued(text: string, start: number, end: number): boolean {
	return (isAlnum(text[start - 1]) || isAlnum(text[end])) && end - start < 13;
}

function chains(text: string): Chain[] {
	const found: Chain[] = [];
	let current: Chain | undefined;
	for (const match of text.matchAll(DIGITS)) {
		const start = match.index;
		const end = start + match[0].length;
		if (glued(text, start, end)) {
			current = undefined;
			continue;
		}
		const token: Token = { start, end, digits: match[0] };
		const previous = current?.tokens[current.tokens.length - 1];
		const gap = previous ? text.slice(previous.end, start) : '';
		if (current && previous && GROUP_GAP.test(gap)) {
			current.tokens.push(token);
			if (PUNCTUATION.test(gap)) current.punctuated = true;
			if (gap.includes('\u2029')) current.acrossTurns = true;
		} else {
			current = { tokens: [token], punctuated: false, acrossTurns: false };
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

const issuer = (digits: string) => digits.charCodeAt(0) >= 50 && digits.charCodeAt(0) <= 54;
export const isCardNumber = (digits: string) => digits.length >= 13 && digits.length <= 19 && issuer(digits) && luhnValid(digits);

/**
 * The card numbers in one chain. A punctuated chain is a card only as a whole and only in
 * groups of four or more (cards are written 4-4-4-4 or 4-6-5; a dashed id or a date is not).
 * Otherwise a chain may hold more than the card (a leading "oh", the expiry right after), so
 * groups are tried from each start, longest first; a card is at most 19 digits, so each start
 * costs a bounded number of checks.
 */
function cardsIn(chain: Chain): Array<[number, number]> {
	const { tokens } = chain;
	const printed = chain.punctuated && !chain.acrossTurns;
	if (printed && tokens.slice(0, -1).some((t) => t.digits.length < 4)) return [];
	if (isCardNumber(digitsOf(tokens, 0, tokens.length - 1))) return [[0, tokens.length - 1]];
	if (printed) return [];
	const spans: Array<[number, number]> = [];
	let i = 0;
	while (i < tokens.length) {
		if (!issuer(tokens[i].digits)) {
			i++;
			continue;
		}
		let last = -1;
		let length = 0;
		let j = i;
		while (j < tokens.length && length + tokens[j].digits.length <= 19) length += tokens[j++].digits.length;
		for (let k = j - 1; k >= i; k--) {
			const digits = digitsOf(tokens, i, k);
			if (digits.length < 13) break;
			if (isCardNumber(digits)) {
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

/** Where the card numbers lie in the working text. */
export function findCards(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	for (const chain of chains(text)) {
		const first = chain.tokens[0];
		const last = chain.tokens[chain.tokens.length - 1];
		for (const [from, to] of cardsIn(chain)) {
			const start = chain.tokens[from].start;
			const end = chain.tokens[to].end;
			const whole = chain.tokens[from] === first && chain.tokens[to] === last;
			if (!whole && (isAlnum(text[start - 1]) || isAlnum(text[end]))) continue;
			spans.push([start, end]);
		}
	}
	return spans;
}

/**
 * Every Luhn-valid run of 13–19 digits, whatever its first digit and however it is glued or
 * separated: the last check over an output item, which may pass nothing that could be a card.
 */
export function findLuhnRuns(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	const tokens = [...text.matchAll(DIGITS)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
	let i = 0;
	while (i < tokens.length) {
		let found = -1;
		let digits = '';
		for (let k = i; k < tokens.length; k++) {
			if (k > i && !/^[^\p{L}\d]{1,4}$/u.test(text.slice(tokens[k - 1].end, tokens[k].start))) break;
			digits += tokens[k].digits;
			if (digits.length > 19) break;
			if (digits.length >= 13 && luhnValid(digits)) found = k;
		}
		if (found >= 0) {
			spans.push([tokens[i].start, tokens[found].end]);
			i = found + 1;
		} else i++;
	}
	return spans;
}
