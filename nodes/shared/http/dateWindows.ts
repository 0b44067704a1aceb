/**
 * Splits [start, end) into consecutive half-open windows no longer than maxDays. Vendors that
 * cap a search range (VCC, Kore.ai: 7 days) get one request series per window, so a user can
 * ask for a month without ever seeing the vendor's range error.
 */
export interface DateWindow {
	start: Date;
	end: Date;
}

export function splitIntoWindows(start: Date, end: Date, maxDays: number): DateWindow[] {
	const maxMs = maxDays * 24 * 60 * 60 * 1000;
	const windows: DateWindow[] = [];
	for (let from = start.getTime(); from < end.getTime(); from += maxMs) {
		windows.push({ start: new Date(from), end: new Date(Math.min(from + maxMs, end.getTime())) });
	}
	return windows;
}
