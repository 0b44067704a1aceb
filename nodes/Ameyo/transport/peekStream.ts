/**
 * Reading the first bytes of a streamed response without buffering the rest. The body is an
 * http.IncomingMessage (a Readable); what is read is put back with `unshift`, so whoever gets
 * the stream next (n8n's binary store) sees every byte. Structural types: node code may not
 * import 'stream'.
 */
export interface PeekableStream {
	read(size?: number): Buffer | string | null;
	unshift(chunk: Buffer): void;
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	readonly readableEnded?: boolean;
}

export function isPeekable(body: unknown): body is PeekableStream {
	const candidate = body as Partial<PeekableStream> | null;
	return (
		typeof candidate === 'object' &&
		candidate !== null &&
		typeof candidate.read === 'function' &&
		typeof candidate.unshift === 'function' &&
		typeof candidate.on === 'function' &&
		typeof candidate.removeListener === 'function'
	);
}

export interface Peeked {
	head: Buffer;
	/** The body ended within the bytes read: nothing was put back. */
	ended: boolean;
}

/**
 * Reads until at least `minBytes` arrived or the body ended, then puts the bytes back.
 * Rejects with the stream's own error (e.g. ECONNRESET) if the connection drops first.
 */
export async function peekStream(stream: PeekableStream, minBytes: number): Promise<Peeked> {
	const chunks: Buffer[] = [];
	let size = 0;
	const head = await new Promise<{ ended: boolean }>((resolve, reject) => {
		const cleanup = () => {
			stream.removeListener('readable', onReadable);
			stream.removeListener('end', onEnd);
			stream.removeListener('error', onError);
			stream.removeListener('close', onClose);
		};
		const finish = (ended: boolean) => {
			cleanup();
			resolve({ ended });
		};
		function onReadable() {
			for (;;) {
				const chunk = stream.read();
				if (chunk === null) return;
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				chunks.push(buffer);
				size += buffer.length;
				if (size >= minBytes) {
					finish(false);
					return;
				}
			}
		}
		function onEnd() {
			finish(true);
		}
		function onError(error: unknown) {
			cleanup();
			reject(error instanceof Error ? error : new Error(String(error)));
		}
		function onClose() {
			// Closed without 'end' or 'error': the peer went away mid-body.
			if (stream.readableEnded) finish(true);
			else onError(Object.assign(new Error('The connection closed before the body began'), { code: 'ECONNRESET' }));
		}
		stream.on('readable', onReadable);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
	});
	const bytes = Buffer.concat(chunks, size);
	if (!head.ended && bytes.length > 0) stream.unshift(bytes);
	return { head: bytes, ended: head.ended };
}
