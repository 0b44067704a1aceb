import {
	NodeOperationError,
	sleep,
	type IBinaryData,
	type IDataObject,
	type IHttpRequestOptions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	baseMimeType,
	extensionForMimeType,
	fileNameFromContentDisposition,
} from './fileNames';
import { answerShapeError } from '../http/expectedAnswers';
import { rangeMismatch, rangeMismatchError, requestedRange, type ByteRange } from './byteRanges';
import { decideRetry, DEFAULT_RETRY_POLICY, isTimeout, isTransientNetworkError } from '../http/retryPolicy';
import { ownError, vendorApiError } from '../http/vendorErrors';
import { scrubSecretPatterns } from '../http/secretScrubbing';
import { readSmallBody } from '../http/responseBodies';
import { requestLabel } from '../http/sendErrors';
import { requestStream, withSecretsScrubbed } from '../http/request';
import type { BodyStream, CallOptions, FileFunctions, HttpResult, RequestFunctions, VendorApi } from '../http/types';

/**
 * Streams a vendor response straight into n8n's binary store (filesystem / database / S3,
 * whatever the instance uses): the file is never held whole in memory.
 */

export interface DownloadNaming {
	/** Used when the response has no Content-Disposition filename: `<baseName>.<ext>`. */
	baseName: string;
	/** A name the vendor gave elsewhere (e.g. a file list); wins over Content-Disposition. */
	fileName?: string;
	/** When the server sends no Content-Type. */
	defaultMimeType?: string;
	/**
	 * The file asked for may itself be a web page (an e-mail attachment, say). Otherwise an HTML
	 * answer is a proxy's or a login page standing in for the file, and is refused.
	 */
	htmlMayBeTheFile?: boolean;
}

const WEB_PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export interface DownloadedFile {
	binary: IBinaryData;
	bytes: number;
	mimeType: string;
	fileName: string;
	statusCode: number;
	/** Content-Range when the server answered a byte range. */
	contentRange?: string;
}

/** An operation's item for one stored file: what it is about, then the file and where it came from. */
export function fileItem(file: DownloadedFile, field: string, about: IDataObject, source: string): INodeExecutionData {
	const json = { ...about, fileName: file.fileName, mimeType: file.mimeType, bytes: file.bytes, source };
	return { json, binary: { [field]: file.binary } };
}

/**
 * Several files on one item (a trigger's): the n-th in field `base`, `base_1`, `base_2` …, each
 * described for the item's JSON after what `about` says of it.
 */
export function filesInFields(
	files: DownloadedFile[],
	base: string,
	about: (index: number) => IDataObject = () => ({}),
): { binary: Record<string, IBinaryData>; described: IDataObject[] } {
	const binary: Record<string, IBinaryData> = {};
	const described = files.map((file, index) => {
		const field = index === 0 ? base : `${base}_${index}`;
		binary[field] = file.binary;
		return { ...about(index), binaryProperty: field, fileName: file.fileName, mimeType: file.mimeType, bytes: file.bytes };
	});
	return { binary, described };
}

type StoreInput = Parameters<FileFunctions['helpers']['prepareBinaryData']>[0];

/** n8n's streamed response body is a node stream (an IncomingMessage), which the store takes as it is. */
function isNodeStream(body: BodyStream): body is BodyStream & Exclude<StoreInput, Buffer> {
	return 'pipe' in body && typeof body.pipe === 'function';
}

/** A body n8n handed over whole (see requestStream) is small: it goes in as one Buffer. */
async function storeInput(body: BodyStream): Promise<StoreInput> {
	if (isNodeStream(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks);
}

/** What Content-Length promises of the stored body; a compressed body's length says nothing about it. */
export function promisedLength(headers: IDataObject): number | undefined {
	const value = headers['content-length'];
	const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
	return !headers['content-encoding'] && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Stores an already-open response; `expectedBytes` is what Content-Length promised. */
export async function storeResponseAsBinary(
	fx: FileFunctions,
	response: HttpResult<BodyStream>,
	naming: DownloadNaming,
): Promise<DownloadedFile & { expectedBytes?: number }> {
	const { headers } = response;
	const mimeType = baseMimeType(headers['content-type']) ?? naming.defaultMimeType ?? 'application/octet-stream';
	const fileName =
		naming.fileName ??
		fileNameFromContentDisposition(headers['content-disposition']) ??
		`${naming.baseName}.${extensionForMimeType(mimeType)}`;

	const binary = await fx.helpers.prepareBinaryData(await storeInput(response.body), fileName, mimeType);
	return {
		binary,
		bytes: binary.bytes ?? Number.NaN,
		expectedBytes: promisedLength(headers),
		mimeType,
		fileName,
		statusCode: response.statusCode,
		contentRange: typeof headers['content-range'] === 'string' ? headers['content-range'] : undefined,
	};
}

/** How many bytes a 206's Content-Range says its body holds (`bytes 0-1023/4096`: 1024). */
function rangeLength(statusCode: number, headers: IDataObject): number | undefined {
	const match = statusCode === 206 && typeof headers['content-range'] === 'string' ? /^bytes (\d+)-(\d+)\//.exec(headers['content-range'].trim()) : null;
	return match && Number(match[2]) >= Number(match[1]) ? Number(match[2]) - Number(match[1]) + 1 : undefined;
}

/** A body that ended before the bytes its headers promised: a dropped connection, tried again. */
function shortBodyError(received: number, expected: number): Error & { code: string; shortBody: true } {
	return Object.assign(new Error(`the download ended after ${received} of ${expected} bytes`), {
		code: 'ERR_STREAM_PREMATURE_CLOSE',
		shortBody: true as const,
	});
}

function failureCode(error: unknown): { code?: string; message: string } {
	const e = error as { code?: string; message?: string; cause?: { code?: string } };
	return { code: e.code ?? e.cause?.code, message: e.message ?? String(error) };
}

/**
 * Opens a streamed request and hands the response to `consume`. When the connection drops
 * mid-body the whole request is tried again, so `consume` sees a complete body or the caller
 * gets an error: never half a file presented as a success. These re-sends and the request
 * loop's own (5xx, 429, drops before the headers) draw on one budget: Max Tries sends in all.
 * Errors `consume` made for people (NodeApiError, NodeOperationError) are passed on as they are.
 */
export async function consumeStream<T>(
	fx: RequestFunctions,
	api: VendorApi,
	request: IHttpRequestOptions,
	call: CallOptions,
	consume: (response: HttpResult<BodyStream>) => Promise<T>,
): Promise<T> {
	const policy = call.policy ?? DEFAULT_RETRY_POLICY;
	const headers = { 'Accept-Encoding': 'identity', ...(request.headers ?? {}) };
	const tries = call.tries ?? { used: 0 };
	return await withSecretsScrubbed(fx, api, async () => {
		for (;;) {
			const response = await requestStream(fx, api, { ...request, headers }, { ...call, tries });
			try {
				return await consume(response);
			} catch (error) {
				response.body.destroy();
				const known = ownError(error);
				if (known) throw known;
				const { code, message } = failureCode(error);
				const decision = decideRetry(
					{ attempt: tries.used, method: request.method ?? 'GET', networkErrorCode: code, networkErrorMessage: message },
					policy,
				);
				if (decision.retry && isTransientNetworkError(code, message)) {
					await sleep(decision.delayMs);
					continue;
				}
				const subject = call.subject ? ` (${call.subject})` : '';
				const what = isTimeout(code, message)
					? `the download stalled: ${message} (${requestLabel(request)}${call.subject ? `, ${call.subject}` : ''})`
					: (error as { shortBody?: boolean }).shortBody === true
						? `${message}${subject}`
						: `the download was interrupted (${code ?? message})${subject}`;
				throw vendorApiError(fx.getNode(), { message: scrubSecretPatterns(message), networkError: code ?? 'stream' }, {
					message: `${call.vendor}: ${what}`,
					description:
						!decision.retry && decision.reason === 'triesExhausted'
							? `Gave up after ${tries.used} tries; nothing was stored as a success.`
							: 'Nothing was stored as a success.',
					httpCode: String(response.statusCode),
					itemIndex: call.itemIndex,
				});
			}
		}
	});
}

/**
 * n8n's `database` binary store (the default in queue mode) refuses files over
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE with a FileTooLargeError. Said as what it is (an
 * instance setting, not a vendor or network failure) so it is neither retried nor blamed on the
 * download. Matched by name and message: n8n-core's error class is not importable from a node.
 */
function binaryStoreLimitError(fx: FileFunctions, error: unknown, call: CallOptions): NodeOperationError | undefined {
	const e = error as { message?: string; constructor?: { name?: string } };
	const message = typeof e?.message === 'string' ? e.message : '';
	const isLimit =
		e?.constructor?.name === 'FileTooLargeError' || /N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE|exceeds the max size limit/.test(message);
	if (!isLimit) return undefined;
	const sizes = /size of ([\d.]+) MB exceeds the max size limit of (\d+) MB/.exec(message);
	const what = sizes ? ` (${sizes[1]} MB; this n8n accepts at most ${sizes[2]} MB per file)` : '';
	return new NodeOperationError(
		fx.getNode(),
		`${call.vendor}: the file is too large for n8n's binary data store${what}${call.subject ? ` (${call.subject})` : ''}`,
		{
			description:
				"n8n keeps binary data in its database here (the default in queue mode), and that store has a per-file cap. Raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (in MB, at most 1024) on the main and every worker process, or store binary data in S3 (N8N_DEFAULT_BINARY_DATA_MODE=s3) for larger recordings. Nothing was stored.",
			itemIndex: call.itemIndex,
		},
	);
}

/** A 416 says which range it refused: the one this request asked for. */
function rangeNotSatisfiable(error: unknown, range: ByteRange | undefined): unknown {
	const e = error as { httpCode?: string | null; message?: string };
	if (range && e?.httpCode === '416' && typeof e.message === 'string') {
		e.message = e.message.replace('(HTTP 416', `(HTTP 416 for ${range.header}`);
	}
	return error;
}

/**
 * Request + store, with the whole download tried again when the connection drops mid-body
 * (consumeStream): the store receives either a complete file or an error. When the request
 * asks for a byte range, only that range is stored (see byteRange).
 */
export async function downloadToBinary(
	fx: FileFunctions,
	api: VendorApi,
	request: IHttpRequestOptions,
	naming: DownloadNaming,
	call: CallOptions,
): Promise<DownloadedFile> {
	const range = requestedRange(request.headers);
	return await consumeStream(fx, api, request, call, async (response) => {
		const mismatch = range && rangeMismatch(range, response.statusCode, response.headers);
		if (range && mismatch) throw rangeMismatchError(fx.getNode(), range, mismatch, response.statusCode, call);
		if (!naming.htmlMayBeTheFile && WEB_PAGE_TYPES.has(baseMimeType(response.headers['content-type']) ?? '')) {
			const page = await readSmallBody(response.body);
			throw answerShapeError(
				fx.getNode(),
				'the file',
				page,
				{ vendor: call.vendor, subject: call.subject, itemIndex: call.itemIndex, statusCode: response.statusCode },
				'A web page came back where a file was asked for; nothing was stored.',
			);
		}
		const { expectedBytes, ...file } = await storeResponseAsBinary(fx, response, naming).catch((error: unknown) => {
			throw binaryStoreLimitError(fx, error, call) ?? error;
		});
		const promised = [expectedBytes, rangeLength(response.statusCode, response.headers)];
		for (const expected of promised) {
			if (expected === undefined || !Number.isFinite(file.bytes) || file.bytes === expected) continue;
			// Fewer bytes than promised: the connection closed early, and the next try may get them all.
			if (file.bytes < expected) throw shortBodyError(file.bytes, expected);
			throw vendorApiError(
				fx.getNode(),
				{ message: 'long body', expected, received: file.bytes },
				{
					message: `${call.vendor}: the download sent ${file.bytes} bytes where its headers promised ${expected}${call.subject ? ` (${call.subject})` : ''}`,
					description: 'Nothing was stored as a success.',
					httpCode: String(response.statusCode),
					itemIndex: call.itemIndex,
				},
			);
		}
		return file;
	}).catch((error: unknown) => {
		throw rangeNotSatisfiable(error, range);
	});
}
