import { IBAN_LENGTHS, ibanValid } from './checksums';
import { REDACTION_TOKENS, addCount, type RedactionCounts, type RedactionKind } from './kinds';

/**
 * Every pattern here has bounded quantifiers only and no nested repetition, so the cost per
 * starting position is bounded and a pass over any text is linear in its length.
 */
interface Pass {
	kind: RedactionKind;
	pattern: RegExp;
	/** The replacement for a match, or undefined to keep it (a checksum or shape check failed). */
	replace: (match: RegExpExecArray | RegExpMatchArray, text: string) => string | undefined;
}

const token = (kind: RedactionKind) => REDACTION_TOKENS[kind];

/** Keeps the cue and the words after it, replaces only the value. */
const afterCue = (kind: RedactionKind) => (match: RegExpMatchArray) => match[1] + token(kind);

const TLDS = 'com|org|net|edu|gov|info|biz|io|co|uk|de|fr|es|it|nl|ie|eu|us|ca|au|in|me';
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const UNIT_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
/** An expiry read out: "oh nine twenty seven", "twelve twenty-six", "nine twenty twenty eight". */
const SPOKEN_EXPIRY = `(?:(?:oh|zero) )?(?:${UNIT_WORD}|ten|eleven|twelve)[ /-](?:twenty[ -])?(?:twenty|thirty)(?:[ -]${UNIT_WORD})?\\b`;
const PHONE_CUE = /\b(?:phone|cell|mobile|tel|telephone|call me|call you|callback|call back|reach me|ring me|text me|contact number)\b/i;
const CVV_CUE =
	'cvv2?|cvc2?|csc|cid|security code|(?<!social )security number|verification (?:code|value|number)|(?:three|four|3|4)[- ]digit (?:code|number)|code on the back';
const EXPIRY_CUE =
	'expires|expire|expiry|expiring|expiration|exp|exp date|valid (?:thru|through|until|till)|good (?:thru|through)';
const SSN_CUE = 'ssn|social security(?: number)?|social';
const ANY_CUE = new RegExp(`\\b(?:${CVV_CUE}|${EXPIRY_CUE}|${SSN_CUE})\\b`, 'i');

/** True when the words name a value that only a cue identifies ("CVV", "Expiry date", "SSN"). */
export function namesCuedValue(words: string): boolean {
	return ANY_CUE.test(words);
}

function ibanReplace(match: RegExpMatchArray): string | undefined {
	const candidate = match[0];
	const country = candidate.slice(0, 2).toUpperCase();
	const length = IBAN_LENGTHS[country];
	if (length === undefined) return undefined;
	// The candidate may run on into the next word; cut it where this country's IBAN ends.
	let count = 0;
	let end = 0;
	while (end < candidate.length && count < length) {
		if (/[A-Za-z0-9]/.test(candidate[end])) count++;
		end++;
	}
	if (count < length || /[A-Za-z0-9]/.test(candidate[end] ?? '')) return undefined;
	const iban = candidate.slice(0, end).replace(/[ -]/g, '').toUpperCase();
	return ibanValid(iban) ? token('iban') + candidate.slice(end) : undefined;
}

function phoneReplace(match: RegExpMatchArray, text: string): string | undefined {
	const candidate = match[0];
	const digits = candidate.replace(/\D/g, '');
	const groups = candidate.split(/[^\d]+/).filter(Boolean).map((g) => g.length).join(',');
	const separated = /[ ().-]/.test(candidate.replace(/^\+/, ''));
	const before = text.slice(Math.max(0, (match.index ?? 0) - 40), match.index);
	const cued = PHONE_CUE.test(before);
	let phone = false;
	if (candidate.startsWith('+')) phone = digits.length >= 8 && digits.length <= 15;
	else if (digits.startsWith('00')) phone = digits.length >= 11 && digits.length <= 15 && (separated || cued);
	else if (digits.startsWith('0')) {
		phone = digits.length >= 10 && digits.length <= 11 && (separated || cued || /^07\d{9}$/.test(digits));
	} else if (/^[2-9]\d{9}$/.test(digits)) phone = groups === '3,3,4' || cued;
	else if (/^1[2-9]\d{9}$/.test(digits)) phone = groups === '1,3,3,4' || cued;
	// A local number without its area code is a phone only when the speaker says so.
	else if (/^[2-9]\d{6}$/.test(digits)) phone = groups === '3,4' && cued;
	return phone ? token('phone') : undefined;
}

const PASSES: Pass[] = [
	{
		kind: 'email',
		pattern: /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){1,6}/g,
		replace: (m) => (/\.[A-Za-z]{2,24}$/.test(m[0]) ? token('email') : undefined),
	},
	{
		// Spoken form from speech-to-text: "jane dot doe at example dot com".
		kind: 'email',
		pattern: new RegExp(
			`\\b[a-z0-9][\\w.-]{0,40}(?: dot [a-z0-9][\\w-]{0,40}){0,3} at [a-z0-9][a-z0-9-]{0,40}(?: dot [a-z0-9-]{1,40}){0,2} dot (?:${TLDS})\\b`,
			'gi',
		),
		replace: () => token('email'),
	},
	{
		kind: 'iban',
		pattern: /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}/g,
		replace: ibanReplace,
	},
	{
		kind: 'cvv',
		pattern: new RegExp(
			`(\\b(?:${CVV_CUE})\\b[^0-9]{0,40}?)(?<![0-9])(\\d{3,4}|\\d(?: \\d){2,3}|${DIGIT_WORD}(?:[ -]${DIGIT_WORD}){2,3}\\b)(?![0-9]|[ ./-][0-9])`,
			'gi',
		),
		replace: afterCue('cvv'),
	},
	{
		kind: 'expiry',
		pattern: new RegExp(
			`(\\b(?:${EXPIRY_CUE})\\b[^0-9]{0,30}?)(?<![0-9])((?:0?[1-9]|1[0-2])(?: ?[/.-] ?| )?(?:20)?\\d{2}|(?:${MONTHS})[a-z]{0,6}\\.?,? (?:of )?(?:20)?\\d{2}|${SPOKEN_EXPIRY})(?![0-9])`,
			'gi',
		),
		replace: afterCue('expiry'),
	},
	{
		kind: 'ssn',
		pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g,
		replace: () => token('ssn'),
	},
	{
		kind: 'ssn',
		pattern: new RegExp(`(\\b(?:${SSN_CUE})\\b[^0-9]{0,30}?)(?<![0-9])(?!000|666|9\\d\\d)(\\d{9})(?![0-9])`, 'gi'),
		replace: afterCue('ssn'),
	},
	{
		kind: 'nino',
		pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b/gi,
		replace: () => token('nino'),
	},
	{
		kind: 'phone',
		pattern: /(?<![\w#/:.+-])(?<!\d[ .-])(?:\+ ?)?\(?\d[\d ().-]{5,20}\d(?![\w#/:-]|[ .-]?\d|\.\d)/g,
		replace: phoneReplace,
	},
];

function runPass(text: string, pass: Pass, counts: RedactionCounts): string {
	let out = '';
	let at = 0;
	for (const match of text.matchAll(pass.pattern)) {
		const replacement = pass.replace(match, text);
		if (replacement === undefined) continue;
		const start = match.index ?? 0;
		out += text.slice(at, start) + replacement;
		at = start + match[0].length;
		addCount(counts, pass.kind);
	}
	return at === 0 ? text : out + text.slice(at);
}

/**
 * E-mails and IBANs run before the card scan (their digits could pass for a card); SSNs and NI
 * numbers before the cue-led CVV and expiry (an SSN after "social security number" is not a CVV);
 * phones last, once every other number is gone.
 */
export function redactPatterns(text: string, counts: RedactionCounts, stage: 'before-cards' | 'after-cards'): string {
	const kinds: RedactionKind[] = stage === 'before-cards' ? ['email', 'iban'] : ['ssn', 'nino', 'cvv', 'expiry', 'phone'];
	let out = text;
	for (const kind of kinds) for (const pass of PASSES) if (pass.kind === kind) out = runPass(out, pass, counts);
	return out;
}
