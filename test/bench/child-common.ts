/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark code, never shipped: it needs fs, crypto streams, timers and process */
/**
 * What both measuring children share: the memory probe around one download, the streaming
 * checksum of what ended up in n8n's binary store, and the one-line report to the orchestrator.
 *
 * Peak RSS growth = VmHWM after the download − VmRSS just before it. Linux (≥ 4.0) lets a
 * process reset its own high-water mark (write "5" to /proc/self/clear_refs), so VmHWM then
 * covers exactly the download; where that is refused, the 20 ms rss sampler is the fallback.
 */
import { Container } from '@n8n/di';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

const KIB = 1024;

function statusKiB(field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
	if (!match) throw new Error(`/proc/self/status has no ${field}`);
	return Number(match[1]);
}

function resetHighWaterMark(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export interface Measurement {
	seconds: number;
	rssBeforeMiB: number;
	peakGrowthMiB: number;
	/** How the peak was read: 'VmHWM' (reset before the download) or 'sampled' (20 ms). */
	peakSource: 'VmHWM' | 'sampled';
	sampledGrowthMiB: number;
}

export async function measure<T>(download: () => Promise<T>): Promise<{ m: Measurement; result: T }> {
	// Settle the heap first so garbage from start-up and warm-up is not counted as growth.
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	const hwmReset = resetHighWaterMark();
	const rssBefore = statusKiB('VmRSS');
	let sampledPeak = process.memoryUsage.rss() / KIB;
	const sampler = setInterval(() => {
		sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss() / KIB);
	}, 20);

	const started = process.hrtime.bigint();
	const result = await download();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;

	const hwm = statusKiB('VmHWM');
	clearInterval(sampler);
	sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss() / KIB);
	const peak = hwmReset ? hwm : sampledPeak;
	return {
		result,
		m: {
			seconds,
			rssBeforeMiB: rssBefore / KIB,
			peakGrowthMiB: (peak - rssBefore) / KIB,
			peakSource: hwmReset ? 'VmHWM' : 'sampled',
			sampledGrowthMiB: (sampledPeak - rssBefore) / KIB,
		},
	};
}

/** sha256 + length of a stored binary, read back through n8n's own BinaryDataService as a stream. */
export async function checksumStored(binary: IBinaryData | undefined): Promise<{ id: string; bytes: number; sha256: string }> {
	if (!binary?.id) {
		throw new Error(`The binary was not written to the filesystem store (no id): ${JSON.stringify(binary)?.slice(0, 200)}`);
	}
	const stream = await Container.get(BinaryDataService).getAsStream(binary.id);
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of stream) {
		hash.update(chunk as Buffer);
		bytes += (chunk as Buffer).length;
	}
	return { id: binary.id, bytes, sha256: hash.digest('hex') };
}

/** The orchestrator reads the last line starting with this marker; everything else is logs. */
export function report(data: object): void {
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(data)}\n`);
}

export function env(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set (this file is started by run-download-bench.mjs)`);
	return value;
}

/** Runs main(); any failure exits 1 with the stack so the orchestrator can show it. */
export function runChild(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
			process.exit(1);
		},
	);
}
