import { FileTooLargeError } from 'n8n-core';

import { ensureContainer } from '../harness/container';

/**
 * A stand-in for n8n's `database` binary store (packages/cli DatabaseManager, the default in
 * queue mode): it reads the whole stream, then refuses a file over its cap with n8n-core's own
 * FileTooLargeError, exactly as the real one does. The real one is exercised in the queue-mode
 * end-to-end run.
 */
function cappedDatabaseStore(capMb: number) {
	return {
		async init() {},
		async store(_location: unknown, stream: AsyncIterable<Buffer>, metadata: { fileName?: string }) {
			let bytes = 0;
			for await (const chunk of stream) bytes += chunk.length;
			const fileSizeMb = bytes / (1024 * 1024);
			if (fileSizeMb > capMb) {
				throw new FileTooLargeError({ fileSizeMb, maxFileSizeMb: capMb, fileId: 'f-1', fileName: metadata.fileName });
			}
			return { fileId: 'f-1', fileSize: bytes };
		},
	};
}

/** Puts the harness's binary data service in `database` mode with a per-file cap; returns the undo. */
export async function useCappedDatabaseStore(capMb: number): Promise<() => void> {
	const service = await ensureContainer();
	// `mode` is private in n8n-core's types; it is what init() sets from the instance's config.
	const modeOf = service as unknown as { mode: string };
	const previous = modeOf.mode;
	service.setManager('database', cappedDatabaseStore(capMb) as never);
	modeOf.mode = 'database';
	return () => {
		modeOf.mode = previous;
	};
}
