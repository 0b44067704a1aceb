import type { IBinaryData, IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ownError } from '../../shared/vendorRequest';
import { downloadToBinary } from '../../shared/streamToBinary';
import { contentPath } from '../resources/content/contentFile';
import { vonageGet, VONAGE_API, type VonageRun } from '../transport/vonageApi';
import type { ContentEntry, FoundInteraction } from './interactionSearch';
import { asPollError, asRequestContext } from '../../shared/pollContext';

/** A file the search listed but that is gone by the time it is fetched: noted, not fatal. */
const GONE = new Set(['404', '410']);

export function binaryFieldFor(base: string, index: number): string {
	return index === 0 ? base : `${base}_${index}`;
}

/** The interaction as VCC listed it, plus which of its content is new. */
export function interactionJson(interaction: FoundInteraction, newContent: ContentEntry[]): IDataObject {
	return {
		...interaction.listing,
		interactionId: interaction.guid,
		newContent: newContent.map((entry) => ({ ...entry })),
		source: 'vonageContactCenter',
	};
}

/**
 * The item for one interaction, with each new file streamed into the binary store when asked.
 * A file that is gone (404/410) is described with its error and the rest still come; any other
 * failure fails the poll, which then keeps its place and tries again next time.
 */
export async function interactionItem(
	fx: IPollFunctions,
	run: VonageRun,
	interaction: FoundInteraction,
	newContent: ContentEntry[],
	download: { binaryPropertyName: string } | undefined,
): Promise<INodeExecutionData> {
	const json = interactionJson(interaction, newContent);
	if (!download) return { json };

	const binary: Record<string, IBinaryData> = {};
	const files: IDataObject[] = [];
	for (const entry of newContent) {
		const { guid } = interaction;
		const describe: IDataObject = { contentKey: entry.contentKey, type: entry.type ?? entry.contentKey };
		try {
			const file = await downloadToBinary(
				asRequestContext(fx),
				VONAGE_API,
				vonageGet(run, contentPath(guid, entry.contentKey)),
				{ baseName: `${guid}-${entry.contentKey}` },
				{ ...run.call, subject: `interaction ${guid}, content ${entry.contentKey}` },
			);
			const field = binaryFieldFor(download.binaryPropertyName, Object.keys(binary).length);
			binary[field] = file.binary;
			files.push({ ...describe, binaryProperty: field, fileName: file.fileName, mimeType: file.mimeType, bytes: file.bytes });
		} catch (error) {
			const known = ownError(error) as (Error & { httpCode?: string | null }) | undefined;
			if (!known || !GONE.has(String(known.httpCode))) throw asPollError(fx, error);
			files.push({ ...describe, error: known.message });
		}
	}
	json.files = files;
	return Object.keys(binary).length > 0 ? { json, binary } : { json };
}
