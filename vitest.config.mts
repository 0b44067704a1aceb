import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// n8n-core is CommonJS and `require`s n8n-workflow's CJS build, while Vite would hand test
// and node code the ESM build: two copies means two `NodeApiError` classes and failing
// `instanceof` checks. Force every import of the bare specifier onto the CJS build.
const n8nWorkflowCjs = fileURLToPath(
	new URL('./node_modules/n8n-workflow/dist/cjs/index.js', import.meta.url),
);

/** Specs whose point is a time or size budget: the performance project, run after the unit specs. */
const PERFORMANCE_SPECS = 'test/**/*.perf.test.ts';

export default defineConfig({
	resolve: {
		// Regex so subpaths such as `n8n-workflow/common` are left alone.
		alias: [{ find: /^n8n-workflow$/, replacement: n8nWorkflowCjs }],
	},
	test: {
		environment: 'node',
		pool: 'forks',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Temp root for the run (removed at teardown) + per-worker N8N_USER_FOLDER.
		globalSetup: ['./test/harness/global-setup.ts'],
		setupFiles: ['./test/harness/setup-env.ts'],
		// Test files share their worker and its loaded modules (n8n-core takes seconds to load): a
		// fresh process per file cost more than the specs themselves. What a file changes that
		// outlives it (nock's state) is reset before each file in setup-env.ts. The pool reads this
		// from the root config only; it still gives each project workers of its own.
		poolOptions: { forks: { isolate: false } },
		// Vitest's default is one worker less than the cores: a single worker on a 2-core machine.
		// The specs mostly wait on sockets, so two workers there halve the unit run (38 s → 23 s).
		maxWorkers: Math.max(2, availableParallelism() - 1),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts'],
					exclude: [...configDefaults.exclude, PERFORMANCE_SPECS],
					isolate: false,
				},
			},
			{
				extends: true,
				test: {
					name: 'performance',
					include: [PERFORMANCE_SPECS],
					// Each file starts from a fresh module cache; `npm run test:perf` (and npm test) also
					// runs the files one at a time (--no-file-parallelism), so budgets are not shared.
					isolate: true,
				},
			},
		],
	},
});
