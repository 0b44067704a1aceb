import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// n8n-core is CommonJS and `require`s n8n-workflow's CJS build, while Vite would hand test
// and node code the ESM build: two copies means two `NodeApiError` classes and failing
// `instanceof` checks. Force every import of the bare specifier onto the CJS build.
const n8nWorkflowCjs = fileURLToPath(
	new URL('./node_modules/n8n-workflow/dist/cjs/index.js', import.meta.url),
);

export default defineConfig({
	resolve: {
		// Regex so subpaths such as `n8n-workflow/common` are left alone.
		alias: [{ find: /^n8n-workflow$/, replacement: n8nWorkflowCjs }],
	},
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Temp root for the run (removed at teardown) + per-worker N8N_USER_FOLDER.
		globalSetup: ['./test/harness/global-setup.ts'],
		setupFiles: ['./test/harness/setup-env.ts'],
	},
});
