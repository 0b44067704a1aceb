/* eslint-disable no-console, @n8n/community-nodes/no-restricted-globals -- a benchmark child, never shipped: it prints its figures and reads BENCH_REPEAT */
/**
 * Timing of the transcript text work that runs on every item: redaction at each level, the
 * fail-closed check of a whole item, and the Slack and timestamped formats on inputs built to
 * make a backtracking pattern quadratic. Bundled and run by run-redaction-bench.mjs.
 */
import { failClosed, redactText } from '../../nodes/shared/transcripts/redaction/index';
import { formatPlainText } from '../../nodes/shared/transcripts/textFormats';

const repeat = Number(process.env.BENCH_REPEAT ?? 3);

function best(run: () => void): number {
	let fastest = Infinity;
	for (let i = 0; i < repeat; i++) {
		const start = performance.now();
		run();
		fastest = Math.min(fastest, performance.now() - start);
	}
	return fastest;
}

const line =
	'Customer: my card is 4111 1111 1111 1111, cvv 737, mail jane@example.com, order 4829173650 on 2024-01-15 at 10:30 ' +
	'Agent: and the expiry? Customer: oh nine twenty seven, my number is four one five, five five five, oh one three two ';
const adversarial = '1 '.repeat(40) + 'a.'.repeat(40) + 'x@'.repeat(20) + 'GB82 '.repeat(10) + '+1 ('.repeat(10) + 'one '.repeat(30);
const transcript = (bytes: number) => (line + adversarial).repeat(Math.ceil(bytes / (line.length + adversarial.length))).slice(0, bytes);

console.log('| Redaction of one text | 1 MB | 8 MB | 10 MB | 10 MB ÷ 1 MB |');
console.log('|---|---:|---:|---:|---:|');
for (const level of ['standard', 'strict'] as const) {
	const [one, eight, ten] = [1e6, 8e6, 1e7].map((bytes) => {
		const text = transcript(bytes);
		return best(() => redactText(text, level));
	});
	console.log(`| ${level === 'standard' ? 'Payment and Personal Data' : 'Strict'} | ${one.toFixed(0)} ms | ${eight.toFixed(0)} ms | ${ten.toFixed(0)} ms | ${(ten / one).toFixed(1)} |`);
}
const item = { text: transcript(1e6), segments: Array.from({ length: 2000 }, (_, i) => ({ speaker: 'customer', text: `turn ${i} 4111 1111 1111 1111` })) };
console.log(`\nFail-closed check of an item with 1 MB of text and 2,000 segments: ${best(() => failClosed(item, { level: 'standard', checkedIds: [] })).toFixed(0)} ms`);

/** What the Slack and timestamped formats used to fold a turn onto one line with. */
const previousOneLine = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');

console.log('\n| Text format input (characters) | Slack | Timestamped | previous one-line pattern |');
console.log('|---|---:|---:|---:|');
for (const n of [50_000, 100_000, 200_000]) {
	const inputs: Array<[string, string]> = [
		['spaces', `Agent: a${' '.repeat(n)}b`],
		['spaces, then a break', `Agent: a${' '.repeat(n)}\nb`],
		['space + break pairs', ' \n'.repeat(n / 2)],
		['one long label', `${'a'.repeat(n)}: x`],
	];
	for (const [name, text] of inputs) {
		const slack = best(() => formatPlainText(text, 'slack'));
		const stamped = best(() => formatPlainText(text, 'timestamped'));
		const previous = n > 100_000 ? NaN : best(() => previousOneLine(text));
		const shown = Number.isNaN(previous) ? '(skipped)' : `${previous.toFixed(0)} ms`;
		console.log(`| ${n.toLocaleString('en')} × ${name} | ${slack.toFixed(1)} ms | ${stamped.toFixed(1)} ms | ${shown} |`);
	}
}
