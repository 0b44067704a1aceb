import { redactCards } from './cards';
import { SAME_SPEAKER, SPEAKER_CHANGE, type RedactionCounts } from './kinds';
import { redactPatterns } from './patterns';


export interface RedactedText {
	text: string;
	redactions: RedactionCounts;
}

/**
 * E-mails and IBANs go first (their digits could otherwise pass for a card), then cards, then
 * the short numbers (CVV, expiry, SSN, NINO, phone), which a card's digits would otherwise feed.
 */
function redactJoined(text: string, counts: RedactionCounts): string {
	let out = redactPatterns(text, counts, 'before-cards');
	out = redactCards(out, counts);
	return redactPatterns(out, counts, 'after-cards');
}

/** Replaces payment and personal data in one text with tokens and counts what it replaced. */
export function redactText(text: string): RedactedText {
	const redactions: RedactionCounts = {};
	return { text: redactJoined(text, redactions), redactions };
}

export interface SpokenText {
	/** Who said it; consecutive texts of one speaker are read as one utterance. */
	speaker: string;
	text: string;
}

/**
 * Redacts a conversation turn by turn, reading each speaker's consecutive turns together: a card
 * number read out over two turns is found, and a cue in one turn ("what's the security code?")
 * applies to the number that opens the next. Returns the texts in the same order.
 */
export function redactTurns(turns: SpokenText[]): { texts: string[]; redactions: RedactionCounts } {
	const redactions: RedactionCounts = {};
	if (turns.length === 0) return { texts: [], redactions };
	let joined = '';
	turns.forEach((turn, i) => {
		if (i > 0) joined += turn.speaker === turns[i - 1].speaker ? SAME_SPEAKER : SPEAKER_CHANGE;
		joined += turn.text.replace(/[\u2028\u2029]/g, '\n');
	});
	const texts = redactJoined(joined, redactions).split(/[\u2028\u2029]/);
	return { texts, redactions };
}
