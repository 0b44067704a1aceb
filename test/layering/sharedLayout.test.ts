/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a spec, never shipped: it reads the repository's own files */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const SHARED = join(__dirname, '..', '..', 'nodes', 'shared');

/** nodes/shared is split by concern; a file at its root would be a concern nobody named. */
describe('nodes/shared layout', () => {
	it('holds only the folders of its concerns, no loose files', () => {
		const entries = readdirSync(SHARED, { withFileTypes: true });
		expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([]);
		expect(entries.map((e) => e.name).sort()).toEqual(['files', 'http', 'node', 'transcripts', 'trigger']);
	});
});
