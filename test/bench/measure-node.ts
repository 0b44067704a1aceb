/**
 * Child process: "node: Content → Download". Runs the real VonageContactCenter node through
 * n8n-core's WorkflowExecute (test/harness) against the loopback file server, with the
 * credential's apiBaseUrl and tokenUrl overrides pointing there, so every run goes through
 * preAuthentication (token POST) + the authenticated GET + prepareBinaryData(stream).
 *
 * Env: BENCH_BASE_URL, BENCH_GUID, BENCH_WARMUP_GUID (+ the N8N_* folders set by the orchestrator).
 */
import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { VonageContactCenter } from '../../nodes/VonageContactCenter/VonageContactCenter.node';
import { ensureContainer } from '../harness/container';
import { runNode } from '../harness/run-node';
import { checksumStored, env, measure, report, runChild } from './child-common';

const baseUrl = env('BENCH_BASE_URL');

async function download(guid: string) {
	const result = await runNode({
		nodeType: new VonageContactCenter(),
		credentialTypes: [new VonageContactCenterApi()],
		// A fresh credential each run (empty accessToken), so each run also fetches a token.
		credentials: {
			vonageContactCenterApi: {
				region: 'emea',
				clientId: 'bench-client',
				clientSecret: 'bench-secret',
				apiBaseUrl: baseUrl,
				tokenUrl: `${baseUrl}/token`,
			},
		},
		parameters: {
			resource: 'content',
			operation: 'download',
			guid,
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
			options: { requestsPerMinute: 0 },
		},
	});
	if (result.error) throw result.error;
	if (result.items.length !== 1) throw new Error(`Expected 1 output item, got ${result.items.length}`);
	return result.items[0];
}

runChild(async () => {
	// The n8n-workflow copy must be the CommonJS build n8n-core uses (else two NodeApiError classes).
	const workflowEntry = require.resolve('n8n-workflow');
	if (!workflowEntry.endsWith('/n8n-workflow/dist/cjs/index.js')) {
		throw new Error(`n8n-workflow resolved to ${workflowEntry}, not its CommonJS build`);
	}
	await ensureContainer();
	// Warm-up on a tiny file: loads every lazy module (engine, axios, binary store) so the
	// measured growth is the download's, not start-up's. n8n in production is warm too.
	await checksumStored((await download(env('BENCH_WARMUP_GUID'))).binary?.data);

	const { m, result: item } = await measure(() => download(env('BENCH_GUID')));
	const stored = await checksumStored(item.binary?.data);
	report({ ...m, ...stored, json: item.json });
});
