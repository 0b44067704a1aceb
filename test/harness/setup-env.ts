/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, never shipped: it needs fs, os and process */
/**
 * Vitest setup file (runs in each worker before every test file).
 *
 * n8n-core's InstanceSettings writes `<N8N_USER_FOLDER>/.n8n/config` (an auto-generated
 * encryption key) the first time it is resolved from the DI container; without this it would
 * write to the developer's real ~/.n8n. n8n-core (a node_modules dependency, so loaded once
 * per worker, not per test file) caches that, so each worker gets one folder, created under
 * the run's temp root from global-setup.ts (removed after the run).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { inject } from 'vitest';

if (!process.env.N8N_TEST_WORKER_DIR) {
	const root = inject('n8nTestRoot') ?? tmpdir();
	const workerDir = mkdtempSync(join(root, 'worker-'));
	process.env.N8N_TEST_WORKER_DIR = workerDir;
	process.env.N8N_USER_FOLDER = workerDir;
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
// n8n's logger is chatty at info level; run with N8N_LOG_LEVEL=debug to see it.
process.env.N8N_LOG_LEVEL ??= 'silent';

// Test files share a worker (isolate: false in vitest.config.mts): whatever one file did to nock
// (restored it for real sockets, refused the network, left interceptors) must not reach the next.
if (!nock.isActive()) nock.activate();
nock.cleanAll();
nock.enableNetConnect();
