/**
 * The polling triggers in a running n8n: a "new recording → Slack" workflow per trigger is
 * activated against the simulator (backfilling 30 days), and must post one message per
 * recording, then nothing more on the next poll (no duplicates).
 */
import { PACKAGES } from './workflows/build.mjs';
import { triggerToSink } from './workflows/triggerToSink.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages whose first words repeat: the same recording posted twice. */
function duplicates(messages, prefix) {
	const keys = messages.filter((m) => m.text.startsWith(prefix)).map((m) => m.text.split(' ').slice(0, 3).join(' '));
	return keys.filter((k, i) => keys.indexOf(k) !== i);
}

/** Returns the ids of the activated workflows, for callers that look at their executions. */
export async function checkTriggers({ rest, sim, slack, credentials, check }) {
	const everyMinute = { item: [{ mode: 'everyMinute' }] };
	const workflows = [
		triggerToSink({
			name: 'e2e trigger: new Vonage recording → Slack',
			trigger: {
				parameters: { pollTimes: everyMinute, contentTypes: ['callRecording'], downloadFiles: true, options: { backfillHours: 720 } },
				type: `${PACKAGES.vonage}.vonageContactCenterTrigger`,
				credentials: { vonageContactCenterApi: credentials.vonage },
			},
			url: slack.url,
			text: "={{ JSON.stringify({ text: 'VCC recording ' + $json.interactionId + ' ' + $json.files[0].fileName + ' ' + $binary.data.fileSize }) }}",
		}),
		triggerToSink({
			name: 'e2e trigger: new Kore.ai call → Slack',
			trigger: {
				parameters: { pollTimes: everyMinute, downloadRecording: true, options: { backfillHours: 720 } },
				type: `${PACKAGES.kore}.koreAiSmartAssistTrigger`,
				credentials: { koreAiSmartAssistApi: credentials.kore },
			},
			url: slack.url,
			text: "={{ JSON.stringify({ text: 'Kore call ' + $json.sessionId + ' ' + $json.recordingStatus + ' ' + $json.files[0].fileName }) }}",
		}),
	];
	const workflowIds = [];
	for (const workflow of workflows) {
		const saved = await rest.call('POST', '/rest/workflows', workflow);
		await rest.call('POST', `/rest/workflows/${saved.id}/activate`, { versionId: saved.versionId });
		workflowIds.push(saved.id);
	}

	const count = (prefix) => slack.messages.filter((m) => m.text.startsWith(prefix)).length;
	const vonageExpected = sim.catalog.vonage.interactions.filter((x) => x.content.some((c) => c.type === 'callRecording')).length;
	const koreReadyAtOnce = sim.catalog.kore.sessions.filter(
		(s) => /voice/i.test(s.channel) && s.recordingStatus === 'success' && s.pollsBeforeSuccess === 0,
	).length;
	// Activation polls once at once; give it time, then wait past the next scheduled poll.
	for (let waited = 0; waited < 120_000 && (count('VCC') < vonageExpected || count('Kore') < koreReadyAtOnce); waited += 2000) {
		await sleep(2000);
	}
	await sleep(65_000);

	await check('trigger: Vonage posts one message per recording, once', async () => {
		const dup = duplicates(slack.messages, 'VCC');
		if (count('VCC') !== vonageExpected || dup.length) {
			throw new Error(`${count('VCC')} messages for ${vonageExpected} recordings, duplicates: ${dup.join(', ')}`);
		}
		return `${vonageExpected} messages for ${vonageExpected} recordings, none repeated after the next poll`;
	});
	await check('trigger: Kore.ai posts each finished call with its recording, once', async () => {
		const dup = duplicates(slack.messages, 'Kore');
		if (count('Kore') < koreReadyAtOnce || dup.length) {
			throw new Error(`${count('Kore')} messages (≥ ${koreReadyAtOnce} expected), duplicates: ${dup.join(', ')}`);
		}
		return `${count('Kore')} messages (${koreReadyAtOnce} recordings ready at activation), none repeated`;
	});
	return { workflowIds };
}
