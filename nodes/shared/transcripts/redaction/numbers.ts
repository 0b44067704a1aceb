/**
 * Strict level: every run of 6 or more digits still in the working text (written, or spoken and
 * already turned into digits), joined by spaces, dashes or dots, whatever it is: an account, a
 * policy, a case number. Dates and clock times are what a reader needs, so they stay.
 */

const DIGITS = /\d+/g;
const GAP = /^[ \t\u2029.-]{1,3}$/;
const DATE = /^(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2(?:\d{4}|\d{2}))$/;
const MIN_DIGITS = 6;

export function findLongNumbers(text: string): Array<[number, number]> {
	const spans: Array<[number, number]> = [];
	let start = -1;
	let end = -1;
	let count = 0;
	const close = () => {
		if (start >= 0 && count >= MIN_DIGITS && !DATE.test(text.slice(start, end))) spans.push([start, end]);
	};
	for (const match of text.matchAll(DIGITS)) {
		const at = match.index;
		if (start >= 0 && GAP.test(text.slice(end, at))) {
			end = at + match[0].length;
			count += match[0].length;
			continue;
		}
		close();
		start = at;
		end = at + match[0].length;
		count = match[0].length;
	}
	close();
	return spans;
}
