/**
 * Workflows only the queue-mode run has: a bulk export (every recording of 30 days, paced to a
 * vendor rate) and a recording over n8n's database binary-store cap.
 */
import { largeFileGuid } from '../../simulator/index.mjs';
import { chain, manualTrigger, node, outputOf, PACKAGES, withCredential } from './build.mjs';

const TYPE = `${PACKAGES.vonage}.vonageContactCenter`;
const CRED = 'vonageContactCenterApi';

function vonage(name, parameters, credential) {
	return withCredential(node(name, TYPE, parameters), CRED, credential);
}

/** Search 30 days → Download All call recordings, both paced at `requestsPerMinute`. */
export function bulkExportWorkflow(credential, requestsPerMinute) {
	const options = { requestsPerMinute };
	return chain(`e2e bulk: 30 days of Vonage recordings at ${requestsPerMinute}/min`, [
		manualTrigger(),
		vonage('Search', {
			resource: 'interaction',
			operation: 'search',
			start: '={{ $now.minus({ days: 30 }).minus({ minutes: 5 }).toISO() }}',
			end: '={{ $now.plus({ minutes: 1 }).toISO() }}',
			returnAll: true,
			options,
		}, credential),
		vonage('Download All', {
			resource: 'content',
			operation: 'downloadAll',
			guid: '={{ $json.guid }}',
			contentTypes: ['callRecording'],
			binaryPropertyName: 'data',
			options,
		}, credential),
	]);
}

/**
 * Every recording the simulator has, each fetched once (the content list from Search is reused,
 * so no interaction is fetched again), stored whole, and the vendor never saw more than the
 * configured rate in any minute (0 = unpaced: not checked). Returns the numbers for the report.
 */
export function verifyBulkExport(run, sim, requestsPerMinute) {
	const expected = new Map();
	for (const interaction of sim.catalog.vonage.interactions) {
		for (const c of interaction.content) if (c.type === 'callRecording') expected.set(interaction.guid, c);
	}
	const items = outputOf(run, 'Download All');
	const seen = new Set();
	for (const { json, binary } of items) {
		const want = expected.get(json.interactionId);
		if (!want) throw new Error(`unexpected recording ${json.interactionId}`);
		if (seen.has(json.interactionId)) throw new Error(`recording ${json.interactionId} came twice`);
		seen.add(json.interactionId);
		if (json.bytes !== want.bytes) throw new Error(`size mismatch for ${json.interactionId}: ${json.bytes} ≠ ${want.bytes}`);
		if (!String(binary?.data?.id ?? '').startsWith('database:')) throw new Error(`not in the database store: ${binary?.data?.id}`);
	}
	if (seen.size !== expected.size) throw new Error(`${seen.size} of ${expected.size} recordings exported`);
	const stats = sim.stats().vendors.vonage;
	const { content = 0, interaction = 0, search = 0 } = stats.byRoute;
	if (content !== expected.size) throw new Error(`${content} content requests for ${expected.size} recordings`);
	if (interaction !== 0) throw new Error(`${interaction} interactions fetched again after Search listed them`);
	// The token request is not an API call.
	const apiMax = stats.maxRequestsPerMinute - (stats.byRoute.token ?? 0);
	if (requestsPerMinute > 0 && apiMax > requestsPerMinute) throw new Error(`${apiMax} requests in one minute, over the ${requestsPerMinute}/min set`);
	return {
		recordings: expected.size,
		bytes: items.reduce((sum, { json }) => sum + json.bytes, 0),
		requests: stats.requests,
		interactions: sim.catalog.vonage.interactions.length,
		searchRequests: search,
		contentRequests: content,
		maxRequestsPerMinute: apiMax,
	};
}

/** One recording of `sizeMiB`, over a database store capped below it: must fail readably. */
export function oversizeWorkflow(credential, sizeMiB) {
	return chain(`e2e queue: a ${sizeMiB} MiB recording over the binary store cap`, [
		manualTrigger(),
		vonage('Download', {
			resource: 'content',
			operation: 'download',
			guid: largeFileGuid(sizeMiB),
			contentKey: 'callRecording',
			binaryPropertyName: 'data',
			options: { requestsPerMinute: 0 },
		}, credential),
	]);
}
