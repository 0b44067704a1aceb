import type { IDataObject } from 'n8n-workflow';

import { expectList } from '../../shared/http/expectedAnswers';
import { splitIntoWindows, type DateWindow } from '../../shared/http/dateWindows';
import { PagingGuard } from '../../shared/http/pagingGuard';
import { requestJson } from '../../shared/http/request';
import type { RequestFunctions } from '../../shared/http/types';
import { interactionPath, vonageGet, VONAGE_API, type VonageRun } from './vonageApi';

/**
 * The interaction search, window by window and page by page: the one reading for the Search
 * operation and the trigger. VCC answers `{ items: [...], meta: { nextContinuationToken } }`, the token
 * null on the last page.
 */

/** VCC rejects a search range over 7 days; longer ranges are searched window by window. */
const SEARCH_WINDOW_DAYS = 7;
/** Largest page the official sample client asks for: fewest requests against the shared rate. */
const SEARCH_PAGE_SIZE = 1000;

interface SearchWindow {
	window: DateWindow;
	/** The filters VCC supports, already trimmed. */
	filters: IDataObject;
	/** Asked before each page: how many interactions to ask for (the caller may want fewer as it fills). */
	pageSize: () => number;
	itemIndex?: number;
}

/** The search filters VCC documents, as the API takes them: trimmed, empty ones left out. */
export function searchFilters(typed: IDataObject): IDataObject {
	const filters: IDataObject = {};
	for (const key of ['handlingAgentId', 'direction', 'connectFrom', 'connectTo']) {
		const value = typed[key];
		if (typeof value === 'string' && value.trim() !== '') filters[key] = value.trim();
	}
	return filters;
}

function nextToken(body: IDataObject): string | undefined {
	const meta = body.meta;
	const token = typeof meta === 'object' && meta !== null ? (meta as IDataObject).nextContinuationToken : undefined;
	return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Yields the interactions of each page until VCC gives no continuation token. An answer that is
 * not a search page, or a token VCC already gave, ends the search with an error.
 */
async function* searchPages(fx: RequestFunctions, run: VonageRun, search: SearchWindow): AsyncGenerator<IDataObject[]> {
	const start = search.window.start.toISOString();
	const end = search.window.end.toISOString();
	const subject = `search ${start} to ${end}`;
	const context = { vendor: VONAGE_API.vendor, subject, itemIndex: search.itemIndex };
	const guard = new PagingGuard(fx.getNode(), 'continuation token', context);
	let continuationToken: string | undefined;
	for (let page = 1; ; page++) {
		const qs: IDataObject = { ...search.filters, start, end, limit: search.pageSize() };
		if (continuationToken) qs.continuationToken = continuationToken;
		const { statusCode, body } = await requestJson<unknown>(fx, VONAGE_API, vonageGet(run, interactionPath(), qs), {
			...run.call,
			itemIndex: search.itemIndex,
			subject,
		});
		const answer = { ...context, statusCode };
		const items = expectList(fx.getNode(), body, { what: 'a list of interactions', at: 'items' }, answer);
		yield items;
		continuationToken = nextToken(body as IDataObject);
		if (continuationToken === undefined) return;
		guard.check(continuationToken, `page ${page}`);
	}
}

/** The windows a range [start, end) is searched in, oldest first; half-open, so none overlap. */
export function searchWindows(start: Date, end: Date): DateWindow[] {
	return splitIntoWindows(start, end, SEARCH_WINDOW_DAYS);
}

/** Interactions that started in one window, at most `wanted`, never asking for more per page. */
export async function searchWindow(
	fx: RequestFunctions,
	run: VonageRun,
	search: { window: DateWindow; filters: IDataObject; wanted?: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const wanted = search.wanted ?? Infinity;
	const found: IDataObject[] = [];
	const pageSize = () => Math.min(SEARCH_PAGE_SIZE, wanted - found.length);
	for await (const interactions of searchPages(fx, run, { ...search, pageSize })) {
		found.push(...interactions.slice(0, wanted - found.length));
		if (found.length >= wanted) break;
	}
	return found;
}
