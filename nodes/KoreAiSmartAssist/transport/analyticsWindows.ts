import type { DateWindow } from '../../shared/http/dateWindows';

/**
 * Date handling for the call-details API: it takes local wall-clock times ("yyyy-mm-dd HH:mm:ss")
 * plus Kore.ai's timeZoneOffset (minutes behind UTC, as JavaScript's getTimezoneOffset: New York
 * is 300, India -330), and it counts in whole seconds.
 */

export function floorToSecond(date: Date): Date {
	return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function ceilToSecond(date: Date): Date {
	return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

export function formatKoreDate(date: Date, timeZoneOffsetMinutes: number): string {
	const local = new Date(date.getTime() - timeZoneOffsetMinutes * 60_000);
	return (
		`${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
		`${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
	);
}

/**
 * The API's endDate is inclusive, so a half-open window [start, end) is sent as start … end − 1 s:
 * neighbouring windows then neither overlap nor leave a second out.
 */
export function windowBounds(window: DateWindow, timeZoneOffsetMinutes: number): { startDate: string; endDate: string } {
	return {
		startDate: formatKoreDate(window.start, timeZoneOffsetMinutes),
		endDate: formatKoreDate(new Date(window.end.getTime() - 1000), timeZoneOffsetMinutes),
	};
}

/** Two second-aligned halves, or undefined when the window is a single second. */
export function halveWindow(window: DateWindow): [DateWindow, DateWindow] | undefined {
	const seconds = Math.round((window.end.getTime() - window.start.getTime()) / 1000);
	if (seconds < 2) return undefined;
	const middle = new Date(window.start.getTime() + Math.floor(seconds / 2) * 1000);
	return [
		{ start: window.start, end: middle },
		{ start: middle, end: window.end },
	];
}
