/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, never shipped: it needs fs, os and process */
/**
 * One-time DI container setup for running nodes in-process.
 *
 * n8n-core resolves its services lazily through `Container.get(...)` (from @n8n/di, a single
 * copy shared with n8n-core). Most of them (InstanceSettings, Logger, ErrorReporter,
 * OutboundHttp, SecurityConfig) build themselves from env vars, so we let the container
 * construct them: importing those classes ourselves would be wrong anyway, because n8n-core
 * ships its own nested copies of @n8n/backend-common / @n8n/backend-network / @n8n/config,
 * and a class imported from the top-level copy is a different DI token.
 *
 * The one service that must be configured by hand is BinaryDataService: until `init()` runs
 * it has no manager and `prepareBinaryData` silently falls back to inline base64.
 */
import { Container } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

let storageDir: string | undefined;
let ready: Promise<BinaryDataService> | undefined;

/**
 * The temp directory that backs the filesystem binary-data store (created on first use, inside
 * the worker dir from setup-env.ts, which global-setup.ts removes after the run).
 */
export function binaryStorageDir(): string {
	storageDir ??= mkdtempSync(join(process.env.N8N_TEST_WORKER_DIR ?? tmpdir(), 'binary-'));
	return storageDir;
}

async function initBinaryDataService(): Promise<BinaryDataService> {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = binaryStorageDir();
	// Let DI supply ErrorReporter + Logger (n8n-core's own copies), then init the managers.
	const service = Container.get(BinaryDataService);
	await service.init();
	Container.set(BinaryDataService, service);
	return service;
}

/** Idempotent: safe to await from every runNode / readBinary call. */
export async function ensureContainer(): Promise<BinaryDataService> {
	ready ??= initBinaryDataService();
	return await ready;
}
