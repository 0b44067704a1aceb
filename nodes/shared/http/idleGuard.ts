import type { BodyStream } from './types';

/**
 * A streamed body that stops arriving must fail, not hang: once n8n hands the body over, its
 * HTTP client no longer times anything, and a server that stalls mid-body would keep the
 * download (and the execution, or the poll) open forever. The guard fails the body when the
 * server sends nothing for the timeout while the reader is waiting for it. Time the reader
 * spends elsewhere (n8n's store writing to disk) is not the server's, so it does not count.
 */

/** Seconds as a person reads them: "300 s", "0.5 s". */
export function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** The error a stalled body fails with: a timeout (ETIMEDOUT), retried like a dropped connection. */
export function stalledBodyError(timeoutMs: number): Error & { code: string } {
	return Object.assign(new Error(`no bytes for ${seconds(timeoutMs)}`), { code: 'ETIMEDOUT' });
}

/**
 * Watches one body. Its timers come from AbortSignal.timeout, the one timer a community node
 * may start itself, and they do not keep the process alive once the body is done.
 */
class IdleWatch {
	private waitingSince: number | undefined;
	private stopped = false;

	constructor(
		private readonly timeoutMs: number,
		private readonly onStall: () => void,
	) {
		this.arm(timeoutMs);
	}

	waiting(): void {
		this.waitingSince = Date.now();
	}

	arrived(): void {
		this.waitingSince = undefined;
	}

	stop(): void {
		this.stopped = true;
	}

	private arm(delayMs: number): void {
		// Node keeps a timeout signal that has an abort listener alive until it fires.
		AbortSignal.timeout(Math.max(1, delayMs)).addEventListener('abort', () => this.check(), { once: true });
	}

	private check(): void {
		if (this.stopped) return;
		const since = this.waitingSince;
		const waited = since === undefined ? 0 : Date.now() - since;
		if (since !== undefined && waited >= this.timeoutMs) {
			this.stopped = true;
			this.onStall();
			return;
		}
		this.arm(this.timeoutMs - waited);
	}
}

const READ_AHEAD_BYTES = 256 * 1024;

/** The class of a node stream, read off the stream itself: node code cannot import 'stream'. */
interface StreamClass {
	from(source: AsyncIterable<Buffer | string>, options: { objectMode: false; highWaterMark: number }): BodyStream;
}

function isStreamClass(value: unknown): value is StreamClass {
	return typeof value === 'function' && 'from' in value && typeof value.from === 'function';
}

function isNodeStream(body: BodyStream): boolean {
	return 'pipe' in body && typeof body.pipe === 'function';
}

/**
 * The body, failing with stalledBodyError when the server sends nothing for `timeoutMs` while
 * it is being read; `onStall` also runs then (to abort the request and free its socket). A node
 * stream comes back as a node stream (n8n's binary store takes it as it is).
 */
export function guardIdle(body: BodyStream, timeoutMs: number, onStall: () => void = () => {}): BodyStream {
	// The read in progress is abandoned rather than awaited: a stream whose source is stuck may
	// never settle it, not even when destroyed. Each read gets its own promise: racing every read
	// against one long-lived promise would keep every chunk read so far reachable from it.
	let abandon: ((error: Error) => void) | undefined;
	const watch = new IdleWatch(timeoutMs, () => {
		const error = stalledBodyError(timeoutMs);
		abandon?.(error);
		body.destroy(error);
		onStall();
	});
	async function* watched(): AsyncGenerator<Buffer | string> {
		const iterator = body[Symbol.asyncIterator]();
		try {
			for (;;) {
				watch.waiting();
				const next = await new Promise<IteratorResult<Buffer | string>>((resolve, reject) => {
					abandon = reject;
					iterator.next().then(resolve, reject);
				});
				abandon = undefined;
				watch.arrived();
				if (next.done) return;
				yield next.value;
			}
		} finally {
			watch.stop();
			body.destroy();
		}
	}
	const streamClass: unknown = Object.getPrototypeOf(body)?.constructor;
	// Read ahead as a socket does (Readable.from would otherwise hold one byte's worth): the store
	// writes one chunk while the next arrives.
	if (isNodeStream(body) && isStreamClass(streamClass)) {
		return streamClass.from(watched(), { objectMode: false, highWaterMark: READ_AHEAD_BYTES });
	}
	const generator = watched();
	return {
		[Symbol.asyncIterator]: () => generator,
		destroy: () => {
			watch.stop();
			body.destroy();
			void generator.return(undefined);
		},
	};
}
