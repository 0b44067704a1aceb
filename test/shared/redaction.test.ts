/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- a spec, never shipped: it reads the corpus file and prints the figures README quotes */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import {
	REDACTION_TOKENS,
	ibanValid,
	redactConversationText,
	luhnValid,
	redactText,
	redactTurns,
	type RedactionKind,
} from '../../nodes/shared/transcripts/redaction/index';

/** The kinds the first corpus labels: Strict's [NUMBER] is specified on its own below. */
import { CORPUS_KINDS, precision, readCorpus, recall, scoreRows, scoreTable, type CorpusRow } from './redactionCorpus/score';

/**
 * The generated corpus (test/shared/redactionCorpus/): its `tune` lines are what the rules were
 * fitted to; its `heldout` lines and the whole second draw (sealed.tsv, another seed, generated
 * once the rules stood) were not. README quotes these tables; `npx vitest run
 * test/shared/redaction.test.ts` prints them.
 */
describe('generated corpus, scored part by part', () => {
	const redact = (text: string) => redactConversationText(text).text;
	const corpus = readCorpus();
	const parts: Array<[string, CorpusRow[]]> = [
		['tune (fitted to)', corpus.filter((row) => row.split === 'tune')],
		['held out', corpus.filter((row) => row.split === 'heldout')],
		['sealed second draw', readCorpus('sealed.tsv')],
	];
	const scores = parts.map(([name, rows]) => [name, scoreRows(rows, redact)] as const);
	for (const [name, score] of scores) console.log(`\n${name}\n${scoreTable(score)}`);

	it('holds at least 1,500 lines, most of them multi-turn, with positives of every kind and hard negatives', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(1500);
		expect(corpus.filter((row) => row.text.includes('\n')).length / corpus.length).toBeGreaterThan(0.5);
		expect(corpus.filter((row) => row.cls === 'negative').length).toBeGreaterThan(300);
		const whole = scoreRows(corpus, (text) => text);
		for (const kind of CORPUS_KINDS) expect(whole.byKind[kind].fn, kind).toBeGreaterThan(10);
	});

	it.each(scores.slice(1))('%s: recall and precision are at least 97 %% for every kind', (_, score) => {
		for (const kind of CORPUS_KINDS) {
			expect(recall(score.byKind[kind]), `${kind} recall`).toBeGreaterThanOrEqual(97);
			expect(precision(score.byKind[kind]), `${kind} precision`).toBeGreaterThanOrEqual(97);
		}
	});

	it.each(scores.slice(1))('%s: at least 99 %% of the negatives come back unchanged', (_, score) => {
		expect(score.negativesUnchanged / score.negatives).toBeGreaterThanOrEqual(0.99);
	});
});

const KINDS = (Object.keys(REDACTION_TOKENS) as RedactionKind[]).filter((kind) => kind !== 'number');

/**
 * Corpus lines: kind (or `none`), text, expected text. In the text, ` || ` starts a new turn of
 * the same speaker and ` >> ` a turn of the other speaker, so split card numbers and cross-turn
 * cues are read the way a transcript's segments are.
 */
function redactLine(text: string): string {
	const parts = text.split(/ (\|\||>>) /);
	const turns: Array<{ speaker: string; text: string }> = [];
	let speaker = 'a';
	for (let i = 0; i < parts.length; i += 2) {
		if (i > 0 && parts[i - 1] === '>>') speaker = speaker === 'a' ? 'b' : 'a';
		turns.push({ speaker, text: parts[i] });
	}
	const { texts } = redactTurns(turns);
	return texts.map((t, i) => (i === 0 ? t : ` ${parts[i * 2 - 1]} ${t}`)).join('');
}

function tokenCounts(text: string): Record<RedactionKind, number> {
	const counts = {} as Record<RedactionKind, number>;
	for (const kind of KINDS) counts[kind] = text.split(REDACTION_TOKENS[kind]).length - 1;
	return counts;
}

interface Score {
	tp: number;
	fp: number;
	fn: number;
}

function scoreCorpus() {
	const file = readFileSync(new URL('redaction-corpus.tsv', import.meta.url), 'utf8');
	const lines = file.split('\n').slice(1).filter((l) => l.trim() !== '');
	const scores = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<RedactionKind, Score>;
	const wrong: string[] = [];
	for (const line of lines) {
		const [, text, expected] = line.split('\t');
		const got = redactLine(text);
		if (got !== expected) wrong.push(`${text}\n    expected: ${expected}\n    got:      ${got}`);
		const want = tokenCounts(expected);
		const have = tokenCounts(got);
		for (const kind of KINDS) {
			scores[kind].tp += Math.min(want[kind], have[kind]);
			scores[kind].fp += Math.max(0, have[kind] - want[kind]);
			scores[kind].fn += Math.max(0, want[kind] - have[kind]);
		}
	}
	return { lines: lines.length, scores, wrong };
}

const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);

describe('first corpus, written with the first rules (test/shared/redaction-corpus.tsv): still holds', () => {
	const { lines, scores, wrong } = scoreCorpus();
	const total = Object.values(scores).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
	const table = [
		'| Kind | Found | Missed | Wrongly redacted | Precision | Recall |',
		'|---|---:|---:|---:|---:|---:|',
		...KINDS.map((k) => {
			const s = scores[k];
			return `| ${k} | ${s.tp} | ${s.fn} | ${s.fp} | ${pct(s.tp, s.tp + s.fp).toFixed(1)} % | ${pct(s.tp, s.tp + s.fn).toFixed(1)} % |`;
		}),
		`| all | ${total.tp} | ${total.fn} | ${total.fp} | ${pct(total.tp, total.tp + total.fp).toFixed(1)} % | ${pct(total.tp, total.tp + total.fn).toFixed(1)} % |`,
	].join('\n');
	console.log(`${lines} corpus lines, ${lines - wrong.length} redacted exactly as labelled\n${table}`);
	if (wrong.length > 0) console.log(`Lines not as labelled:\n  ${wrong.join('\n  ')}`);

	it('holds at least 300 labelled lines with positives of every kind', () => {
		expect(lines).toBeGreaterThanOrEqual(300);
		for (const kind of KINDS) expect(scores[kind].tp + scores[kind].fn, kind).toBeGreaterThan(10);
	});

	it('finds every card number, e-mail address and IBAN', () => {
		for (const kind of ['card', 'email', 'iban'] as const) expect(pct(scores[kind].tp, scores[kind].tp + scores[kind].fn), kind).toBe(100);
	});

	it('finds at least 98 % of CVVs, expiry dates, phone numbers, SSNs and NI numbers', () => {
		for (const kind of ['cvv', 'expiry', 'phone', 'ssn', 'nino'] as const) {
			expect(pct(scores[kind].tp, scores[kind].tp + scores[kind].fn), kind).toBeGreaterThanOrEqual(98);
		}
	});

	it('is at least 98 % precise overall (order numbers, amounts, dates, ids survive)', () => {
		expect(pct(total.tp, total.tp + total.fp)).toBeGreaterThanOrEqual(98);
	});
});

describe('redactText', () => {
	it('replaces a Luhn-valid card number written in groups and counts it', () => {
		expect(redactText('card 4111 1111 1111 1111 thanks')).toEqual({ text: 'card [CARD] thanks', redactions: { card: 1 } });
	});

	it('keeps a 16-digit number that fails the Luhn check', () => {
		expect(redactText('loyalty number 4111 1111 1111 1112').text).toBe('loyalty number 4111 1111 1111 1112');
	});

	it('reads a card number spoken digit by digit', () => {
		expect(redactText('it is four one one one one one one one one one one one one one one one').text).toBe('it is [CARD]');
	});

	it('redacts a security code only after a cue', () => {
		expect(redactText('the CVV is 737').text).toBe('the CVV is [CVV]');
		expect(redactText('room 737 please').text).toBe('room 737 please');
	});

	it('redacts an expiry date only after a cue', () => {
		expect(redactText('it expires 09/27').text).toBe('it expires [EXPIRY]');
		expect(redactText('see you 09/27').text).toBe('see you 09/27');
	});

	it('redacts a checksum-valid IBAN and keeps one whose check digits are wrong', () => {
		expect(redactText('IBAN GB82 WEST 1234 5698 7654 32 please').text).toBe('IBAN [IBAN] please');
		expect(redactText('IBAN GB83 WEST 1234 5698 7654 32 please').text).toBe('IBAN GB83 WEST 1234 5698 7654 32 please');
	});

	it('redacts an e-mail address, written or spoken', () => {
		expect(redactText('mail jane.doe+x@example.co.uk.').text).toBe('mail [EMAIL].');
		expect(redactText('jane dot doe at example dot com').text).toBe('[EMAIL]');
	});

	it('redacts phone numbers in E.164 and national forms but not a bare order number', () => {
		expect(redactText('+44 20 7946 0958, (415) 555-0132, 07700 900123').text).toBe('[PHONE], [PHONE], [PHONE]');
		expect(redactText('order number 4829173650').text).toBe('order number 4829173650');
	});

	it('redacts an SSN and a National Insurance number', () => {
		expect(redactText('SSN 123-45-6789, NI AB 12 34 56 C')).toEqual({ text: 'SSN [SSN], NI [NINO]', redactions: { ssn: 1, nino: 1 } });
	});

	it('checks card and IBAN numbers by their checksums', () => {
		expect(luhnValid('4111111111111111')).toBe(true);
		expect(luhnValid('4111111111111112')).toBe(false);
		expect(ibanValid('GB82WEST12345698765432')).toBe(true);
		expect(ibanValid('GB82WEST12345698765433')).toBe(false);
	});
});

describe('redactTurns', () => {
	it("finds a card number split across one speaker's consecutive turns", () => {
		const result = redactTurns([
			{ speaker: 'customer', text: 'it is 4111 1111' },
			{ speaker: 'customer', text: '1111 1111' },
		]);
		expect(result).toEqual({ texts: ['it is [CARD]', '[CARD]'], redactions: { card: 1 } });
	});

	it("does not join numbers of different speakers into a card", () => {
		const turns = [
			{ speaker: 'customer', text: 'it is 4111 1111' },
			{ speaker: 'agent', text: '1111 1111' },
		];
		expect(redactTurns(turns).texts).toEqual(['it is 4111 1111', '1111 1111']);
	});

	it('applies a cue from the question to the number that answers it', () => {
		const result = redactTurns([
			{ speaker: 'agent', text: "what's the security code?" },
			{ speaker: 'customer', text: '123' },
		]);
		expect(result.texts).toEqual(["what's the security code?", '[CVV]']);
	});
});
