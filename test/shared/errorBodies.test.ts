import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';

import { startLoopbackServer, tokenHandler } from '../support/loopbackServer';
import { GET_INTERACTION, loopbackCredentials, runVonage } from '../vonage/fixtures';

// A body that never ends needs a real server.
beforeAll(() => nock.restore());

describe('error answers (real loopback HTTP)', () => {
	it('reads an error body only as far as its message needs: one that never ends still fails at once', async () => {
		const server = await startLoopbackServer([
			tokenHandler(),
			(_req, res) => {
				res.writeHead(400, { 'Content-Type': 'application/json' });
				res.write(`{"message":"Bad request","pad":"${'x'.repeat(128 * 1024)}`);
			},
		]);
		try {
			const { error } = await runVonage(
				{ ...GET_INTERACTION, options: { requestsPerMinute: 0, maxTries: 1, timeoutSeconds: 60 } },
				{ credentials: loopbackCredentials(server.url) },
			);

			expect(error?.message).toMatch(/^Vonage Contact Center: \{"message":"Bad request","pad":"x+\.\.\.$/);
			expect((error as { httpCode?: string }).httpCode).toBe('400');
		} finally {
			await server.close();
		}
	});
});
