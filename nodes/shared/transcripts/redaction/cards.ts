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
	/**
	 * How each group is joined to the one before it (index 0 unused): 'space' for spaces and
	 * within a turn, 'turn' across turns, else the punctuation mark itself. A card is printed with one separator
	 * throughout ("4111-1111-…"); "…1111,11/29,714" is a card, an expiry and a code.
	 */
	joins: string[];
}

const isAlnum = (ch: string | undefined) => ch !== undefined && ALNUM.test(ch);

/** A digit group glued to a word ("INT2024", "x86") is part of an identifier, unless it is card-long on its own. */
function glued(text: string, start: number, end: number): boolean {
	return (isAlnum(text[start - 1]) || isAlnum(text[end])) && end - start < 13;
}

function joinOf(gap: string): string {
	if (gap.includes('\u2029')) return 'turn';
	return PUNCTUATION.test(gap) ? gap.trim() : 'space';
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
			current.joins.push(joinOf(gap));
		} else {
			current = { tokens: [token], joins: [''] };
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
 * Whether groups from..to could be one card as written: joined by one kind of separator, and,
 * when that is punctuation typed in one turn, in groups of four or more (cards are printed
 * 4-4-4-4 or 4-6-5; a dashed id or a date is not).
 */
function printable(chain: Chain, from: number, to: number): boolean {
	const joins = chain.joins.slice(from + 1, to + 1);
	// Read over several turns, the groups are where the caller paused, not how a card is printed.
	if (joins.includes('turn')) return true;
	if (joins.some((join) => join !== joins[0])) return false;
	if (to === from || joins[0] === 'space') return true;
	// Punctuated groups are a card only as the whole run: "112-3456789-1234567" is an order.
	if (joins[0] === '-' && (chain.joins[from] === '-' || chain.joins[to + 1] === '-')) return false;
	for (let i = from; i < to; i++) if (chain.tokens[i].digits.length < 4) return false;
	return true;
}

/**
 * The card numbers in one chain. A chain may hold more than the card (a leading "oh", the
 * expiry and the code right after), so groups are tried from each start, longest first; a card
 * is at most 19 digits, so each start costs a bounded number of checks.
 */
function cardsIn(chain: Chain): Array<[number, number]> {
	const { tokens } = chain;
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
			if (printable(chain, i, k) && isCardNumber(digits)) {
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
		for (const [from, to] of cardsIn(chain)) spans.push([chain.tokens[from].start, chain.tokens[to].end]);
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
