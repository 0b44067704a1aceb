import type { IDataObject } from 'n8n-workflow';

import { expectList } from '../../shared/http/expectedAnswers';
import { splitIntoWindows, type DateWindow } from '../../shared/http/dateWindows';
import { PagingGuard, pageFingerprint } from '../../shared/http/pagingGuard';
import { encodePathSegment } from '../../shared/http/pathSegments';
import type { FileFunctions } from '../../shared/http/types';
import { windowBounds } from './analyticsWindows';
import { collectCallDetails, MAX_WINDOW_DAYS, type CallDetailsPage } from './callDetailsPager';
import { koreJson, koreRequest, type KoreRun } from './koreApi';
import { KORE } from '../vendor';

/**
 * The analytics call-details API, the one place that reads it: for Call → Get Many and the
 * trigger. Ranges go out in windows of at most 7 days, pages within the API's limits
 * (callDetailsPager), and a server that ignores `offset` (sends page 0 again) ends the read with
 * an error rather than looping.
 */

export interface CallDetailsQuery {
	accountId: string;
	botId: string;
	/** Kore.ai's convention: minutes behind UTC. */
	timeZoneOffset: number;
	pageSize: number;
	/** Filters and extra fields, as the API takes them in the body. */
	body: IDataObject;
	itemIndex?: number;
}

/**
 * The calls that started in [range.start, range.end), up to `wanted`. Throws WindowTooBusy
 * when one second holds more calls than the API can page through.
 */
export async function readCallDetails(
	fx: FileFunctions,
	run: KoreRun,
	query: CallDetailsQuery,
	range: DateWindow,
	wanted: number,
): Promise<IDataObject[]> {
	const { accountId, botId, itemIndex } = query;
	const path = `/agentassist/api/public/analytics/account/${encodePathSegment(accountId)}/v2/calldetails`;
	// One guard per window: a server that ignores `offset` sends page 0 again and again.
	const guards = new Map<string, PagingGuard>();
	const guardFor = (subject: string): PagingGuard => {
		const guard = guards.get(subject) ?? new PagingGuard(fx.getNode(), 'list of calls', { vendor: KORE.displayName, subject, itemIndex });
		guards.set(subject, guard);
		return guard;
	};

	const fetchPage = async (window: DateWindow, offset: number): Promise<CallDetailsPage> => {
		const bounds = windowBounds(window, query.timeZoneOffset);
		const windowName = `account ${accountId}, ${bounds.startDate} to ${bounds.endDate}`;
		const subject = `${windowName}, page ${offset}`;
		const request = koreRequest(run, 'POST', path, {
			qs: { offset, limit: query.pageSize },
			headers: { accountId, iId: botId },
			body: { ...bounds, timeZoneOffset: query.timeZoneOffset, ...query.body },
		});
		const body = await koreJson<unknown>(fx, run, request, { itemIndex: itemIndex ?? 0, subject, scope: 'SmartAssist Analytics' });
		const data = expectList(fx.getNode(), body, { what: 'a list of calls', at: 'data' }, { vendor: KORE.displayName, subject, itemIndex });
		if (data.length > 0) guardFor(windowName).check(pageFingerprint(data), `page ${offset}`);
		const { numResults } = body as IDataObject;
		return { data, numResults: typeof numResults === 'number' ? numResults : undefined };
	};

	return await collectCallDetails(fetchPage, splitIntoWindows(range.start, range.end, MAX_WINDOW_DAYS), query.pageSize, wanted);
}
