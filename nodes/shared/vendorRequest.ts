import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type IPollFunctions,
} from 'n8n-workflow';

import type { RequestPacer } from './requestPacer';
import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	isTransientNetworkError,
	type RetryPolicy,
} from './retryPolicy';
import { vendorHttpError, vendorNetworkError, type FailureContext } from './vendorError';

/**
 * Every request of every vendor goes through here: credentials from the n8n credential (never
 * built by hand), the shared retry policy, optional pacing, and one readable error per failure.
 */

export type RequestFunctions =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions;

export interface VendorApi {
	/** Shown in every message, e.g. "Vonage Contact Center". */
	vendor: string;
	/**
	 * The n8n credential that signs each request. Leave it out for URLs that must be fetched
	 * with no credential at all (pre-signed media URLs on another host).
	 */
	credentialType?: string;
	/**
	 * The credential renews itself when n8n sees a 401 (a preAuthentication credential). Only
	 * then is a 401 worth one more try.
	 */
	renewsOn401: boolean;
}

export interface CallOptions extends FailureContext {
	policy?: RetryPolicy;
	pacer?: RequestPacer;
}

/** A streamed body: iterable chunks we can also abandon. Structural, so no 'stream' import. */
export interface BodyStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

export interface HttpResult<T> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

interface RawResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

/** Error bodies are read for their message only; anything beyond this is not a message. */
const ERROR_BODY_LIMIT = 64 * 1024;

export async function readSmallBody(stream: BodyStream, limit = ERROR_BODY_LIMIT): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// The connection died while we read an error body: the status code is still the news.
		return Buffer.concat(chunks).toString('utf8');
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream)[Symbol.asyncIterator] === 'function' &&
		typeof (body as BodyStream).destroy === 'function'
	);
}

async function bodyForMessage(body: unknown): Promise<unknown> {
	return isBodyStream(body) ? await readSmallBody(body) : body;
}

interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string; response?: { status?: number } };
	errorResponse?: { code?: string; message?: string };
}

function networkCodeOf(error: ThrownHttpError): string | undefined {
	return error.cause?.code ?? error.code ?? error.errorResponse?.code;
}

function statusOf(error: ThrownHttpError): number | undefined {
	const status = error.cause?.response?.status ?? Number(error.httpCode);
	return Number.isInteger(status) && status >= 100 ? status : undefined;
}

async function send(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	stream: boolean,
	ignoreHttpStatusErrors: boolean,
): Promise<RawResponse> {
	const request: IHttpRequestOptions = {
		// A redirect to another host must not carry our credentials along.
		sendCredentialsOnCrossOriginRedirect: false,
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors,
		...(stream ? { encoding: 'stream', json: false } : { json: options.json ?? true }),
	};
	if (api.credentialType === undefined) return (await fx.helpers.httpRequest(request)) as RawResponse;
	return (await fx.helpers.httpRequestWithAuthentication.call(
		fx,
		api.credentialType,
		request,
	)) as RawResponse;
}

async function sendWithPolicy(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
	stream: boolean,
): Promise<RawResponse> {
	const node: INode = fx.getNode();
	const policy = call.policy ?? DEFAULT_RETRY_POLICY;
	const method = options.method ?? 'GET';
	const context: FailureContext = { vendor: api.vendor, subject: call.subject, itemIndex: call.itemIndex };
	let renewed = false;
	let renewing = false;
	let attempt = 0;

	for (;;) {
		// A renewal is not a try of its own: a 401 says nothing about the vendor's health.
		if (!renewing) attempt++;
		await call.pacer?.wait();
		let response: RawResponse;
		try {
			// With our own status handling n8n never sees a 401, so the renewal is sent the way
			// n8n does see it: it then runs the credential's preAuthentication and re-sends once.
			response = await send(fx, api, options, stream, !renewing);
		} catch (error) {
			const thrown = error as ThrownHttpError;
			const status = statusOf(thrown);
			if (renewing && status === 401) {
				throw vendorHttpError(node, 401, thrown.message, context, 'Signing in again did not help.');
			}
			if (renewing && status !== undefined) {
				// The credential is fresh now; go round once more so the vendor's own error body
				// is read the normal way.
				renewing = false;
				continue;
			}
			const code = networkCodeOf(thrown);
			const detail = thrown.message ?? String(error);
			if (!isTransientNetworkError(code, detail)) {
				// Not the network: e.g. the credential's sign-in failed. Its message is already
				// written for people (and free of secrets); add the vendor and the subject.
				throw vendorNetworkError(node, code, detail, context);
			}
			const decision = decideRetry(
				{ attempt, method, networkErrorCode: code, networkErrorMessage: thrown.message ?? '' },
				policy,
			);
			if (decision.retry) {
				await sleep(decision.delayMs);
				continue;
			}
			const note = decision.reason === 'triesExhausted' ? `Gave up after ${attempt} tries.` : undefined;
			throw vendorNetworkError(node, code, thrown.message ?? String(error), context, note);
		}
		renewing = false;

		const { statusCode } = response;
		if (statusCode < 400) return response;

		if (statusCode === 401 && api.renewsOn401 && !renewed) {
			await bodyForMessage(response.body);
			renewed = true;
			renewing = true;
			continue;
		}

		const body = await bodyForMessage(response.body);
		const decision = decideRetry(
			{ attempt, method, status: statusCode, retryAfter: response.headers?.['retry-after'] },
			policy,
		);
		if (decision.retry) {
			await sleep(decision.delayMs);
			continue;
		}
		let note: string | undefined;
		if (decision.reason === 'triesExhausted') note = `Gave up after ${attempt} tries.`;
		if (decision.reason === 'retryAfterTooLong') {
			note = `The server asked to wait ${Math.ceil((decision.delayMs ?? 0) / 1000)} s, longer than this node waits.`;
		}
		throw vendorHttpError(node, statusCode, body, context, note);
	}
}

/** A JSON (or text) request under the shared policy; throws one readable error on failure. */
export async function requestJson<T = unknown>(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<T>> {
	const response = await sendWithPolicy(fx, api, options, call, false);
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body as T };
}

/**
 * Opens a streamed download under the shared policy. Retries happen before the first byte is
 * handed over; the caller owns the stream once this returns.
 */
export async function requestStream(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<BodyStream>> {
	const response = await sendWithPolicy(fx, api, options, call, true);
	if (!isBodyStream(response.body)) {
		// n8n 1.x may hand back a Buffer for an empty body; treat it as a one-chunk stream.
		const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''));
		const single: BodyStream = {
			async *[Symbol.asyncIterator]() {
				yield buffer;
			},
			destroy() {},
		};
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: single };
	}
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
}
