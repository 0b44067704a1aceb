/**
 * What redaction removes, the token each kind is replaced by, and how the Redact option
 * describes it: the option's text is written from this list, so the two cannot disagree.
 */
export const REDACTION_KINDS = {
	card: { token: '[CARD]', says: 'payment card numbers' },
	cvv: { token: '[CVV]', says: 'security codes' },
	expiry: { token: '[EXPIRY]', says: 'expiry dates' },
	email: { token: '[EMAIL]', says: 'e-mail addresses' },
	phone: { token: '[PHONE]', says: 'phone numbers' },
	iban: { token: '[IBAN]', says: 'IBANs' },
	ssn: { token: '[SSN]', says: 'US SSNs' },
	nino: { token: '[NINO]', says: 'UK National Insurance numbers' },
	number: { token: '[NUMBER]', says: 'every other run of 6 or more digits (Strict only)' },
} as const;

export type RedactionKind = keyof typeof REDACTION_KINDS;

export const REDACTION_TOKENS = Object.fromEntries(
	Object.entries(REDACTION_KINDS).map(([kind, { token }]) => [kind, token]),
) as { readonly [K in RedactionKind]: (typeof REDACTION_KINDS)[K]['token'] };

/** How many of each kind were removed; kinds not found are absent. */
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

/**
 * Off; payment and personal data (the kinds above but `number`); or Strict, which also removes
 * every remaining run of 6 or more digits. `true` is how workflows saved before Strict said "on".
 */
export type RedactionLevel = 'off' | 'standard' | 'strict';

export function addCount(counts: RedactionCounts, kind: RedactionKind, n = 1): void {
	counts[kind] = (counts[kind] ?? 0) + n;
}

export function addCounts(into: RedactionCounts, from: RedactionCounts): void {
	for (const [kind, n] of Object.entries(from) as Array<[RedactionKind, number]>) addCount(into, kind, n);
}

/**
 * Joins the turns of one speaker: a card number read out over several turns is still one
 * card. The characters are Unicode separators that normalised turn text never holds.
 */
export const SAME_SPEAKER = '\u2029';
/** Joins turns of different speakers: a cue ("what's the CVV?") may come from the other side. */
export const SPEAKER_CHANGE = '\u2028';

/**
 * While the passes run, a value already found is overwritten in the working text by one
 * private-use character per original character: later passes cannot match its digits again,
 * and can still see that a card stood there (an expiry or code after a card needs no cue).
 */
const KIND_ORDER = Object.keys(REDACTION_KINDS) as RedactionKind[];
export const PLACEHOLDER: { readonly [K in RedactionKind]: string } = Object.fromEntries(
	KIND_ORDER.map((kind, i) => [kind, String.fromCharCode(0xe001 + i)]),
) as { readonly [K in RedactionKind]: string };
