import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
	attemptWork,
	classifyFailure,
	isDue,
	looksLikeOutage,
	MAX_FAILING,
	MAX_SPACING_S,
	newTally,
	readFailingLog,
	type FailingLog,
	type RetryRules,
} from '../../nodes/shared/trigger/failedWork';

const node: INode = { id: 'n', name: 'Trigger', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const httpError = (status: number) => new NodeApiError(node, { message: `failure ${status}` }, { message: `failure ${status}`, httpCode: String(status) });
const networkError = () => new NodeApiError(node, { networkError: 'ECONNRESET', message: 'socket hang up' }, { message: 'connection failed: ECONNRESET' });
const subject = { interactionId: 'i-1', contentKey: 'callRecording' };
const fail = (error: unknown) => async () => {
	throw error;
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-03-02T12:00:00Z');
const sixHours: RetryRules = { windowMs: 6 * HOUR };

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('how a failure of one file is judged', () => {
	it.each([400, 403, 404, 410, 416, 307])('HTTP %i is permanent: retrying cannot help', (status) => {
		expect(classifyFailure(httpError(status))).toBe('permanent');
	});

	it.each([500, 502, 503, 504, 408])('HTTP %i is transient: another poll may succeed', (status) => {
		expect(classifyFailure(httpError(status))).toBe('transient');
	});

	it.each([401, 407, 429])('HTTP %i is about the credential, proxy or account, so it fails the whole poll', (status) => {
		expect(classifyFailure(httpError(status))).toBe('wholePoll');
	});

	it('a dropped connection or a body cut short is transient', () => {
		expect(classifyFailure(networkError())).toBe('transient');
		expect(classifyFailure(httpError(200))).toBe('transient');
	});

	it("our own verdict about the file (the binary-store cap) is permanent", () => {
		expect(classifyFailure(new NodeOperationError(node, "Vonage Contact Center: the file is too large for n8n's binary data store"))).toBe('permanent');
	});
});

describe('attempts across polls', () => {
	it('spaces the tries of transient work 1, 2, 4 … minutes apart', async () => {
		const log: FailingLog = {};
		const dueAfter: number[] = [];
		for (let attempt = 0; attempt < 5; attempt++) {
			await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), sixHours);
			const waitMs = (log.k.nextTry as number) * 1000 - Date.now();
			dueAfter.push(waitMs / MINUTE);
			vi.setSystemTime(Date.now() + waitMs);
		}

		expect(dueAfter).toEqual([1, 2, 4, 8, 16]);
	});

	it('never spaces two tries further apart than the longest spacing', async () => {
		const log: FailingLog = { k: { attempts: 20, since: NOW / 1000, anchor: 100, subject, error: { message: 'm' } } };

		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), { windowMs: 100 * HOUR });

		expect((log.k.nextTry as number) - NOW / 1000).toBe(MAX_SPACING_S);
	});

	it('is not due before its next try, and due from then on', async () => {
		const log: FailingLog = {};
		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), sixHours);

		expect(isDue(log, 'k', NOW + MINUTE - 1)).toBe(false);
		expect(isDue(log, 'k', NOW + MINUTE)).toBe(true);
		expect(isDue(log, 'never-failed', NOW)).toBe(true);
	});

	it('gives transient work up once, when the retry window since its first failure has closed', async () => {
		const log: FailingLog = {};
		const outcomes: string[] = [];
		while (outcomes.at(-1) !== 'failed') {
			outcomes.push((await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), { windowMs: HOUR })).kind);
			if (log.k) vi.setSystemTime((log.k.nextTry as number) * 1000);
		}

		// Tries at 0, 1, 3, 7, 15, 31 minutes, then the last one when the hour is over.
		expect(outcomes).toEqual([...Array(6).fill('retryLater'), 'failed']);
		expect(Date.now()).toBe(NOW + HOUR);
		expect(log).toEqual({});
	});

	it('reports transient work at once when the window is 0', async () => {
		const outcome = await attemptWork({}, 'k', { anchor: 100, subject }, fail(httpError(503)), { windowMs: 0 });

		expect(outcome).toMatchObject({ kind: 'failed', failure: { reason: 'retriesExhausted', attempts: 1 } });
	});

	it('keeps the first anchor, so a failing file is forgotten by when its work began', async () => {
		const log: FailingLog = {};
		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), sixHours);
		await attemptWork(log, 'k', { anchor: 200, subject }, fail(httpError(503)), sixHours);

		expect(log.k).toMatchObject({ attempts: 2, anchor: 100, since: NOW / 1000, subject, error: { httpCode: '503' } });
	});

	it('clears the record once the work succeeds', async () => {
		const log: FailingLog = {};
		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)), sixHours);
		const outcome = await attemptWork(log, 'k', { anchor: 100, subject }, async () => 'bytes', sixHours);

		expect(outcome).toEqual({ kind: 'done', value: 'bytes' });
		expect(log).toEqual({});
	});

	it('throws an error about the whole poll on, remembering nothing', async () => {
		const log: FailingLog = {};
		const refused = httpError(401);

		await expect(attemptWork(log, 'k', { anchor: 100, subject }, fail(refused), sixHours)).rejects.toBe(refused);
		expect(log).toEqual({});
	});

	it(`remembers at most ${MAX_FAILING} failing pieces of work: one more is given up at once`, async () => {
		const log: FailingLog = {};
		for (let i = 0; i < MAX_FAILING; i++) log[`k${i}`] = { attempts: 1, anchor: 100, subject, error: { message: 'x' } };

		const outcome = await attemptWork(log, 'one-more', { anchor: 100, subject }, fail(httpError(503)), sixHours);

		expect(outcome).toMatchObject({ kind: 'failed', failure: { reason: 'tooManyFailing', attempts: 1 } });
		expect(Object.keys(log)).toHaveLength(MAX_FAILING);
	});

	it('keeps only the short error in state: the description goes to the failure item alone', async () => {
		const log: FailingLog = {};
		const error = httpError(503);
		error.description = 'A long explanation '.repeat(20);

		await attemptWork(log, 'k', { anchor: 100, subject }, fail(error), sixHours);

		expect(log.k.error).toEqual({ message: 'failure 503', httpCode: '503' });
	});

	it('reads a state saved before failures were tracked, or an unreadable entry, as nothing failing', () => {
		expect(readFailingLog(undefined)).toEqual({});
		expect(readFailingLog({ bad: { attempts: 'two' }, good: { attempts: 1, anchor: 5, subject, error: { message: 'm' } } })).toEqual({
			good: { attempts: 1, anchor: 5, subject, error: { message: 'm' } },
		});
	});
});

describe('an outage is not a file\'s fault', () => {
	it('calls a poll in which every try (two or more) failed transiently an outage', async () => {
		const tally = newTally();
		await attemptWork({}, 'a', { anchor: 100, subject }, fail(httpError(503)), { ...sixHours, tally });
		await attemptWork({}, 'b', { anchor: 100, subject }, fail(networkError()), { ...sixHours, tally });

		expect(looksLikeOutage(tally)).toBe(true);
	});

	it('does not call one failing file an outage', async () => {
		const tally = newTally();
		await attemptWork({}, 'a', { anchor: 100, subject }, fail(httpError(503)), { ...sixHours, tally });

		expect(looksLikeOutage(tally)).toBe(false);
	});

	it('does not call it an outage when anything in the poll succeeded, or failed for good', async () => {
		const succeeded = newTally();
		await attemptWork({}, 'a', { anchor: 100, subject }, fail(httpError(503)), { ...sixHours, tally: succeeded });
		await attemptWork({}, 'b', { anchor: 100, subject }, async () => 'bytes', { ...sixHours, tally: succeeded });
		const refused = newTally();
		await attemptWork({}, 'a', { anchor: 100, subject }, fail(httpError(503)), { ...sixHours, tally: refused });
		await attemptWork({}, 'b', { anchor: 100, subject }, fail(httpError(404)), { ...sixHours, tally: refused });

		expect(looksLikeOutage(succeeded)).toBe(false);
		expect(looksLikeOutage(refused)).toBe(false);
	});
});
