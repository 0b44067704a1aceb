import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { useCappedDatabaseStore } from '../support/cappedBinaryStore';
import { description } from '../support/errorDetails';
import { startLoopbackServer, tokenHandler } from '../support/loopbackServer';
import { DOWNLOAD_RECORDING, loopbackCredentials, runVonage } from '../vonage/fixtures';

beforeAll(() => nock.restore());

const CAP_MB = 1;
const useDatabaseMode = () => useCappedDatabaseStore(CAP_MB);

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
