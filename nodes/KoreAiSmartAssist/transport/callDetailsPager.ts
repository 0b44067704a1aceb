import type { IDataObject } from 'n8n-workflow';

import type { DateWindow } from '../../shared/http/dateWindows';
import { halveWindow } from './analyticsWindows';

/**
 * Collects call details across windows within the API's paging limits: `limit` ≤ 100 per page and
 * `offset` (a page number) ≤ 10, so one query can reach at most 11 pages. A window whose 11th page
 * is still full may hold more than the API can page through: it is split in two and each half
 * asked again, rather than the rest silently dropped.
 */

export const MAX_PAGE_SIZE = 100;
export const MAX_OFFSET = 10;
export const MAX_WINDOW_DAYS = 7;

export interface CallDetailsPage {
	data: IDataObject[];
	/** numResults: used only when it proves the window is too big to page through. */
	numResults?: number;
}

export type FetchPage = (window: DateWindow, offset: number) => Promise<CallDetailsPage>;

export class WindowTooBusy extends Error {
	constructor(readonly window: DateWindow) {
		super('more results in one second than the API can page through');
	}
}

async function collectHalves(
	fetchPage: FetchPage,
	window: DateWindow,
	pageSize: number,
	wanted: number,
): Promise<IDataObject[]> {
	const halves = halveWindow(window);
	if (!halves) throw new WindowTooBusy(window);
	const first = await collectWindow(fetchPage, halves[0], pageSize, wanted);
	if (first.length >= wanted) return first;
	return [...first, ...(await collectWindow(fetchPage, halves[1], pageSize, wanted - first.length))];
}

async function collectWindow(
	fetchPage: FetchPage,
	window: DateWindow,
	pageSize: number,
	wanted: number,
): Promise<IDataObject[]> {
	const pageable = pageSize * (MAX_OFFSET + 1);
	const found: IDataObject[] = [];
	for (let offset = 0; offset <= MAX_OFFSET; offset++) {
		const page = await fetchPage(window, offset);
		if (offset === 0 && (page.numResults ?? 0) > pageable && halveWindow(window)) {
			return await collectHalves(fetchPage, window, pageSize, wanted);
		}
		found.push(...page.data);
		if (found.length >= wanted) return found.slice(0, wanted);
		if (page.data.length < pageSize) return found;
	}
	// Every page the API would give was full: what was read is discarded and each half read anew.
	return await collectHalves(fetchPage, window, pageSize, wanted);
}

export async function collectCallDetails(
	fetchPage: FetchPage,
	windows: DateWindow[],
	pageSize: number,
	wanted: number,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	for (const window of windows) {
		if (found.length >= wanted) break;
		found.push(...(await collectWindow(fetchPage, window, pageSize, wanted - found.length)));
	}
	return found;
}
