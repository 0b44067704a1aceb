/**
 * Encodes one path segment. encodeURIComponent leaves '.' alone, so dot-only segments are
 * encoded by hand: "../../admin" becomes "..%2F..%2Fadmin" and ".." becomes "%2E%2E" — no
 * input can climb out of the path it was meant for.
 */
export function encodePathSegment(value: string): string {
	if (/^\.+$/.test(value)) return value.replace(/\./g, '%2E');
	return encodeURIComponent(value);
}
