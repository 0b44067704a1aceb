import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	attemptWork,
	classifyFailure,
	MAX_FAILING,
	MAX_POLLS_PER_WORK,
	readFailingLog,
	type FailingLog,
} from '../../nodes/shared/failedWork';

const node: INode = { id: 'n', name: 'Trigger', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const httpError = (status: number) => new NodeApiError(node, { message: `failure ${status}` }, { message: `failure ${status}`, httpCode: String(status) });
const networkError = () => new NodeApiError(node, { networkError: 'ECONNRESET', message: 'socket hang up' }, { message: 'connection failed: ECONNRESET' });
const subject = { interactionId: 'i-1', contentKey: 'callRecording' };
const fail = (error: unknown) => async () => {
	throw error;
};

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
	it(`retries transient work on ${MAX_POLLS_PER_WORK} polls in all, then gives it up once`, async () => {
		const log: FailingLog = {};
		const outcomes = [];
		for (let poll = 0; poll < MAX_POLLS_PER_WORK; poll++) {
			outcomes.push((await attemptWork(log, 'k', { anchor: 100 + poll, subject }, fail(httpError(503)))).kind);
		}

		expect(outcomes).toEqual([...Array(MAX_POLLS_PER_WORK - 1).fill('retryLater'), 'failed']);
		expect(log).toEqual({});
	});

	it('keeps the first anchor, so a failing file is forgotten by when its work began', async () => {
		const log: FailingLog = {};
		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)));
		await attemptWork(log, 'k', { anchor: 200, subject }, fail(httpError(503)));

		expect(log.k).toMatchObject({ attempts: 2, anchor: 100, subject, error: { httpCode: '503' } });
	});

	it('clears the record once the work succeeds', async () => {
		const log: FailingLog = {};
		await attemptWork(log, 'k', { anchor: 100, subject }, fail(httpError(503)));
		const outcome = await attemptWork(log, 'k', { anchor: 100, subject }, async () => 'bytes');

		expect(outcome).toEqual({ kind: 'done', value: 'bytes' });
		expect(log).toEqual({});
	});

	it('throws an error about the whole poll on, remembering nothing', async () => {
		const log: FailingLog = {};
		const refused = httpError(401);

		await expect(attemptWork(log, 'k', { anchor: 100, subject }, fail(refused))).rejects.toBe(refused);
		expect(log).toEqual({});
	});

	it(`remembers at most ${MAX_FAILING} failing pieces of work: one more is given up at once`, async () => {
		const log: FailingLog = {};
		for (let i = 0; i < MAX_FAILING; i++) log[`k${i}`] = { attempts: 1, anchor: 100, subject, error: { message: 'x' } };

		const outcome = await attemptWork(log, 'one-more', { anchor: 100, subject }, fail(httpError(503)));

		expect(outcome).toMatchObject({ kind: 'failed', failure: { reason: 'tooManyFailing', attempts: 1 } });
		expect(Object.keys(log)).toHaveLength(MAX_FAILING);
	});

	it('keeps only the short error in state: the description goes to the failure item alone', async () => {
		const log: FailingLog = {};
		const error = httpError(503);
		error.description = 'A long explanation '.repeat(20);

		await attemptWork(log, 'k', { anchor: 100, subject }, fail(error));

		expect(log.k.error).toEqual({ message: 'failure 503', httpCode: '503' });
	});

	it('reads a state saved before failures were tracked, or an unreadable entry, as nothing failing', () => {
		expect(readFailingLog(undefined)).toEqual({});
		expect(readFailingLog({ bad: { attempts: 'two' }, good: { attempts: 1, anchor: 5, subject, error: { message: 'm' } } })).toEqual({
			good: { attempts: 1, anchor: 5, subject, error: { message: 'm' } },
		});
	});
});
