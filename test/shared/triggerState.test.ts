import { describe, expect, it } from 'vitest';

import {
	advanceState as advanceKoreState,
	CLOCK_SKEW_S,
	nextCheckAfter,
	type SessionState,
} from '../../nodes/KoreAiSmartAssist/trigger/sessionState';
import { advanceState as advanceVonageState } from '../../nodes/VonageContactCenter/trigger/contentState';
import { MAX_REMEMBERED } from '../../nodes/shared/trigger/state';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-02T12:00:00Z');
const NOW_S = NOW / 1000;

describe('what the triggers remember stays bounded', () => {
	it('Vonage: forgets content of interactions that started before the new horizon, keeps the rest', () => {
		const state = advanceVonageState(
			{ version: 1, scope: 's', horizon: NOW - 2 * HOUR, seen: { old: NOW_S - 3600 - 1, edge: NOW_S - 3600, fresh: NOW_S - 60 } },
			NOW,
			HOUR,
		);

		expect(state).toMatchObject({ cursor: NOW, horizon: NOW - HOUR });
		expect(Object.keys(state.seen).sort()).toEqual(['edge', 'fresh']);
	});

	it('Vonage: over the cap, drops the oldest and moves the horizon past them so they cannot come back', () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < MAX_REMEMBERED + 5; i++) seen[`k${i}`] = NOW_S - 1000 + Math.floor(i / 10);

		const state = advanceVonageState({ version: 1, scope: 's', horizon: NOW - HOUR, seen }, NOW, HOUR);

		expect(Object.keys(state.seen).length).toBeLessThanOrEqual(MAX_REMEMBERED);
		const oldestKept = Math.min(...Object.values(state.seen));
		expect(state.horizon).toBeGreaterThan((NOW_S - 1000) * 1000);
		expect(oldestKept * 1000).toBeGreaterThanOrEqual(state.horizon);
	});

	it('Vonage: the horizon never moves back, even when Look Back is raised', () => {
		const state = advanceVonageState({ version: 1, scope: 's', horizon: NOW - HOUR, seen: {} }, NOW, 48 * HOUR);

		expect(state.horizon).toBe(NOW - HOUR);
	});

	it('Kore.ai: forgets a call only once it was seen before the horizon by more than the clock skew', () => {
		const base: SessionState = {
			version: 1,
			scope: 's',
			cursor: NOW - HOUR,
			horizon: NOW - 3 * HOUR,
			seen: { gone: NOW_S - 3600 - CLOCK_SKEW_S - 1, kept: NOW_S - 3600 - CLOCK_SKEW_S },
			pending: {},
			failing: {},
		};

		expect(Object.keys(advanceKoreState(base, NOW, HOUR).seen)).toEqual(['kept']);
	});

	it('Kore.ai: over the cap, drops the oldest and moves the horizon past them', () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < MAX_REMEMBERED + 3; i++) seen[`s${i}`] = NOW_S - 600 + Math.floor(i / 100);

		const state = advanceKoreState({ version: 1, scope: 's', cursor: NOW, horizon: NOW - HOUR, seen, pending: {} }, NOW, HOUR);

		expect(Object.keys(state.seen).length).toBeLessThanOrEqual(MAX_REMEMBERED);
		expect(state.horizon).toBeGreaterThan((NOW_S - 600 + CLOCK_SKEW_S) * 1000);
	});

	it('Vonage: failing files are dropped by the same horizon as fingerprints', () => {
		const work = (anchor: number) => ({ attempts: 1, anchor, subject: {}, error: { message: 'm' } });
		const state = advanceVonageState(
			{ version: 1, scope: 's', horizon: NOW - 2 * HOUR, seen: {}, failing: { old: work(NOW_S - 3600 - 1), edge: work(NOW_S - 3600) } },
			NOW,
			HOUR,
		);

		expect(Object.keys(state.failing)).toEqual(['edge']);
	});

	it('Kore.ai: a failing session is remembered only while it waits on the pending list', () => {
		const work = { attempts: 1, anchor: NOW_S, subject: {}, error: { message: 'm' } };
		const pending = { waiting: { record: {}, since: NOW_S, checks: 1, nextCheck: NOW_S + 60, status: 'check_failed' } };

		const state = advanceKoreState(
			{ version: 1, scope: 's', cursor: NOW, horizon: NOW - HOUR, seen: {}, pending, failing: { waiting: work, settled: work } },
			NOW,
			HOUR,
		);

		expect(Object.keys(state.failing)).toEqual(['waiting']);
	});

	it('Kore.ai: pending recordings are asked about again after 1, 2, 4 … minutes, at most 15', () => {
		expect([1, 2, 3, 4, 5, 9].map((checks) => nextCheckAfter(0, checks))).toEqual([60, 120, 240, 480, 900, 900]);
	});
});
