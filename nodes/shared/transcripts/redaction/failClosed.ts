import { findLuhnRuns } from './cards';
import { REDACTION_TOKENS, addCount, addCounts, type RedactionCounts, type RedactionLevel } from './kinds';
import { normalise } from './normalise';
import { redactText } from './text';

/**
 * The last check over a transcript operation's output item, after the transcript itself was
 * redacted: every string of every field, nested or added by the vendor inline, is redacted
 * too, and no Luhn-valid run of 13–19 digits in any form (typed, spoken, full-width) passes.
 * What cannot be read (base64, hex blobs, URL-encoded text that hides something) is dropped.
 */

export interface FailClosedResult {
	json: Record<string, unknown>;
	/** What this check found that the transcript's own redaction had not. */
	redactions: RedactionCounts;
	/** Paths of the fields left out because they could not be read ("raw.payload", "attachments[0]"). */
	dropped: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A blob: long, no spaces, only the characters of base64, base64url or hex. */
const OPAQUE = /^(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{40,}$/;
const URL_ENCODED = /%[0-9A-Fa-f]{2}/;
const LINK = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

/** A Luhn-valid run of 13–19 digits anywhere in the text, in any form, replaced by [CARD]. */
function cardRuns(text: string, counts: RedactionCounts): string {
	const view = normalise(text);
	const spans = findLuhnRuns(view.text);
	if (spans.length === 0) return text;
	let out = '';
	let at = 0;
	for (const [start, end] of spans) {
		const from = view.from[start];
		if (from < at) continue;
		out += text.slice(at, from) + REDACTION_TOKENS.card;
		at = view.to[end - 1];
		addCount(counts, 'card');
	}
	return out + text.slice(at);
}

/** Whether the text can be checked as it is: not a blob, and hiding nothing behind %-encoding. */
function readable(text: string, level: RedactionLevel): boolean {
	if (OPAQUE.test(text.trim())) return false;
	if (!URL_ENCODED.test(text)) return true;
	try {
		const decoded = decodeURIComponent(text);
		const probe: RedactionCounts = {};
		if (cardRuns(decoded, probe) !== decoded) return false;
		return level === 'off' || redactText(decoded, level).text === decoded;
	} catch {
		return false;
	}
}

export function failClosed(
	json: Record<string, unknown>,
	options: { level: RedactionLevel; checkedIds: string[] },
): FailClosedResult {
	const redactions: RedactionCounts = {};
	const dropped: string[] = [];
	const keep = new Set(options.checkedIds);
	const DROP = Symbol('drop');

	const visitString = (text: string, path: string): string | typeof DROP => {
		if (keep.has(text) || GUID.test(text) || ISO_TIME.test(text)) return text;
		// A link is not a transcript: reading its ids as personal data would break it; only what
		// could be a card is taken out, and a link that hides one encoded is dropped.
		if (LINK.test(text)) {
			if (!readable(text, 'off')) {
				dropped.push(path);
				return DROP;
			}
			return cardRuns(text, redactions);
		}
		if (!readable(text, options.level)) {
			dropped.push(path);
			return DROP;
		}
		const redacted = redactText(text, options.level);
		addCounts(redactions, redacted.redactions);
		return cardRuns(redacted.text, redactions);
	};

	const visit = (value: unknown, path: string): unknown => {
		if (typeof value === 'string') return visitString(value, path);
		if (typeof value === 'number' && Number.isInteger(value)) {
			const digits = String(Math.abs(value));
			return cardRuns(digits, redactions) === digits ? value : REDACTION_TOKENS.card;
		}
		if (Array.isArray(value)) {
			const out: unknown[] = [];
			value.forEach((entry, i) => {
				const visited = visit(entry, `${path}[${i}]`);
				if (visited !== DROP) out.push(visited);
			});
			return out;
		}
		if (typeof value === 'object' && value !== null) {
			const out: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(value)) {
				const visited = visit(entry, path === '' ? key : `${path}.${key}`);
				// A vendor may key a map by the number itself.
				if (visited !== DROP) out[cardRuns(key, redactions)] = visited;
			}
			return out;
		}
		return value;
	};

	return { json: visit(json, '') as Record<string, unknown>, redactions, dropped };
}
