/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a spec helper, never shipped: it reads the corpus file */
import { readFileSync } from 'node:fs';

/**
 * Scores a redaction function on the generated corpus (corpus.tsv next to this file), kind by
 * kind: a token of a kind in the output where the label has one is found, one too many is
 * wrongly redacted, one too few is missed. Lines are scored on their own; `\n` in a field is a
 * line break of the conversation.
 */

export const CORPUS_KINDS = ['card', 'cvv', 'expiry', 'email', 'phone', 'iban', 'ssn', 'nino'] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];
const TOKEN: Record<CorpusKind, string> = {
	card: '[CARD]', cvv: '[CVV]', expiry: '[EXPIRY]', email: '[EMAIL]', phone: '[PHONE]', iban: '[IBAN]', ssn: '[SSN]', nino: '[NINO]',
};

export interface CorpusRow {
	split: 'tune' | 'heldout';
	shape: string;
	cls: string;
	text: string;
	expected: string;
}

export interface Score {
	tp: number;
	fp: number;
	fn: number;
}

export interface CorpusScore {
	lines: number;
	exact: number;
	negatives: number;
	negativesUnchanged: number;
	byKind: Record<CorpusKind, Score>;
	wrong: Array<{ row: CorpusRow; got: string }>;
}

export function readCorpus(name = 'corpus.tsv'): CorpusRow[] {
	const file = readFileSync(new URL(name, import.meta.url), 'utf8');
	return file
		.split('\n')
		.slice(1)
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const [split, shape, cls, text, expected] = line.split('\t');
			const unescape = (s: string) => s.replace(/\\n/g, '\n');
			return { split: split as CorpusRow['split'], shape, cls, text: unescape(text), expected: unescape(expected) };
		});
}

const count = (text: string, token: string) => text.split(token).length - 1;

export function scoreRows(rows: CorpusRow[], redact: (text: string) => string): CorpusScore {
	const byKind = Object.fromEntries(CORPUS_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<CorpusKind, Score>;
	const wrong: CorpusScore['wrong'] = [];
	let exact = 0;
	let negatives = 0;
	let negativesUnchanged = 0;
	for (const row of rows) {
		const got = redact(row.text);
		if (got === row.expected) exact++;
		else wrong.push({ row, got });
		if (row.cls === 'negative') {
			negatives++;
			if (got === row.text) negativesUnchanged++;
		}
		for (const kind of CORPUS_KINDS) {
			const want = count(row.expected, TOKEN[kind]);
			const have = count(got, TOKEN[kind]);
			byKind[kind].tp += Math.min(want, have);
			byKind[kind].fp += Math.max(0, have - want);
			byKind[kind].fn += Math.max(0, want - have);
		}
	}
	return { lines: rows.length, exact, negatives, negativesUnchanged, byKind, wrong };
}

export const pct = (n: number, d: number) => (d === 0 ? 100 : (100 * n) / d);
export const recall = (s: Score) => pct(s.tp, s.tp + s.fn);
export const precision = (s: Score) => pct(s.tp, s.tp + s.fp);

/** The table README quotes. */
export function scoreTable(score: CorpusScore): string {
	const total = Object.values(score.byKind).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
	return [
		'| Kind | Found | Missed | Wrongly redacted | Precision | Recall |',
		'|---|---:|---:|---:|---:|---:|',
		...CORPUS_KINDS.map((k) => {
			const s = score.byKind[k];
			return `| ${k} | ${s.tp} | ${s.fn} | ${s.fp} | ${precision(s).toFixed(1)} % | ${recall(s).toFixed(1)} % |`;
		}),
		`| all | ${total.tp} | ${total.fn} | ${total.fp} | ${precision(total).toFixed(1)} % | ${recall(total).toFixed(1)} % |`,
		'',
		`${score.lines} lines, ${score.exact} redacted exactly as labelled; ${score.negativesUnchanged} of ${score.negatives} negatives unchanged (${pct(score.negativesUnchanged, score.negatives).toFixed(1)} %)`,
	].join('\n');
}
