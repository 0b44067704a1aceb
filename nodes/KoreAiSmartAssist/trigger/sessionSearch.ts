import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { splitIntoWindows, type DateWindow } from '../../shared/dateWindows';
import { describeVendorBody, vendorApiError } from '../../shared/vendorError';
import { encodePathSegment } from '../../shared/validation';
import { ceilToSecond, floorToSecond, formatKoreDate, windowBounds } from '../resources/call/analyticsWindows';
import {
	collectCallDetails,
	MAX_PAGE_SIZE,
	MAX_WINDOW_DAYS,
	WindowTooBusy,
	type CallDetailsPage,
} from '../resources/call/callDetailsPager';
import { koreJson, koreRequest, KORE_VENDOR } from '../transport/koreApi';
import { asPollError } from '../../shared/pollingTrigger';
import type { KoreTriggerRuns, KoreTriggerSettings } from './settings';

/**
 * Finding ended voice calls through the analytics call-details API (vendor-apis.md §3): windows
 * of at most 7 days, `limit` ≤ 100, `offset` ≤ 10, busy windows halved (callDetailsPager). Dates
 * go out in UTC (timeZoneOffset 0), so the trigger never depends on the account's time zone.
 */

const UTC = 0;

export interface FoundSession {
	sessionId: string;
	/** Epoch ms; undefined when the record's start cannot be read. */
	startMs?: number;
	record: IDataObject;
}

/** Kore.ai writes "2025-09-30T11:40:31" (no zone: the offset the request asked for, UTC here). */
export function parseKoreTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim().replace(' ', 'T');
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const ms = Date.parse(zoned ? text : `${text}Z`);
	return Number.isNaN(ms) ? undefined : ms;
}

/** Ended: Kore.ai gives an end time, and does not still call the session active. */
export function hasEnded(record: IDataObject): boolean {
	const end = record.sessionEndTime;
	const status = String(record.finalStatus ?? '').toUpperCase();
	return typeof end === 'string' && end.trim() !== '' && status !== 'ACTIVE';
}

function isVoice(record: IDataObject): boolean {
	return record.channel === undefined || /voice/i.test(String(record.channel));
}

function readPage(fx: IPollFunctions, body: unknown, subject: string): CallDetailsPage {
	const obj = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	if (!Array.isArray(obj.data)) {
		throw vendorApiError(fx.getNode(), { message: describeVendorBody(body) ?? 'empty body' }, {
			message: `${KORE_VENDOR}: unexpected answer from call details: ${describeVendorBody(body) ?? 'an empty body'} (${subject})`,
			description: 'The answer had no "data" list of calls.',
		});
	}
	const numResults = typeof obj.numResults === 'number' ? obj.numResults : undefined;
	return {
		data: (obj.data as unknown[]).filter((d): d is IDataObject => typeof d === 'object' && d !== null),
		numResults,
	};
}

/** Voice sessions that started in [from, to), oldest first, each once. */
export async function findVoiceSessions(
	fx: IPollFunctions,
	runs: KoreTriggerRuns,
	settings: KoreTriggerSettings,
	from: number,
	to: number,
): Promise<FoundSession[]> {
	const { accountId, botId } = settings;
	const path = `/agentassist/api/public/analytics/account/${encodePathSegment(accountId)}/v2/calldetails`;
	const fetchPage = async (window: DateWindow, offset: number): Promise<CallDetailsPage> => {
		const bounds = windowBounds(window, UTC);
		const subject = `account ${accountId}, ${bounds.startDate} to ${bounds.endDate}, page ${offset}`;
		const request = koreRequest(runs.analytics, 'POST', path, {
			qs: { offset, limit: MAX_PAGE_SIZE },
			headers: { accountId, iId: botId },
			body: { ...bounds, timeZoneOffset: UTC, channels: ['voice'] },
		});
		const body = await koreJson<unknown>(fx, runs.analytics, request, {
			itemIndex: 0,
			subject,
			scope: 'SmartAssist Analytics',
		});
		return readPage(fx, body, subject);
	};

	let records: IDataObject[];
	try {
		const windows = splitIntoWindows(floorToSecond(new Date(from)), ceilToSecond(new Date(to)), MAX_WINDOW_DAYS);
		records = await collectCallDetails(fetchPage, windows, MAX_PAGE_SIZE, Infinity);
	} catch (error) {
		if (!(error instanceof WindowTooBusy)) throw asPollError(fx, error);
		throw new NodeOperationError(
			fx.getNode(),
			`${KORE_VENDOR}: more calls at ${formatKoreDate(error.window.start, UTC)} UTC than the call-details API can page through`,
			{ description: 'Kore.ai returns at most 1100 calls per query and this second alone holds more.' },
		);
	}

	const bySession = new Map<string, FoundSession>();
	for (const record of records) {
		const sessionId = typeof record.sessionId === 'string' ? record.sessionId.trim() : '';
		if (sessionId === '' || !isVoice(record)) continue;
		bySession.set(sessionId, { sessionId, startMs: parseKoreTime(record.sessionStartTime), record });
	}
	return [...bySession.values()].sort((a, b) => (a.startMs ?? to) - (b.startMs ?? to));
}
