import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { asPollError } from '../../shared/trigger/runPoll';
import { ceilToSecond, floorToSecond, formatKoreDate } from '../transport/analyticsWindows';
import { readCallDetails } from '../transport/callDetails';
import { MAX_PAGE_SIZE, WindowTooBusy } from '../transport/callDetailsPager';
import type { KoreTriggerRuns, KoreTriggerSettings } from './settings';
import { KORE } from '../vendor';

/**
 * Finding ended voice calls through the call-details API (transport/callDetails.ts). Dates go out
 * in UTC (timeZoneOffset 0), so the trigger never depends on the account's time zone.
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

/** Voice sessions that started in [from, to), oldest first, each once. */
export async function findVoiceSessions(
	fx: IPollFunctions,
	runs: KoreTriggerRuns,
	settings: KoreTriggerSettings,
	from: number,
	to: number,
): Promise<FoundSession[]> {
	const { accountId, botId } = settings;
	const query = { accountId, botId, timeZoneOffset: UTC, pageSize: MAX_PAGE_SIZE, body: { channels: ['voice'] } };
	let records: IDataObject[];
	try {
		const range = { start: floorToSecond(new Date(from)), end: ceilToSecond(new Date(to)) };
		records = await readCallDetails(fx, runs.analytics, query, range, Infinity);
	} catch (error) {
		if (!(error instanceof WindowTooBusy)) throw asPollError(fx, error);
		throw new NodeOperationError(
			fx.getNode(),
			`${KORE.displayName}: more calls at ${formatKoreDate(error.window.start, UTC)} UTC than the call-details API can page through`,
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
