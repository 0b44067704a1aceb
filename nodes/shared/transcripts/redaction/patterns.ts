import { IBAN_LENGTHS, ibanValid } from './checksums';
import { PLACEHOLDER, type RedactionKind } from './kinds';

/**
 * The passes over the working text (normalised, turns joined, found values overwritten by
 * placeholders). Every pattern has bounded quantifiers only and no nested repetition, so the
 * cost per starting position is bounded and a pass over any text is linear in its length.
 */
export interface Pass {
	kind: RedactionKind;
	pattern: RegExp;
	/** A short pattern every match contains: the pass then reads only around it. */
	anchor?: RegExp;
	/** Where the value lies in the working text, or undefined to keep the match. */
	value: (match: RegExpExecArray, text: string) => [number, number] | undefined;
}

/** The whole match is the value. */
const whole = (match: RegExpExecArray): [number, number] => [match.index, match.index + match[0].length];

/** The cue and the words after it (group 1, the words alone group 2) stay; the value is the last group. */
function afterCue(match: RegExpExecArray): [number, number] | undefined {
	const value = match[match.length - 1];
	if (ANTI_CUE.test(match[2])) return undefined;
	const end = match.index + match[0].length;
	return [end - value.length, end];
}

const CARD = PLACEHOLDER.card;
const EXPIRY = PLACEHOLDER.expiry;
/** Between a cue and its value: no digit and no value already found, across turns. */
const WINDOW = (n: number) => `([^0-9\\uE001-\\uE0FF]{0,${n}}?)`;
/** "ending in 4242", "last four 1881": what follows names a part of the card, not a code. */
const ANTI_CUE =
	/\b(?:last|ending|ends|end in|final|charged|paid|order|ticket|room|ref|reference|amount|total|balance|since|build|version|app|ios|android|ext|extension|flight|gate|page|step|item|qty|quantity|phone|mobile|tel|call|fax|whatsapp)\b|[$€£₹]/i;

const TLDS =
	'com|org|net|edu|gov|info|biz|io|co|uk|de|fr|es|it|nl|ie|eu|us|ca|au|in|me|ai|app|dev|ch|at|be|se|no|dk|pl|pt|br|mx|jp|nz|za|sg|tv|xyz|online|email|mail';
const MONTHS = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mär|mai|okt|dez)[a-zä]{0,7}\\.?';
const PHONE_CUE = new RegExp(
	'(?:\\b(?:phone|cell|mobile|tel|telephone|landline|handy|telefon|rufnummer|whatsapp|caller|callback|call ?back|msisdn|contact ?number|contact ?no)|\\b(?:mob|ani|dnis|cli|sms|text me|call me|call you|reach me|ring me|my number|your number|best number|number to reach|reach you|mera number|number hai|nummer|telefonnummer|handynummer|festnetz|erreiche|erreichen|zurückrufen)\\b)',
	'i',
);
const CVV_CUE =
	'cvv2?|cvc2?|cv2|csc|cid|security code|sec code|(?<!social )security number|card verification (?:code|value|number)|verification value|(?<!last |final |ending )(?:three|four|3|4)[- ](?:digits?|numbers?)(?: (?:security )?(?:code|number))? on the back|(?<!last |final |ending )(?:three|four|3|4)[- ]digits?(?: (?:security )?(?:code|number))?|(?:digits|numbers|code|number) on the back|the last bit|back of (?:the|your) card|sicherheitscode|prüfziffer|prüfnummer|kartenprüfnummer';
const EXPIRY_CUE =
	'expires|expire|expired|expiry|expiring|expiration|exp|exp date|end date|(?:date|expiry) on the (?:front|card)|valid[ -](?:thru|through|until|till|to)|good[ -](?:thru|through|until|till)|runs out|ablaufdatum|ablauf|gültig bis|gueltig bis|läuft ab|valable jusqu';
const SSN_CUE = 'ssn|social security(?: number| no\\.?| #)?|social|ss#|soc sec|sozialversicherungsnummer';
const ANY_CUE = new RegExp(`\\b(?:${CVV_CUE}|${EXPIRY_CUE}|${SSN_CUE})(?![a-z])`, 'i');

/** True when the words name a value that only a cue identifies ("CVV", "Expiry date", "SSN"). */
export function namesCuedValue(words: string): boolean {
	return ANY_CUE.test(words);
}

/** A card's year: cards run a few years ahead, so "24/7" and "2/47" are not expiry dates. */
const YEAR = '(?:20)?[23][0-9]';
const SPOKEN_YEAR = '(?:twenty[ -])?(?:twenty|thirty)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?';
const MONTH_YEAR = `${MONTHS},? (?:of )?(?:(?:'|’)?${YEAR}|${SPOKEN_YEAR})`;
const EXPIRY_VALUE = `(?:(?:0?[1-9]|1[0-2])(?: ?[/.-] ?| )?${YEAR}|20[23][0-9][/-](?:0[1-9]|1[0-2])|${MONTH_YEAR})(?![/.-][0-9])`;
const EXPIRY_WRITTEN = `(?:(?:0?[1-9]|1[0-2]) ?[/.-] ?${YEAR}|${MONTH_YEAR})(?![/.-][0-9])`;

function ibanValue(match: RegExpExecArray): [number, number] | undefined {
	const candidate = match[0];
	const length = IBAN_LENGTHS[candidate.slice(0, 2).toUpperCase()];
	if (length === undefined) return undefined;
	// The candidate may run on into the next word; cut it where this country's IBAN ends.
	let count = 0;
	let end = 0;
	while (end < candidate.length && count < length) {
		if (/[A-Za-z0-9]/.test(candidate[end])) count++;
		end++;
	}
	if (count < length || /[A-Za-z0-9]/.test(candidate[end] ?? '')) return undefined;
	const iban = candidate.slice(0, end).replace(/[^A-Za-z0-9]/g, '').toUpperCase();
	return ibanValid(iban) ? [match.index, match.index + end] : undefined;
}

function phoneValue(match: RegExpExecArray, text: string): [number, number] | undefined {
	const candidate = match[0];
	const digits = candidate.replace(/\D/g, '');
	const groups = candidate.split(/\D+/).filter(Boolean).map((g) => g.length).join(',');
	const separated = /[ ().\u2029-]/.test(candidate.replace(/^\+/, ''));
	const cued = PHONE_CUE.test(text.slice(Math.max(0, match.index - 40), match.index));
	let phone = false;
	// "#12345678" is an order or a ticket; "phone#0740…" is a phone.
	if (text[match.index - 1] === '#' && !cued) return undefined;
	if (candidate.startsWith('+')) phone = digits.length >= 8 && digits.length <= 15;
	else if (digits.startsWith('00')) phone = digits.length >= 11 && digits.length <= 15 && (separated || cued);
	else if (digits.startsWith('0')) phone = digits.length >= 10 && digits.length <= 12 && (separated || cued || /^07\d{9}$/.test(digits));
	else if (/^[2-9]\d{9}$/.test(digits)) phone = groups === '3,3,4' || cued || (/^[6-9]/.test(digits) && groups === '5,5');
	else if (/^1[2-9]\d{9}$/.test(digits)) phone = groups === '1,3,3,4' || cued;
	else if (/^91[6-9]\d{9}$/.test(digits)) phone = cued || groups === '2,5,5';
	// A local number without its area code is a phone only when the speaker says so.
	else if (/^[2-9]\d{6,8}$/.test(digits)) phone = cued && (separated || digits.length === 7);
	if (!phone) return undefined;
	// "(77393 54837)" is a number in brackets, not an area code: the bracket stays.
	const bracketed = candidate.startsWith('(') && !/^\(\d{2,5}\)/.test(candidate);
	return [match.index + (bracketed ? 1 : 0), match.index + candidate.length];
}

/** A cue-less code or expiry right after a card or an expiry: short, a few words at most. */
function closeAfter(match: RegExpExecArray): [number, number] | undefined {
	const words = match[2].match(/\p{L}+/gu) ?? [];
	return words.length <= 3 ? afterCue(match) : undefined;
}

export const EMAIL_PASSES: Pass[] = [
	{
		kind: 'email',
		pattern: /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){1,6}/g,
		value: (m) => (/\.[A-Za-z]{2,24}$/.test(m[0]) ? whole(m) : undefined),
	},
	{
		// Said or obfuscated: "jane dot doe at example dot com", "jane at the rate gmail dot
		// com", "jane [at] example [dot] com", "max punkt muster at web punkt de".
		kind: 'email',
		pattern: new RegExp(
			`\\b[a-z0-9][\\w.-]{0,40}(?: ?(?:dot|underscore|dash|hyphen|plus|punkt|unterstrich|\\.|_|\\+) ?[a-z0-9][\\w-]{0,40}| (?:[0-9]{1,6}|zero|one|two|three|four|five|six|seven|eight|nine)\\b){0,4} ?(?:\\bat the rate(?: of)?\\b|\\bat (?:sign|symbol)\\b|\\bat\\b|\\[at\\]|\\(at\\)|@) ?[a-z0-9][a-z0-9-]{0,40}(?: ?(?:dot|punkt|dash|hyphen|\\[dot\\]|\\(dot\\)|\\.) ?[a-z0-9-]{1,40}){0,3} ?(?:\\bdot\\b|\\bpunkt\\b|\\[dot\\]|\\(dot\\)|\\.) ?(?:${TLDS})\\b`,
			'gi',
		),
		anchor: /\bat\b|\[at\]|\(at\)|@/i,
		value: (m) => (/\bat\b|\[at\]|\(at\)|@/i.test(m[0]) && /dot|punkt|\.\w/i.test(m[0]) ? whole(m) : undefined),
	},
];

export const IBAN_PASSES: Pass[] = [
	{
		kind: 'iban',
		pattern: /(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \u2029.-]{0,3}[A-Za-z0-9]){11,30}/g,
		value: ibanValue,
	},
];

export const ID_PASSES: Pass[] = [
	{
		kind: 'ssn',
		pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}([- .])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g,
		value: whole,
	},
	{
		kind: 'ssn',
		pattern: new RegExp(`(\\b(?:${SSN_CUE})(?![a-z])${WINDOW(30)})(?<![0-9])((?!000|666|9\\d\\d)\\d{3}[ .\\u2029-]{0,4}\\d{2}[ .\\u2029-]{0,4}\\d{4})(?![0-9])`, 'gi'),
		value: afterCue,
	},
	{
		kind: 'nino',
		// QQ is no issued prefix, but it is HMRC's own example number, and what people type as one.
		pattern: /(?<![A-Za-z0-9])(?:(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D](?![A-Za-z0-9])/gi,
		value: whole,
	},
];

export const CODE_PASSES: Pass[] = [
	{
		kind: 'cvv',
		pattern: new RegExp(`(\\b(?:${CVV_CUE})(?![a-z])${WINDOW(60)})(?<![0-9])(\\d{3,4}|\\d(?: \\d){2,3})(?![0-9]|[ ./-][0-9])`, 'gi'),
		value: afterCue,
	},
	{
		kind: 'expiry',
		pattern: new RegExp(`(\\b(?:${EXPIRY_CUE})(?![a-z])${WINDOW(60)})(?<![0-9])(${EXPIRY_VALUE})(?![0-9])`, 'gi'),
		value: afterCue,
	},
	{
		// Pasted or read straight after the card: "4111… | 11/30 | 011", "… May 2027".
		kind: 'expiry',
		pattern: new RegExp(`(${CARD}${WINDOW(30)})(?<![$€£]|[0-9][.,])(${EXPIRY_VALUE})(?![0-9])`, 'gi'),
		value: closeAfter,
	},
	{
		kind: 'expiry',
		pattern: new RegExp(`(\\b(?:card|visa|mastercard|amex|debit|credit|karte)\\b${WINDOW(25)})(?<![$€£]|[0-9][.,])(${EXPIRY_WRITTEN})(?![0-9])`, 'gi'),
		value: closeAfter,
	},
	{
		kind: 'cvv',
		pattern: new RegExp(`([${CARD}${EXPIRY}]${WINDOW(30)})(?<![$€£]|[0-9][.,])(\\d{3,4}|\\d \\d \\d)(?![0-9]|[ ./:-][0-9]|\\s?(?:%|dollars|euros|pounds|rupees|usd|eur|gbp))`, 'gi'),
		value: closeAfter,
	},
];

export const PHONE_PASSES: Pass[] = [
	{
		kind: 'phone',
		pattern: /(?<![\w/.+-])(?<![0-9]:)(?<!\d[ .-])(?:\+ ?)?\(?\d[\d ()./\u2029-]{5,22}\d(?![\w#/:-]|[ .-]?\d|\.\d)/g,
		value: phoneValue,
	},
];
