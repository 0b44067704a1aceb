import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { DateWindow } from '../../shared/http/dateWindows';
import { isOfTypes, type ContentEntry } from '../transport/endpoints';
import { searchWindow, searchWindows } from '../transport/interactionSearch';
import type { VonageRun } from '../transport/vonageApi';
import type { VonageTriggerSettings } from './settings';

/** One interaction from the search, with the content entries the trigger is watching. */
export interface FoundInteraction {
	guid: string;
	/** Start time (epoch ms) as VCC filters on it; undefined when the answer had none we can read. */
	startMs?: number;
	listing: IDataObject;
	wanted: ContentEntry[];
}

function contentOf(listing: IDataObject): ContentEntry[] {
	const content = Array.isArray(listing.content) ? (listing.content as unknown[]) : [];
	return content.filter(
		(entry): entry is ContentEntry =>
			typeof entry === 'object' && entry !== null && typeof (entry as IDataObject).contentKey === 'string',
	);
}

function found(listing: IDataObject, contentTypes: string[]): FoundInteraction | undefined {
	if (typeof listing.guid !== 'string' || listing.guid === '') return undefined;
	const start = typeof listing.start === 'string' ? Date.parse(listing.start) : NaN;
	return {
		guid: listing.guid.toLowerCase(),
		startMs: Number.isNaN(start) ? undefined : start,
		listing,
		wanted: contentOf(listing).filter((entry) => isOfTypes(entry, contentTypes)),
	};
}

/** Every interaction that started in one window and has watched content, all pages. */
async function watchedIn(
	fx: IPollFunctions,
	run: VonageRun,
	settings: VonageTriggerSettings,
	window: DateWindow,
): Promise<FoundInteraction[]> {
	const results: FoundInteraction[] = [];
	for (const listing of await searchWindow(fx, run, { window, filters: settings.filters })) {
		const interaction = found(listing, settings.contentTypes);
		if (interaction && interaction.wanted.length > 0) results.push(interaction);
	}
	return results;
}

/**
 * Interactions that started in [from, to) and have content of the watched types, oldest first.
 * Windows are half-open, so an interaction on a window boundary is found once.
 */
export async function searchRange(
	fx: IPollFunctions,
	run: VonageRun,
	settings: VonageTriggerSettings,
	from: number,
	to: number,
): Promise<FoundInteraction[]> {
	const byGuid = new Map<string, FoundInteraction>();
	for (const window of searchWindows(new Date(from), new Date(to))) {
		for (const interaction of await watchedIn(fx, run, settings, window)) {
			byGuid.set(interaction.guid, interaction);
		}
	}
	return [...byGuid.values()].sort((a, b) => (a.startMs ?? to) - (b.startMs ?? to));
}

/** The most recently started interaction with watched content, searching newest window first. */
export async function newestInRange(
	fx: IPollFunctions,
	run: VonageRun,
	settings: VonageTriggerSettings,
	from: number,
	to: number,
): Promise<FoundInteraction | undefined> {
	const windows = searchWindows(new Date(from), new Date(to)).reverse();
	for (const window of windows) {
		const interactions = await watchedIn(fx, run, settings, window);
		if (interactions.length === 0) continue;
		return interactions.reduce((newest, x) => ((x.startMs ?? -Infinity) > (newest.startMs ?? -Infinity) ? x : newest));
	}
	return undefined;
}
