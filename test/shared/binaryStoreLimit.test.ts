import nock from 'nock';
import { FileTooLargeError } from 'n8n-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ensureContainer } from '../harness/container';
import { description } from '../support/errorDetails';
import { startLoopbackServer, tokenHandler } from '../support/loopbackServer';
import { DOWNLOAD_RECORDING, loopbackCredentials, runVonage } from '../vonage/fixtures';

beforeAll(() => nock.restore());

const CAP_MB = 1;

/**
 * A stand-in for n8n's `database` binary store (packages/cli DatabaseManager, the default in
 * queue mode): it reads the whole stream, then refuses a file over its cap with n8n-core's own
 * FileTooLargeError, exactly as the real one does. The real one is exercised in the queue-mode
 * end-to-end run.
 */
const cappedDatabaseStore = {
	async init() {},
	async store(_location: unknown, stream: AsyncIterable<Buffer>, metadata: { fileName?: string }) {
		let bytes = 0;
		for await (const chunk of stream) bytes += chunk.length;
		const fileSizeMb = bytes / (1024 * 1024);
		if (fileSizeMb > CAP_MB) {
			throw new FileTooLargeError({ fileSizeMb, maxFileSizeMb: CAP_MB, fileId: 'f-1', fileName: metadata.fileName });
		}
		return { fileId: 'f-1', fileSize: bytes };
	},
};

async function useDatabaseMode(): Promise<() => void> {
	const service = await ensureContainer();
	// `mode` is private in n8n-core's types; it is what init() sets from the instance's config.
	const modeOf = service as unknown as { mode: string };
	const previous = modeOf.mode;
	service.setManager('database', cappedDatabaseStore as never);
	modeOf.mode = 'database';
	return () => {
		modeOf.mode = previous;
	};
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("n8n's binary store cap (database mode)", () => {
	it('fails a recording over the cap with the setting to raise, without retrying it', async () => {
		restore = await useDatabaseMode();
		const wav = Buffer.alloc(3 * 1024 * 1024, 1);
		const server = await startLoopbackServer([
			tokenHandler(),
			(_req, res) => res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }).end(wav),
		]);
		try {
			const { error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			expect(error?.message).toMatch(/the file is too large for n8n's binary data store \(3 MB; this n8n accepts at most 1 MB per file\)/);
			expect(error?.message).toContain('content callRecording');
			expect(description(error)).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
			// One download: a store limit is not a network failure worth trying again.
			expect(server.requests.filter((r) => r.url?.includes('/content/'))).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	it('stores a recording under the cap as usual', async () => {
		restore = await useDatabaseMode();
		const wav = Buffer.alloc(512 * 1024, 1);
		const server = await startLoopbackServer([
			tokenHandler(),
			(_req, res) => res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }).end(wav),
		]);
		try {
			const { items, error } = await runVonage(DOWNLOAD_RECORDING, { credentials: loopbackCredentials(server.url) });

			expect(error).toBeUndefined();
			expect(items[0].json.bytes).toBe(wav.length);
			expect(items[0].binary?.data.id).toMatch(/^database:/);
		} finally {
			await server.close();
		}
	});
});
