import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadToBinary, fileItem } from '../../../shared/files/binaryDownload';
import { assertGuid, assertPattern } from '../../../shared/node/inputChecks';
import { contentMayBeHtml } from '../../transport/endpoints';
import { contentPath, CONTENT_KEY_PATTERN, vonageGet, VONAGE_API, type VonageRun } from '../../transport/vonageApi';
import { VONAGE } from '../../vendor';

/** The content keys VCC documents by name; anything else is a content id from the listing. */
export const NAMED_CONTENT_KEYS = [
	{ name: 'Call Recording', value: 'callRecording', description: 'The call recording (audio/wav)' },
	{ name: 'Transcript', value: 'transcript', description: 'The transcript of a call recording (JSON)' },
	{ name: 'Chat Transcript', value: 'chatTranscript', description: 'The transcript of a chat (JSON)' },
	{ name: 'Attachment', value: 'attachment', description: 'An attachment file' },
	{
		name: 'Categorization Result',
		value: 'categorizationResult',
		description: 'The categorization of the transcript (JSON)',
	},
	{
		name: 'Content ID (From the Content List)',
		value: 'contentId',
		description:
			'Voicemail, screen, video and IVR recordings are addressed by the ID the interaction lists',
	},
];

export function interactionGuidParameter(fx: IExecuteFunctions, itemIndex: number): string {
	return assertGuid(fx.getNode(), fx.getNodeParameter('guid', itemIndex), 'Interaction GUID', itemIndex);
}

/** The chosen content key, or the typed content id, checked against VCC's documented alphabet. */
export function contentKeyParameter(fx: IExecuteFunctions, itemIndex: number): string {
	const choice = fx.getNodeParameter('contentKey', itemIndex) as string;
	const value = choice === 'contentId' ? fx.getNodeParameter('contentId', itemIndex) : choice;
	return assertPattern(
		fx.getNode(),
		value,
		'Content key',
		CONTENT_KEY_PATTERN,
		"1–36 characters of letters, digits and !-_.,*'() such as callRecording or a content id from the interaction",
		itemIndex,
	);
}

export interface ContentDownload {
	guid: string;
	contentKey: string;
	binaryPropertyName: string;
	itemIndex: number;
	range?: string;
	/** Extra JSON to describe the file (e.g. the entry of the content list). */
	describe?: IDataObject;
}

/** Streams one content file into a binary item. */
export async function downloadContentFile(
	fx: IExecuteFunctions,
	run: VonageRun,
	download: ContentDownload,
): Promise<INodeExecutionData> {
	const { guid, contentKey, itemIndex } = download;
	const headers = download.range ? { Range: `bytes=${download.range}` } : undefined;
	const file = await downloadToBinary(
		fx,
		VONAGE_API,
		vonageGet(run, contentPath(guid, contentKey), undefined, headers),
		{
			baseName: `${guid}-${contentKey}`,
			htmlMayBeTheFile: contentMayBeHtml(typeof download.describe?.type === 'string' ? download.describe.type : contentKey),
		},
		{ ...run.call, itemIndex, subject: `interaction ${guid}, content ${contentKey}` },
	);
	const item = fileItem(file, download.binaryPropertyName, { interactionId: guid, contentKey, ...download.describe }, VONAGE.id);
	if (file.contentRange) item.json.contentRange = file.contentRange;
	return item;
}
