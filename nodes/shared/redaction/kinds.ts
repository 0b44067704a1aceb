/** What redaction removes, and the token each kind is replaced by. */
export const REDACTION_TOKENS = {
	card: '[CARD]',
	cvv: '[CVV]',
	expiry: '[EXPIRY]',
	email: '[EMAIL]',
	phone: '[PHONE]',
	iban: '[IBAN]',
	ssn: '[SSN]',
	nino: '[NINO]',
} as const;

export type RedactionKind = keyof typeof REDACTION_TOKENS;

/** How many of each kind were removed; kinds not found are absent. */
export type RedactionCounts = Partial<Record<RedactionKind, number>>;

export function addCount(counts: RedactionCounts, kind: RedactionKind, n = 1): void {
	counts[kind] = (counts[kind] ?? 0) + n;
}

/**
 * Joins the segments of one speaker: a card number read out over several segments is still one
 * card. The characters are Unicode separators that transcript text does not use.
 */
export const SAME_SPEAKER = '\u2029';
/** Joins segments of different speakers: a cue ("what's the CVV?") may come from the other side. */
export const SPEAKER_CHANGE = '\u2028';
