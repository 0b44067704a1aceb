import { NodeOperationError, type INodeProperties, type IPollFunctions } from 'n8n-workflow';

import { DEFAULT_RETRY_HOURS } from './failedWork';
import { assertNumberInRange } from '../node/inputChecks';

/**
 * The settings every trigger offers in the same words (Backfill, Look Back, Start From, Max Items
 * per Poll, the download switch): their editor properties and their readers, which check each
 * value before any request.
 */

const HOUR_MS = 3_600_000;
/** The look-back a trigger uses unless the user sets one. */
export const DEFAULT_LOOK_BACK_HOURS = 24;
/** Thirty days: more than that is a bulk export, not a trigger's overlap. */
export const MAX_TRIGGER_HOURS = 720;
/** Items (interactions, calls) one poll emits unless the user sets another bound. */
export const DEFAULT_MAX_ITEMS_PER_POLL = 100;
/** One poll's items live in memory (and their files in the binary store) until the execution ends. */
const MAX_ITEMS_PER_POLL = 100_000;

/** A number-of-hours option, checked before any request; in ms. */
export function triggerHours(fx: IPollFunctions, value: unknown, label: string, min: number): number {
	return assertNumberInRange(fx.getNode(), value, label, { min, max: MAX_TRIGGER_HOURS, unit: 'hours' }) * HOUR_MS;
}

/** Backfill, Look Back and the bounds of a poll as every trigger offers them, in the vendor's terms. */
export function pollWindowProperties(describe: { backfill: string; lookBack: string; items: string }): INodeProperties[] {
	return [
		{
			displayName: 'Max Items per Poll',
			name: 'maxItemsPerPoll',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_ITEMS_PER_POLL,
			description: `At most this many ${describe.items} per poll, oldest first. The rest come out on the following polls, which continue where this one stopped, so a backlog drains in bounded steps.`,
		},
		{
			displayName: 'Start From',
			name: 'startFrom',
			type: 'dateTime',
			default: '',
			description:
				'Backfill from this date: on its first poll the trigger walks history from here, Max Items per Poll at a time, until it reaches now, then polls as usual. Takes the place of Backfill on First Activation. Changing it starts the trigger afresh.',
		},
		{
			displayName: 'Backfill on First Activation (Hours)',
			name: 'backfillHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TRIGGER_HOURS },
			default: 0,
			description: describe.backfill,
		},
		{
			displayName: 'Look Back (Hours)',
			name: 'lookBackHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TRIGGER_HOURS },
			default: DEFAULT_LOOK_BACK_HOURS,
			description: describe.lookBack,
		},
		{
			displayName: 'Retry Failing Downloads For (Hours)',
			name: 'retryHours',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TRIGGER_HOURS },
			default: DEFAULT_RETRY_HOURS,
			description:
				'A download that fails for a reason that may pass (a server error, a dropped connection) is tried again on later polls, 1, 2, 4 … minutes apart, for this long (at most Look Back), then reported as a failure item. 0 reports it at once.',
		},
	];
}

/** A trigger's download switch, in the vendor's words. */
export interface DownloadSwitch {
	name: string;
	displayName: string;
}

/**
 * The download switch and the field its files go in, as every trigger offers them; the n-th file
 * goes in `<field>_n` (filesInFields). `firstFile` names what goes in the field itself.
 */
export function downloadProperties(download: DownloadSwitch & { description: string }, firstFile: string): INodeProperties[] {
	const { name, displayName, description } = download;
	return [
		{ displayName, name, type: 'boolean', default: false, description },
		{
			displayName: 'Put Files in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: `The first ${firstFile} goes in this field, further files in <field>_1, <field>_2 …`,
			displayOptions: { show: { [name]: [true] } },
		},
	];
}

/** The download switch and its field, checked before any request. */
export function readDownload(fx: IPollFunctions, download: DownloadSwitch): { download: boolean; binaryPropertyName: string } {
	const on = fx.getNodeParameter(download.name, false) === true;
	const binaryPropertyName = on ? String(fx.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() : 'data';
	if (binaryPropertyName === '') {
		throw new NodeOperationError(fx.getNode(), `Put Files in Field is required when ${download.displayName} is on`);
	}
	return { download: on, binaryPropertyName };
}

export interface PollWindowOptions {
	lookBackHours?: number;
	backfillHours?: number;
	retryHours?: number;
	maxItemsPerPoll?: number;
	startFrom?: string;
}

export interface PollWindow {
	lookBackMs: number;
	backfillMs: number;
	/** How long failing work is tried again: the user's window, never beyond Look Back. */
	retryWindowMs: number;
	maxItems: number;
	/** Epoch ms; undefined when the trigger starts from now. */
	startFrom?: number;
}

/** Look Back, Backfill, the retry window and a poll's bounds, as every trigger offers them. */
export function readPollWindow(fx: IPollFunctions, options: PollWindowOptions): PollWindow {
	const node = fx.getNode();
	const lookBackMs = triggerHours(fx, options.lookBackHours ?? DEFAULT_LOOK_BACK_HOURS, 'Look Back (Hours)', 1);
	const retryMs = triggerHours(fx, options.retryHours ?? DEFAULT_RETRY_HOURS, 'Retry Failing Downloads For (Hours)', 0);
	const maxItems = assertNumberInRange(node, options.maxItemsPerPoll ?? DEFAULT_MAX_ITEMS_PER_POLL, 'Max Items per Poll', { min: 1, max: MAX_ITEMS_PER_POLL, unit: 'items' });
	const window: PollWindow = {
		lookBackMs,
		backfillMs: triggerHours(fx, options.backfillHours ?? 0, 'Backfill on First Activation (Hours)', 0),
		retryWindowMs: Math.min(retryMs, lookBackMs),
		maxItems: Math.floor(maxItems),
	};
	const startFrom = typeof options.startFrom === 'string' ? options.startFrom.trim() : '';
	if (startFrom !== '') {
		const ms = Date.parse(startFrom);
		if (Number.isNaN(ms)) throw new NodeOperationError(node, `Start From "${startFrom}" is not a date`);
		window.startFrom = ms;
	}
	return window;
}

/** What a trigger's scope gains from Start From: nothing when unset, so states saved before it stay valid. */
export function startFromScope(window: PollWindow): { startFrom?: number } {
	return window.startFrom === undefined ? {} : { startFrom: window.startFrom };
}
