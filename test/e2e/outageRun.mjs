/**
 * A vendor-wide outage in a running n8n: the Vonage trigger ("new recording → Slack",
 * backfilling 30 days at most 16 interactions a poll, downloading each recording) is activated;
 * once its first poll has posted, every VCC content download answers 503 for a few scheduled
 * polls, halfway through the backfill. The trigger must fail those polls as a whole (an outage is
 * not a file's fault) and, once VCC serves again, post every recording once: none given up as a
 * failure item, none lost, none twice.
 */
import { startN8n, restClient } from './n8nInstance.mjs';
import { startSlackSink } from './slackSink.mjs';
import { PACKAGES } from './workflows/build.mjs';
import { triggerToSink } from './workflows/triggerToSink.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for two scheduled polls to meet it. */
const OUTAGE_MS = 130_000;
const ITEMS_PER_POLL = 16;

function outageWorkflow(slackUrl, credential) {
	const text =
		"={{ JSON.stringify({ text: $json.status === 'failed' ? 'FAILED ' + $json.interactionId + ' ' + $json.reason : 'VCC recording ' + $json.interactionId + ' ' + $binary.data.fileSize }) }}";
	return triggerToSink({
		name: 'fault run: Vonage outage → Slack',
		trigger: {
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				contentTypes: ['callRecording'],
				downloadFiles: true,
				options: { backfillHours: 720, maxTries: 2, maxItemsPerPoll: ITEMS_PER_POLL },
			},
			type: `${PACKAGES.vonage}.vonageContactCenterTrigger`,
			credentials: { vonageContactCenterApi: credential },
		},
		url: slackUrl,
		text,
	});
}

/** Runs the outage; returns its row of the table. */
export async function runOutage({ bins, userFolder, port, sim, credential, say }) {
	const slack = await startSlackSink();
	const n8n = await startN8n({ ...bins, userFolder, port });
	const expected = sim.catalog.vonage.interactions
		.filter((x) => x.content.some((c) => c.type === 'callRecording'))
		.map((x) => x.guid);
	try {
		const rest = await restClient(n8n.url);
		sim.clearFaults();
		const saved = await rest.call('POST', '/rest/workflows', outageWorkflow(slack.messageUrl('outage'), credential));
		await rest.call('POST', `/rest/workflows/${saved.id}/activate`, { versionId: saved.versionId });
		const recordings = () => slack.messages.filter((m) => m.text.startsWith('VCC recording'));
		for (let waited = 0; waited < 60_000 && recordings().length < ITEMS_PER_POLL; waited += 500) await sleep(500);
		const postedBefore = recordings().length;
		sim.resetStats();
		sim.setFaults([{ vendor: 'vonage', path: '/content/', fault: '503', times: 100_000 }]);
		say(`outage: ${postedBefore} posted by the activation poll; now every VCC download answers 503 for ${OUTAGE_MS / 1000} s`);
		await sleep(OUTAGE_MS);
		const refusedDuringOutage = sim.stats().vendors.vonage?.byStatus?.[503] ?? 0;
		const postedDuringOutage = slack.messages.length - postedBefore;
		sim.clearFaults();
		say(`outage over (${refusedDuringOutage} downloads refused, ${postedDuringOutage} messages meanwhile)`);
		for (let waited = 0; waited < 150_000 && recordings().length < expected.length; waited += 2000) await sleep(2000);
		// One more scheduled poll: nothing may come out twice.
		await sleep(65_000);
		const posted = recordings().map((m) => m.text.split(' ')[2]);
		const failed = slack.messages.filter((m) => m.text.startsWith('FAILED'));
		return {
			outageSeconds: OUTAGE_MS / 1000,
			recordings: expected.length,
			postedBefore,
			refusedDuringOutage,
			postedDuringOutage,
			postedOnce: expected.filter((guid) => posted.filter((p) => p === guid).length === 1).length,
			duplicates: posted.length - new Set(posted).size,
			lost: expected.filter((guid) => !posted.includes(guid)).length,
			givenUp: failed.length,
			failedExamples: failed.slice(0, 3).map((m) => m.text),
			serverLog: n8n.output(),
		};
	} finally {
		sim.clearFaults();
		await n8n.stop();
		await slack.close();
	}
}
