import type { IPollFunctions } from 'n8n-workflow';

import { KORE_CREDENTIAL, koreIdOrDefault, koreRun, type KoreRun, type KoreRunBehaviour } from '../transport/koreApi';
import { pollTimeLimit, withinPoll } from '../../shared/trigger/pollTime';
import { readDownload, readPollWindow, startFromScope, triggerHours, type PollWindow, type PollWindowOptions } from '../../shared/trigger/settings';
import { DEFAULT_MAX_WAIT_HOURS, DOWNLOAD_RECORDING } from './description';

export interface KoreTriggerSettings extends PollWindow {
	accountId: string;
	botId: string;
	downloadRecording: boolean;
	binaryPropertyName: string;
	emitWithoutRecording: boolean;
	maxWaitMs: number;
	/** What the remembered sessions were collected for: a change starts the trigger afresh. */
	scope: string;
}

/** Analytics (call details, per account) and bot (recordings, per bot) are limited separately. */
export interface KoreTriggerRuns {
	analytics: KoreRun;
	bot: KoreRun;
}

interface TriggerOptions extends KoreRunBehaviour, PollWindowOptions {
	maxWaitHours?: number;
}

/** Every parameter, checked before any request, and the transport for one poll. */
export async function readSettings(fx: IPollFunctions): Promise<{ settings: KoreTriggerSettings; runs: KoreTriggerRuns }> {
	const node = fx.getNode();
	const credentials = await fx.getCredentials(KORE_CREDENTIAL);
	const options = fx.getNodeParameter('options', {}) as TriggerOptions;
	// Every request of the poll ends within the poll's time.
	const finishBy = pollTimeLimit(fx);
	const runs: KoreTriggerRuns = {
		analytics: withinPoll(koreRun(node, credentials, options, 'analytics'), finishBy),
		bot: withinPoll(koreRun(node, credentials, options, 'bot'), finishBy),
	};
	const accountId = koreIdOrDefault(node, fx.getNodeParameter('accountId', ''), 'Account ID', runs.analytics.defaultAccountId);
	const botId = koreIdOrDefault(node, fx.getNodeParameter('botId', ''), 'Bot / Stream ID', runs.bot.defaultBotId);
	const { download: downloadRecording, binaryPropertyName } = readDownload(fx, DOWNLOAD_RECORDING);
	const window = readPollWindow(fx, options);
	const settings: KoreTriggerSettings = {
		accountId,
		botId,
		...window,
		downloadRecording,
		binaryPropertyName,
		emitWithoutRecording: downloadRecording && fx.getNodeParameter('emitWithoutRecording', false) === true,
		maxWaitMs: triggerHours(fx, options.maxWaitHours ?? DEFAULT_MAX_WAIT_HOURS, 'Max Wait for Recording (Hours)', 0),
		scope: JSON.stringify({ accountId, botId, ...startFromScope(window) }),
	};
	return { settings, runs };
}
