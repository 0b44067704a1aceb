import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { answerShapeError, describeArrival, type AnswerContext } from '../../../shared/http/expectedAnswers';
import { baseMimeType } from '../../../shared/files/fileNames';
import { redactText } from '../../../shared/transcripts/redaction/index';
import { fileItem } from '../../../shared/files/binaryDownload';
import { redactionLevel, transcriptChoice, transcriptOutput, type TranscriptChoice } from '../../../shared/transcripts/output';
import { transcriptFromStructuredText, type GenesysTranscript } from '../../transport/chatTranscript';
import { downloadOnServer, getText, type GenesysRun, type TextBody } from '../../transport/genesysApi';
import { XmlParseError } from '../../transport/xmlParser';
import { GENESYS } from '../../vendor';

/**
 * Fetching the three kinds of interaction content. Content → Get … builds the URL from the Base
 * URL; Interaction → Get follows the URLs in the resource (checked by the transport first).
 */

export type ContentKind = 'plainText' | 'structuredText' | 'binaryContent';

/** Path segment and the field of the Interaction resource that holds its URL. */
export const CONTENT_KINDS: Record<ContentKind, { segment: string; field: string; label: string }> = {
	plainText: { segment: 'plain_text', field: 'text', label: 'plain text' },
	structuredText: { segment: 'structured_text', field: 'structured_text', label: 'structured text' },
	binaryContent: { segment: 'binary_content', field: 'binary_content', label: 'binary content' },
};

export interface TranscriptOptions extends TranscriptChoice {
	includeRaw?: boolean;
	includeNotices?: boolean;
}

function isXml(mimeType: string | undefined, text: string): boolean {
	if (mimeType && /xml/i.test(mimeType)) return true;
	if (mimeType && mimeType !== 'text/plain' && mimeType !== 'application/octet-stream') return false;
	return text.trimStart().startsWith('<');
}

/**
 * Structured text as a transcript. XML (a chat transcript above all) is parsed; other content
 * (an e-mail's HTML, say) cannot be read as turns, so it comes back whole as text and raw.
 */
export function structuredTextTranscript(
	fx: IExecuteFunctions,
	interactionId: string,
	text: string,
	mimeType: string | undefined,
	options: TranscriptOptions,
	itemIndex: number,
): GenesysTranscript & { mimeType?: string } {
	if (!isXml(mimeType, text)) {
		return {
			vendor: GENESYS.id,
			interactionId,
			channel: 'unknown',
			text: text.trim(),
			segments: [],
			format: mimeType ?? 'text',
			parties: [],
			raw: text,
			...(mimeType ? { mimeType } : {}),
		};
	}
	try {
		const transcript = transcriptFromStructuredText({
			interactionId,
			text,
			includeRaw: options.includeRaw === true,
			includeNotices: options.includeNotices === true,
		});
		return mimeType ? { ...transcript, mimeType } : transcript;
	} catch (error) {
		if (!(error instanceof XmlParseError)) throw new NodeOperationError(fx.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(
			fx.getNode(),
			`The structured text of interaction ${interactionId} is not well-formed XML: ${error.message}`,
			{ itemIndex, description: 'Use Content → Download Binary Content or Get Plain Text to see it as it is.' },
		);
	}
}

/**
 * A structured-text transcript as an item's json. With Redact the parties' names go too: Chat
 * Server nicknames are often e-mail addresses (counted where the party speaks, as speaker names).
 */
export function structuredTextOutput(fx: IExecuteFunctions, transcript: GenesysTranscript, itemIndex: number): IDataObject {
	const choice = transcriptChoice(fx, itemIndex);
	const level = redactionLevel(choice);
	if (level === 'off') return transcriptOutput(transcript, choice);
	const parties = transcript.parties.map((party) => (party.name === undefined ? party : { ...party, name: redactText(party.name, level).text }));
	const named: GenesysTranscript = { ...transcript, parties };
	return transcriptOutput(named, choice);
}

export async function fetchPlainText(
	fx: IExecuteFunctions,
	run: GenesysRun,
	url: string,
	interactionId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await getText(fx, run, { method: 'GET', url, headers: { Accept: 'text/plain, */*' } }, {
		...run.call,
		itemIndex,
		subject: `interaction ${interactionId}, plain text`,
	});
	const json: IDataObject = { interactionId, text: body.text, bytes: body.bytes };
	const mimeType = baseMimeType(body.contentType);
	if (mimeType) json.mimeType = mimeType;
	return json;
}

/**
 * Structured text is XML (chats) or the text of an e-mail. A 200 that is empty, JSON (a proxy's
 * or gateway's envelope), or an HTML page where the interaction lists XML is something else
 * answering in its place, and is refused rather than returned as a transcript.
 */
function checkStructuredText(fx: IExecuteFunctions, body: TextBody, listedMimeType: string | undefined, context: AnswerContext): void {
	const served = baseMimeType(body.contentType);
	const empty = body.text.trim() === '';
	const json = served !== undefined && /json/i.test(served);
	const pageForXml =
		listedMimeType !== undefined && /xml/i.test(listedMimeType) && describeArrival(body.text).startsWith('an HTML page');
	if (empty || json || pageForXml) {
		const why = pageForXml ? `The interaction lists its structured text as ${listedMimeType}.` : undefined;
		throw answerShapeError(fx.getNode(), 'the structured text', body.text, context, why);
	}
}

export async function fetchStructuredText(
	fx: IExecuteFunctions,
	run: GenesysRun,
	url: string,
	interactionId: string,
	options: TranscriptOptions & { listedMimeType?: string },
	itemIndex: number,
): Promise<GenesysTranscript> {
	const context = { vendor: run.call.vendor, itemIndex, subject: `interaction ${interactionId}, structured text` };
	const body = await getText(fx, run, { method: 'GET', url, headers: { Accept: 'text/xml, application/xml, */*' } }, {
		...run.call,
		...context,
	});
	checkStructuredText(fx, body, baseMimeType(options.listedMimeType), context);
	const mimeType = baseMimeType(body.contentType) ?? baseMimeType(options.listedMimeType);
	return structuredTextTranscript(fx, interactionId, body.text, mimeType, options, itemIndex);
}

export async function fetchBinaryContent(
	fx: IExecuteFunctions,
	run: GenesysRun,
	url: string,
	interactionId: string,
	binaryPropertyName: string,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const file = await downloadOnServer(
		fx,
		run,
		{ method: 'GET', url, headers: { Accept: '*/*' } },
		{ baseName: interactionId },
		{ ...run.call, itemIndex, subject: `interaction ${interactionId}, binary content` },
	);
	return fileItem(file, binaryPropertyName, { interactionId }, GENESYS.id);
}
