import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { attemptWork, failureItem, isDue, type FailingLog, type RetryRules } from '../../shared/trigger/failedWork';
import { downloadToBinary, filesInFields, type DownloadedFile } from '../../shared/files/binaryDownload';
import { contentMayBeHtml, type ContentEntry } from '../transport/endpoints';
import { contentPath, vonageGet, VONAGE_API, type VonageRun } from '../transport/vonageApi';
import type { FoundInteraction } from './watchedInteractions';
import { VONAGE } from '../vendor';

/** The interaction as VCC listed it, plus which of its content is new. */
export function interactionJson(interaction: FoundInteraction, newContent: ContentEntry[]): IDataObject {
	return {
		...interaction.listing,
		interactionId: interaction.guid,
		newContent: newContent.map((entry) => ({ ...entry })),
		source: VONAGE.id,
	};
}

interface DeliveredFile {
	entry: ContentEntry;
	file: DownloadedFile;
}

/** The item for one interaction with the files that were stored, each attached and described. */
function itemWithFiles(interaction: FoundInteraction, delivered: DeliveredFile[], binaryPropertyName: string): INodeExecutionData {
	const json = interactionJson(interaction, delivered.map((d) => d.entry));
	const { binary, described } = filesInFields(
		delivered.map((d) => d.file),
		binaryPropertyName,
		(index) => ({ contentKey: delivered[index].entry.contentKey, type: delivered[index].entry.type ?? delivered[index].entry.contentKey }),
	);
	json.files = described;
	return { json, binary };
}

async function downloadContent(fx: IPollFunctions, run: VonageRun, guid: string, entry: ContentEntry): Promise<DownloadedFile> {
	return await downloadToBinary(
		fx,
		VONAGE_API,
		vonageGet(run, contentPath(guid, entry.contentKey)),
		{ baseName: `${guid}-${entry.contentKey}`, htmlMayBeTheFile: contentMayBeHtml(entry.type ?? entry.contentKey) },
		{ ...run.call, subject: `interaction ${guid}, content ${entry.contentKey}` },
	);
}

/** What a failure item names: enough to fetch the file again with Content → Download. */
function fileSubject(guid: string, entry: ContentEntry): IDataObject {
	return {
		interactionId: guid,
		contentKey: entry.contentKey,
		type: entry.type ?? entry.contentKey,
		...(typeof entry.lastModified === 'string' ? { lastModified: entry.lastModified } : {}),
	};
}

export interface FreshFile {
	entry: ContentEntry;
	/** Its fingerprint: the key of `seen` and of the failing log. */
	key: string;
}

export interface Delivery {
	items: INodeExecutionData[];
	/** Fingerprints done with: emitted, or reported as failed. */
	settled: string[];
	/** Errors of files left for a later poll. */
	retryLater: unknown[];
}

/**
 * The items for one interaction's new files. Without downloads, one item naming them. With
 * downloads, each file on its own (nodes/shared/failedWork.ts): the stored ones in one item, a file
 * given up as its own failure item, a file failing transiently left unsettled for a later poll (and
 * not tried before its next try is due).
 * Only an error about the whole poll (credential, throttling) is thrown.
 */
export async function deliverInteraction(
	fx: IPollFunctions,
	run: VonageRun,
	interaction: FoundInteraction,
	fresh: FreshFile[],
	download: { binaryPropertyName: string } | undefined,
	failing: FailingLog,
	anchor: number,
	rules: RetryRules,
): Promise<Delivery> {
	if (!download) {
		return { items: [{ json: interactionJson(interaction, fresh.map((f) => f.entry)) }], settled: fresh.map((f) => f.key), retryLater: [] };
	}
	const { guid } = interaction;
	const delivered: DeliveredFile[] = [];
	const failures: INodeExecutionData[] = [];
	const settled: string[] = [];
	const retryLater: unknown[] = [];
	for (const { entry, key } of fresh) {
		if (!isDue(failing, key)) continue;
		const outcome = await attemptWork(
			failing,
			key,
			{ anchor, subject: fileSubject(guid, entry) },
			async () => await downloadContent(fx, run, guid, entry),
			rules,
		);
		if (outcome.kind === 'retryLater') {
			retryLater.push(outcome.error);
			continue;
		}
		if (outcome.kind === 'done') delivered.push({ entry, file: outcome.value });
		else failures.push(failureItem(outcome.failure, VONAGE.id));
		settled.push(key);
	}
	const items = delivered.length > 0 ? [itemWithFiles(interaction, delivered, download.binaryPropertyName), ...failures] : failures;
	return { items, settled, retryLater };
}
