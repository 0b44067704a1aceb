/**
 * The polling triggers in a running n8n: a "new recording → Slack" workflow per trigger is
 * activated against the simulator (backfilling 30 days), and must post one message per
 * recording, then nothing more on the next poll (no duplicates).
 */
import { startSimulator } from '../simulator/index.mjs';
import { checkCursorStore } from './durableCursors.mjs';
import { startSlackSink } from './slackSink.mjs';
import { PACKAGES } from './workflows/build.mjs';
import { koreCredential } from './workflows/kore.mjs';
import { triggerToSink } from './workflows/triggerToSink.mjs';
import { vonageCredential } from './workflows/vonage.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages whose first words repeat: the same recording posted twice. */
function duplicates(messages, prefix) {
	const keys = messages.filter((m) => m.text.startsWith(prefix)).map((m) => m.text.split(' ').slice(0, 3).join(' '));
	return keys.filter((k, i) => keys.indexOf(k) !== i);
}

/**
 * Returns the ids of the activated workflows, for callers that look at their executions.
 * `durable`: n8n runs with durable poll cursors. There, n8n 2.41.1 polls at activation and its
 * scheduler polls again within seconds; each works on its own copy of the cursor, so a first poll
 * slower than that gap (Kore.ai's, which checks each recording) runs twice from nothing and emits
 * part of its backfill twice. That is measured and reported; every later poll must repeat nothing.
 */
export async function checkTriggers({ rest, sim, slack, credentials, check, durable = false }) {
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
	const distinct = (prefix) => count(prefix) - duplicates(slack.messages, prefix).length;
	const vonageExpected = sim.catalog.vonage.interactions.filter((x) => x.content.some((c) => c.type === 'callRecording')).length;
	const koreReadyAtOnce = sim.catalog.kore.sessions.filter(
		(s) => /voice/i.test(s.channel) && s.recordingStatus === 'success' && s.pollsBeforeSuccess === 0,
	).length;
	// Activation polls once at once; give it time, then wait past the next scheduled poll.
	for (let waited = 0; waited < 120_000 && (distinct('VCC') < vonageExpected || distinct('Kore') < koreReadyAtOnce); waited += 2000) {
		await sleep(2000);
	}
	if (durable) {
		// The second of the overlapping first polls may still be posting: what it repeats is counted
		// before the next scheduled poll, which must repeat nothing.
		for (let last = -1; last !== slack.messages.length; ) {
			last = slack.messages.length;
			await sleep(10_000);
		}
	}
	const repeatsBefore = { VCC: duplicates(slack.messages, 'VCC').length, Kore: duplicates(slack.messages, 'Kore').length };
	await sleep(65_000);

	if (durable) {
		const judge = (prefix, expected, exact) => {
			const dup = duplicates(slack.messages, prefix);
			const thrice = dup.filter((k, i) => dup.indexOf(k) !== i).length;
			const got = distinct(prefix);
			if ((exact ? got !== expected : got < expected) || thrice > 0 || dup.length > repeatsBefore[prefix]) {
				throw new Error(`${got} of ${expected} expected, ${dup.length} repeats (${repeatsBefore[prefix]} before the last poll), ${thrice} thrice`);
			}
			return `${got} of ${expected}; ${dup.length} posted twice by the overlapping activation and first scheduled polls, none by a later poll`;
		};
		await check('trigger (durable cursors): Vonage posts every recording; only the overlapping first polls may repeat', async () => judge('VCC', vonageExpected, true));
		await check('trigger (durable cursors): Kore.ai posts every finished call; only the overlapping first polls may repeat', async () => judge('Kore', koreReadyAtOnce, false));
		return { workflowIds };
	}
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

/**
 * The same checks in an n8n some other run started (its packages installed), on a simulator and
 * sink of their own, then the trigger workflows deactivated so they leave that run alone. With
 * `durable` the n8n runs under DURABLE_ENV, and the check also proves the cursor went to n8n's
 * poller_state rather than static data; without it, that the legacy poller kept static data.
 */
export async function checkTriggersOnOwnSimulator({ n8n, rest, check, durable, label = '' }) {
	const [sim, slack] = await Promise.all([startSimulator({}), startSlackSink()]);
	try {
		const credential = async (data, name) => ({ id: (await rest.call('POST', '/rest/credentials', { ...data, name })).id, name });
		const credentials = {
			vonage: await credential(vonageCredential(sim), 'Vonage (trigger e2e simulator)'),
			kore: await credential(koreCredential(sim), 'Kore.ai (trigger e2e simulator)'),
		};
		const labelled = async (name, fn) => await check(`${label}${name}`, fn);
		const { workflowIds } = await checkTriggers({ rest, sim, slack, credentials, check: labelled, durable });
		await checkCursorStore({ rest, n8nOutput: n8n.output(), workflowIds, durable, check, label });
		for (const id of workflowIds) await rest.call('POST', `/rest/workflows/${id}/deactivate`, {});
		return { workflowIds };
	} finally {
		await Promise.all([sim.close(), slack.close()]);
	}
}
