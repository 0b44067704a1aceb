/**
 * The words speech-to-text writes for numbers and letters, so that a number read out is matched
 * by the same rules as one typed: "four one one one", "double five", "oh seven seven hundred",
 * "golf bravo eight two", "j o h n". English first; German digit words because German calls
 * read IBANs and phone numbers digit by digit.
 */

/** One spoken digit (or "oh"/"o", a zero only next to other digits). */
export const UNIT_WORDS: Readonly<Record<string, number>> = {
	zero: 0, nought: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
	null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, 'fünf': 5, fuenf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
};

/** Words that are a zero only beside another number word or digit ("oh, I see" keeps its "oh"). */
export const ZERO_ONLY_BESIDE_DIGITS: ReadonlySet<string> = new Set(['oh', 'o', 'null']);

export const TEEN_WORDS: Readonly<Record<string, number>> = {
	ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
	eighteen: 18, nineteen: 19, zehn: 10, elf: 11, 'zwölf': 12,
};

export const TENS_WORDS: Readonly<Record<string, number>> = {
	twenty: 2, thirty: 3, forty: 4, fourty: 4, fifty: 5, sixty: 6, seventy: 7, eighty: 8, ninety: 9,
};

/** "double five" is 55, "triple oh" is 000. */
export const REPEAT_WORDS: Readonly<Record<string, number>> = { double: 2, triple: 3 };

export const SCALE_WORDS: Readonly<Record<string, number>> = { hundred: 2, thousand: 3 };

/** The NATO spelling alphabet, as callers spell postcodes, IBANs and e-mail addresses. */
export const NATO_WORDS: Readonly<Record<string, string>> = {
	alpha: 'A', alfa: 'A', bravo: 'B', charlie: 'C', delta: 'D', echo: 'E', foxtrot: 'F', golf: 'G', hotel: 'H',
	india: 'I', juliet: 'J', juliett: 'J', kilo: 'K', lima: 'L', mike: 'M', november: 'N', oscar: 'O', papa: 'P',
	quebec: 'Q', romeo: 'R', sierra: 'S', tango: 'T', uniform: 'U', victor: 'V', whiskey: 'W', whisky: 'W',
	xray: 'X', 'x-ray': 'X', yankee: 'Y', zulu: 'Z',
};

/**
 * What a caller says in the middle of reading a number without ending it. Kept short: each
 * is skipped only between two parts of a number, never on its own.
 */
export const FILLERS = [
	'um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'ah', 'hmm', 'mm', 'sorry', 'hang on', 'hold on', 'let me see',
	'let me check', 'slash', 'dash', 'hyphen', 'one sec', 'just a sec', 'wait', 'okay', 'ok', 'so', 'like', 'yeah', 'right', 'then', 'and then', 'ähm', 'äh',
];

const words = (table: Readonly<Record<string, unknown>>) => Object.keys(table);

/** Every single word that can be an item of a spoken number or spelling, longest first. */
export const ITEM_WORDS: string[] = [
	...words(UNIT_WORDS),
	...words(TEEN_WORDS),
	...words(TENS_WORDS),
	...words(REPEAT_WORDS),
	...words(SCALE_WORDS),
	...words(NATO_WORDS),
].sort((a, b) => b.length - a.length);
