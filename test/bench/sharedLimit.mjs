/**
 * One vendor budget across workers that share nothing: several `n8n worker` processes each run a
 * bulk export of the same VCC account at the same time, each with Max Requests per Minute at the
 * account's limit, against the simulator enforcing that limit per account across all clients
 * (test/simulator/accountLimit.mjs: sliding minute, 429 + Retry-After). The workers converge by
 * listening to the vendor (nodes/shared/requestPacer.ts). Judged from the simulator's record:
 *
 * - accepted requests per minute, once settled (after the first two minutes), ≥ 85 % of the limit;
 * - 429s ≤ 5 % of requests after the first two minutes;
 * - each export delivers every recording exactly once, and no item fails (no 429 got through).
 *
 * Also draws the curve (answers and 429s per 10 s) as an SVG, from the same numbers.
 */
import { runOnWorker, executionOutcome } from '../e2e/queueServices.mjs';
import { bulkExportWorkflow } from '../e2e/workflows/queueMode.mjs';
import { outputOf } from '../e2e/workflows/build.mjs';
import { vonageCredential } from '../e2e/workflows/vonage.mjs';
import { startSimulator } from '../simulator/index.mjs';

export const SETTLE_SECONDS = 120;
export const MIN_ACCEPTED_SHARE = 0.85;
export const MAX_THROTTLED_SHARE = 0.05;

/** Every recording of the account in one export's output, each once; throws otherwise. */
function verifyExport(run, sim) {
	const expected = new Set(
		sim.catalog.vonage.interactions.filter((x) => x.content.some((c) => c.type === 'callRecording')).map((x) => x.guid),
	);
	const items = outputOf(run, 'Download All');
	const seen = new Set();
	for (const { json } of items) {
		if (json.error) throw new Error(`an item failed: ${JSON.stringify(json.error).slice(0, 300)}`);
		if (!expected.has(json.interactionId)) throw new Error(`unexpected recording ${json.interactionId}`);
		if (seen.has(json.interactionId)) throw new Error(`recording ${json.interactionId} came twice`);
		seen.add(json.interactionId);
	}
	if (seen.size !== expected.size) throw new Error(`${seen.size} of ${expected.size} recordings exported`);
	return expected.size;
}

/**
 * Runs `workers` exports of one account at once on a queue-mode n8n whose workers each take one
 * job (concurrency 1). Returns the numbers and the per-10 s timeline; `problems` lists each bound
 * that was not met.
 */
export async function measureSharedLimit({ queue, rest, interactions, limit, workers, seed = 7, say = () => {} }) {
	const sim = await startSimulator({ seed, interactions, vonagePerMinute: limit });
	try {
		const name = `Vonage shared ${interactions}@${limit}`;
		const credential = await rest.call('POST', '/rest/credentials', { ...vonageCredential(sim), name });
		const saved = await rest.call('POST', '/rest/workflows', bulkExportWorkflow({ id: credential.id, name }, limit));
		sim.resetStats();
		const t0 = performance.now();
		say(`${workers} exports of ${interactions} interactions at once, each at ceiling ${limit}/min, account limit ${limit}/min`);
		const results = await Promise.all(
			Array.from({ length: workers }, () => runOnWorker(queue, rest, saved.id, 'Start', 90 * 60_000)),
		);
		const seconds = (performance.now() - t0) / 1000;
		const stats = sim.stats().vendors.vonage;
		const problems = [];
		let recordings = 0;
		for (const result of results) {
			const outcome = executionOutcome(result);
			if (!outcome.ok) {
				problems.push(outcome.errorText.slice(0, 500));
				continue;
			}
			try {
				recordings = verifyExport(outcome.run, sim);
			} catch (error) {
				problems.push(error.message);
			}
		}
		const ranOn = new Set(results.map((r) => queue.workers.findIndex((w) => w.output().includes(`Worker started execution ${r.executionId} (job`))));
		const { stepSeconds, steps } = stats.timeline;
		const settledFrom = Math.ceil(SETTLE_SECONDS / stepSeconds);
		// Whole minutes only: a sliding-minute limit lets a burst through and then holds, so part of
		// a minute can hold more than the limit's share. The last step, cut short by the end, is out.
		const perMinute = 60 / stepSeconds;
		const available = steps.slice(settledFrom, -1);
		const settled = available.length >= perMinute ? available.slice(0, available.length - (available.length % perMinute)) : available;
		const answered = settled.reduce((n, s) => n + s.answered, 0);
		const throttled = settled.reduce((n, s) => n + s.throttled, 0);
		const settledMinutes = (settled.length * stepSeconds) / 60;
		const acceptedPerMinute = settledMinutes > 0 ? answered / settledMinutes : Number.NaN;
		const throttledShare = answered + throttled > 0 ? throttled / (answered + throttled) : Number.NaN;
		if (!(acceptedPerMinute >= MIN_ACCEPTED_SHARE * limit)) {
			problems.push(`${acceptedPerMinute.toFixed(1)} accepted per minute once settled, under ${MIN_ACCEPTED_SHARE * 100} % of ${limit}`);
		}
		if (!(throttledShare <= MAX_THROTTLED_SHARE)) problems.push(`${(throttledShare * 100).toFixed(1)} % 429s after ${SETTLE_SECONDS} s`);
		if (ranOn.size !== workers) problems.push(`the exports ran on ${ranOn.size} workers, not ${workers}`);
		return {
			workers,
			interactions,
			limit,
			recordings,
			seconds,
			requests: stats.requests,
			throttledAll: stats.byStatus[429] ?? 0,
			acceptedPerMinute,
			throttledShare,
			timeline: { stepSeconds, steps },
			problems,
		};
	} finally {
		await sim.close();
	}
}

/** The curve as an SVG: answered and 429s per step, the limit's share per step as a line. */
export function sharedLimitSvg({ timeline, limit, workers, acceptedPerMinute, throttledShare }) {
	const { stepSeconds, steps } = timeline;
	const width = 760;
	const height = 300;
	const left = 48;
	const bottom = 36;
	const top = 28;
	const plotW = width - left - 16;
	const plotH = height - top - bottom;
	const perStepLimit = (limit * stepSeconds) / 60;
	const yMax = Math.max(perStepLimit * 1.5, ...steps.map((s) => s.answered + s.throttled)) || 1;
	const x = (i) => left + (plotW * i) / Math.max(1, steps.length);
	const y = (v) => top + plotH - (plotH * v) / yMax;
	const barW = Math.max(1, plotW / Math.max(1, steps.length) - 1);
	const bars = steps
		.map((s, i) => {
			const a = `<rect x="${x(i).toFixed(1)}" y="${y(s.answered).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(0) - y(s.answered)).toFixed(1)}" fill="#4a7ab7"/>`;
			const t = s.throttled
				? `<rect x="${x(i).toFixed(1)}" y="${y(s.answered + s.throttled).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(s.answered) - y(s.answered + s.throttled)).toFixed(1)}" fill="#d0463c"/>`
				: '';
			return a + t;
		})
		.join('');
	const ticks = [];
	for (let sec = 0; sec <= steps.length * stepSeconds; sec += 60) {
		const i = sec / stepSeconds;
		ticks.push(`<line x1="${x(i)}" y1="${y(0)}" x2="${x(i)}" y2="${y(0) + 4}" stroke="#333"/><text x="${x(i)}" y="${y(0) + 16}" font-size="10" text-anchor="middle">${sec / 60}</text>`);
	}
	const yTicks = [0, Math.round(perStepLimit), Math.round(yMax)].map(
		(v) => `<text x="${left - 6}" y="${y(v) + 3}" font-size="10" text-anchor="end">${v}</text>`,
	);
	const title = `${workers} workers, one account limited to ${limit}/min: requests per ${stepSeconds} s (blue answered, red 429); settled ${acceptedPerMinute.toFixed(0)}/min accepted, ${(throttledShare * 100).toFixed(1)} % 429s`;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
		`<rect width="${width}" height="${height}" fill="#fff"/>`,
		`<text x="${left}" y="16" font-size="11">${title}</text>`,
		bars,
		`<line x1="${left}" y1="${y(perStepLimit)}" x2="${left + plotW}" y2="${y(perStepLimit)}" stroke="#222" stroke-dasharray="4 3"/>`,
		`<text x="${left + plotW}" y="${y(perStepLimit) - 4}" font-size="10" text-anchor="end">limit (${perStepLimit.toFixed(1)} per ${stepSeconds} s)</text>`,
		`<line x1="${left}" y1="${y(0)}" x2="${left + plotW}" y2="${y(0)}" stroke="#333"/>`,
		ticks.join(''),
		yTicks.join(''),
		`<text x="${left + plotW / 2}" y="${height - 4}" font-size="10" text-anchor="middle">minutes</text>`,
		'</svg>',
		'',
	].join('\n');
}
