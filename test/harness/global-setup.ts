/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped: it needs fs and os */
/**
 * Vitest globalSetup (main process): one temp root for the whole run, handed to workers
 * through provide/inject and removed at teardown. Cleaning up from the workers themselves
 * does not work: the forks pool kills them before `process.on('exit')` handlers run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		n8nTestRoot: string;
	}
}

export default function setup(project: TestProject): () => void {
	const root = mkdtempSync(join(tmpdir(), 'n8n-node-tests-'));
	project.provide('n8nTestRoot', root);
	return () => rmSync(root, { recursive: true, force: true });
}
