/**
 * Genesys gives times as ISO 8601 UTC ("2009-08-05T09:33:15.000Z"), sometimes without the zone
 * or with a space, and some deployments as epoch numbers. Everything comes out as an ISO string
 * in UTC; what cannot be read honestly is left as it was.
 */

/** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138). */
const EPOCH_MS_THRESHOLD = 1e11;

const ISO_LIKE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function fromEpoch(value: number): string | undefined {
	if (!Number.isFinite(value) || value < 0) return undefined;
	const ms = value < EPOCH_MS_THRESHOLD ? value * 1000 : value;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fromIsoLike(text: string): string | undefined {
	const match = ISO_LIKE.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
	// Date.UTC rolls 2021-02-31 over to March; a date that does not round-trip is not a date.
	const check = new Date(time);
	if (
		check.getUTCFullYear() !== Number(y) ||
		check.getUTCMonth() !== Number(mo) - 1 ||
		check.getUTCDate() !== Number(d) ||
		Number(h) > 23 ||
		Number(mi) > 59 ||
		Number(s) > 60
	) {
		return undefined;
	}
	// No zone given: Genesys documents every time as UTC, so it is read as UTC, never local.
	if (zone && zone.toUpperCase() !== 'Z') {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
	}
	return new Date(time).toISOString();
}

/** An ISO 8601 UTC string for what Genesys sent, or undefined when it is not a time. */
export function toIsoDate(value: unknown): string | undefined {
	if (typeof value === 'number') return fromEpoch(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '') return undefined;
	if (/^\d{9,}(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
	return fromIsoLike(text);
}

/** Adds whole seconds to an ISO time. */
export function addSeconds(iso: string, seconds: number): string {
	return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
