import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import type { RequestBehaviour } from '../../shared/node/requestOptions';
import { searchFilters } from '../transport/interactionSearch';
import { vonageRun, VONAGE_CREDENTIAL, type VonageRun } from '../transport/vonageApi';
import { pollTimeLimit, withinPoll } from '../../shared/trigger/pollTime';
import { readDownload, readPollWindow, startFromScope, type PollWindow, type PollWindowOptions } from '../../shared/trigger/settings';
import { DOWNLOAD_FILES } from './description';
import { CONTENT_TYPES } from '../properties';

export interface VonageTriggerSettings extends PollWindow {
	/** Empty: any type. */
	contentTypes: string[];
	/** Search filters, as the API takes them. */
	filters: IDataObject;
	downloadFiles: boolean;
	binaryPropertyName: string;
	/** What the remembered content was collected for: a change starts the trigger afresh. */
	scope: string;
}

interface TriggerOptions extends RequestBehaviour, PollWindowOptions {}

const KNOWN_TYPES = new Set(CONTENT_TYPES.map((t) => t.value));

/** Every parameter, checked before any request. */
export function readSettings(fx: IPollFunctions): VonageTriggerSettings {
	const node = fx.getNode();
	const contentTypes = [...((fx.getNodeParameter('contentTypes', []) as string[]) ?? [])].sort();
	const unknown = contentTypes.find((type) => !KNOWN_TYPES.has(type));
	if (unknown !== undefined) {
		throw new NodeOperationError(node, `Content type "${unknown}" is not one Vonage lists`, {
			description: `Use ${[...KNOWN_TYPES].join(', ')}`,
		});
	}
	const filters = searchFilters(fx.getNodeParameter('filters', {}) as IDataObject);
	const options = fx.getNodeParameter('options', {}) as TriggerOptions;
	const { download: downloadFiles, binaryPropertyName } = readDownload(fx, DOWNLOAD_FILES);
	const window = readPollWindow(fx, options);
	return {
		contentTypes,
		filters,
		...window,
		downloadFiles,
		binaryPropertyName,
		scope: JSON.stringify({ contentTypes, filters, ...startFromScope(window) }),
	};
}

/** One poll's transport settings: pacing spans every request of the poll, which all end within its time. */
export async function startTriggerRun(fx: IPollFunctions): Promise<VonageRun> {
	const credentials = await fx.getCredentials(VONAGE_CREDENTIAL);
	return withinPoll(vonageRun(credentials, fx.getNodeParameter('options', {}) as RequestBehaviour), pollTimeLimit(fx));
}

/** "call recording" / "call recording or transcript" / "any", for messages. */
export function describeTypes(contentTypes: string[]): string {
	if (contentTypes.length === 0) return 'any';
	const names = contentTypes.map((value) => CONTENT_TYPES.find((t) => t.value === value)?.name.toLowerCase() ?? value);
	return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
