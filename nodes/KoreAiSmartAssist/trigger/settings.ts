import { NodeOperationError, type IPollFunctions } from 'n8n-workflow';

import { retryPolicyFrom } from '../../shared/callOptions';
import { assertKoreId, KORE_CREDENTIAL, type KoreRun, type KoreRunBehaviour } from '../transport/koreApi';
import { koreBaseUrl } from '../transport/hosts';
import { korePacer, KORE_BOT_REQUESTS_PER_HOUR, KORE_REQUESTS_PER_MINUTE } from '../transport/rateLimits';
import { readPollWindow, triggerHours, type PollWindowOptions } from '../../shared/pollingTrigger';
import { DEFAULT_MAX_WAIT_HOURS } from './description';
import { KORE } from '../vendor';

export interface KoreTriggerSettings {
	accountId: string;
	botId: string;
	lookBackMs: number;
	backfillMs: number;
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

function idWithDefault(fx: IPollFunctions, name: string, label: string, fallback: unknown): string {
	const typed = fx.getNodeParameter(name, '') as unknown;
	const value = (typeof typed === 'string' ? typed.trim() : '') || String(fallback ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(fx.getNode(), `${label} is required`, {
			description: `Set it in the node, or as the default ${label} in the Kore.ai SmartAssist credential.`,
		});
	}
	return assertKoreId(fx.getNode(), value, label);
}

/** Every parameter, checked before any request, and the transport for one poll. */
export async function readSettings(fx: IPollFunctions): Promise<{ settings: KoreTriggerSettings; runs: KoreTriggerRuns }> {
	const node = fx.getNode();
	const credentials = await fx.getCredentials(KORE_CREDENTIAL);
	const host = koreBaseUrl(credentials);
	if ('problem' in host) throw new NodeOperationError(node, host.problem);

	const accountId = idWithDefault(fx, 'accountId', 'Account ID', credentials.accountId);
	const botId = idWithDefault(fx, 'botId', 'Bot / Stream ID', credentials.botId);
	const options = fx.getNodeParameter('options', {}) as TriggerOptions;
	const downloadRecording = fx.getNodeParameter('downloadRecording', false) === true;
	const binaryPropertyName = downloadRecording
		? String(fx.getNodeParameter('binaryPropertyName', 'data') ?? '').trim()
		: 'data';
	if (binaryPropertyName === '') {
		throw new NodeOperationError(node, 'Put Files in Field is required when Download Recording is on');
	}
	const settings: KoreTriggerSettings = {
		accountId,
		botId,
		...readPollWindow(fx, options),
		downloadRecording,
		binaryPropertyName,
		emitWithoutRecording: downloadRecording && fx.getNodeParameter('emitWithoutRecording', false) === true,
		maxWaitMs: triggerHours(fx, options.maxWaitHours ?? DEFAULT_MAX_WAIT_HOURS, 'Max Wait for Recording (Hours)', 0),
		scope: JSON.stringify({ accountId, botId }),
	};

	const common = {
		baseUrl: host.baseUrl,
		defaultBotId: botId,
		defaultAccountId: accountId,
	};
	const policy = retryPolicyFrom(options);
	const perMinute = options.requestsPerMinute ?? KORE_REQUESTS_PER_MINUTE;
	return {
		settings,
		runs: {
			// The analytics API is limited per account by the minute only (transport/rateLimits.ts).
			analytics: { ...common, call: { vendor: KORE.displayName, policy, pacer: korePacer(perMinute, 0) } },
			bot: {
				...common,
				call: {
					vendor: KORE.displayName,
					policy,
					pacer: korePacer(perMinute, options.requestsPerHour ?? KORE_BOT_REQUESTS_PER_HOUR),
				},
			},
		},
	};
}
