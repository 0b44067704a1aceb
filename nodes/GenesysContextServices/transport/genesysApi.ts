import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { pacerFrom, retryPolicyFrom, type RequestBehaviour } from '../../shared/callOptions';
import { decideRetry, DEFAULT_RETRY_POLICY, isTransientNetworkError } from '../../shared/retryPolicy';
import { redactSecrets, vendorApiError } from '../../shared/vendorError';
import {
	requestJson,
	requestStream,
	type BodyStream,
	type CallOptions,
	type HttpResult,
	type RequestFunctions,
	type VendorApi,
} from '../../shared/vendorRequest';
import {
	checkOnConfiguredServer,
	describeUrl,
	parseBaseUrl,
	type ConfiguredServer,
} from './endpoints';

export const GENESYS_API: VendorApi = {
	vendor: 'Genesys Context Services',
	credentialType: 'genesysContextServicesApi',
	// No sessions: a 401 means the credentials (or the proxy key) are wrong, not stale.
	renewsOn401: false,
};

/** On-premises servers have no documented rate limit: no pacing unless the user asks for it. */
export const GENESYS_REQUESTS_PER_MINUTE = 0;

/** Redirects followed (each one checked against the configured server) before giving up. */
const MAX_REDIRECTS = 3;

/** One node run's settings, built once and shared by every item. */
export interface GenesysRun {
	server: ConfiguredServer;
	call: CallOptions;
}

export async function startGenesysRun(
	fx: RequestFunctions,
	behaviour: RequestBehaviour,
	itemIndex = 0,
): Promise<GenesysRun> {
	const credentials = await fx.getCredentials('genesysContextServicesApi');
	const base = parseBaseUrl(credentials.baseUrl);
	if (!base.ok) throw new NodeOperationError(fx.getNode(), base.problem, { itemIndex });
	return {
		server: base.server,
		call: {
			vendor: GENESYS_API.vendor,
			policy: retryPolicyFrom(behaviour),
			pacer: pacerFrom(behaviour, GENESYS_REQUESTS_PER_MINUTE),
		},
	};
}

/** A GET under the configured base URL; `path` must already hold encoded segments. */
export function genesysGet(run: GenesysRun, path: string, headers?: IDataObject): IHttpRequestOptions {
	return { method: 'GET', url: `${run.server.baseUrl}${path}`, headers: { Accept: 'application/json', ...(headers ?? {}) } };
}

/**
 * Refuses, before any request, a URL that is not on the configured server: the credentials
 * (Basic, a proxy key, the tenancy headers) must never reach another host.
 */
export function assertOnConfiguredServer(
	fx: RequestFunctions,
	run: GenesysRun,
	url: string,
	what: string,
	itemIndex?: number,
): string {
	const check = checkOnConfiguredServer(run.server, url);
	if (check.ok) return check.url;
	throw new NodeOperationError(fx.getNode(), `Refused to follow ${what} ${describeUrl(url)}: ${check.reason}`, {
		itemIndex,
		description:
			'Only URLs on the server and base path of the credential are requested, so credentials never go elsewhere. The Content operations build the URL from the Base URL instead.',
	});
}

const TENANT_HINT =
	'Check Contact Center ID (and Group ID) in the credential: it must be the DBID or name of a tenant configured for this Context Services application, or empty on a single-tenant server.';
const AUTH_HINT =
	'The server, or the proxy in front of it, refused the credentials: check Authentication in the credential.';

/** Errors this package already made for people: passed on as they are. */
function ownError(error: unknown): NodeApiError | NodeOperationError | undefined {
	return error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
}

/** Adds what a Genesys user needs to know to the shared error mapping. */
function withGenesysHints(fx: RequestFunctions, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	const known = ownError(error) ?? new NodeOperationError(fx.getNode(), error as Error, { itemIndex });
	if (known instanceof NodeApiError) {
		if (/Invalid tenant specified/i.test(known.message)) known.description = TENANT_HINT;
		else if (known.httpCode === '401') known.description = AUTH_HINT;
	}
	return known;
}

type Mode = 'json' | 'stream';

/**
 * One request under the shared policy, with redirects followed only while they stay on the
 * configured server (n8n would forward custom headers such as a proxy key to any host).
 */
async function requestOnServer<M extends Mode>(
	fx: RequestFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
	mode: M,
): Promise<M extends 'json' ? HttpResult<unknown> : HttpResult<BodyStream>> {
	let url = assertOnConfiguredServer(fx, run, request.url, 'the URL', call.itemIndex);
	for (let hop = 0; ; hop++) {
		const options: IHttpRequestOptions = { ...request, url, baseURL: undefined, disableFollowRedirect: true };
		let response: HttpResult<unknown> | HttpResult<BodyStream>;
		try {
			response =
				mode === 'json'
					? await requestJson(fx, GENESYS_API, options, call)
					: await requestStream(fx, GENESYS_API, options, call);
		} catch (error) {
			throw withGenesysHints(fx, error, call.itemIndex);
		}
		if (response.statusCode < 300 || response.statusCode >= 400) {
			return response as M extends 'json' ? HttpResult<unknown> : HttpResult<BodyStream>;
		}
		if (mode === 'stream') (response.body as BodyStream).destroy();
		const location = response.headers.location;
		if (typeof location !== 'string' || location === '') {
			throw vendorApiError(fx.getNode(), { status: response.statusCode }, {
				message: `${GENESYS_API.vendor}: HTTP ${response.statusCode} without a Location${call.subject ? ` (${call.subject})` : ''}`,
				httpCode: String(response.statusCode),
				itemIndex: call.itemIndex,
			});
		}
		if (hop >= MAX_REDIRECTS) {
			throw new NodeOperationError(fx.getNode(), `${GENESYS_API.vendor}: more than ${MAX_REDIRECTS} redirects`, {
				itemIndex: call.itemIndex,
			});
		}
		let next: string;
		try {
			next = new URL(location, url).href;
		} catch {
			next = location;
		}
		url = assertOnConfiguredServer(fx, run, next, 'a redirect to', call.itemIndex);
	}
}

export async function getJson(
	fx: RequestFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<unknown>> {
	return await requestOnServer(fx, run, request, call, 'json');
}

function failureCode(error: unknown): { code?: string; message: string } {
	const e = error as { code?: string; message?: string; cause?: { code?: string } };
	return { code: e.code ?? e.cause?.code, message: e.message ?? String(error) };
}

/**
 * Opens a streamed GET and hands it to `consume`; when the connection drops mid-body the whole
 * request is tried again (bounded by the same policy), so `consume` sees a complete body or
 * the caller gets an error, never half a file presented as a success.
 */
export async function consumeStream<T>(
	fx: RequestFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
	consume: (response: HttpResult<BodyStream>) => Promise<T>,
): Promise<T> {
	const policy = call.policy ?? DEFAULT_RETRY_POLICY;
	const headers = { 'Accept-Encoding': 'identity', ...(request.headers ?? {}) };
	for (let attempt = 1; ; attempt++) {
		const response = await requestOnServer(fx, run, { ...request, headers }, call, 'stream');
		try {
			return await consume(response);
		} catch (error) {
			response.body.destroy();
			const known = ownError(error);
			if (known) throw known;
			const { code, message } = failureCode(error);
			const decision = decideRetry(
				{ attempt, method: request.method ?? 'GET', networkErrorCode: code, networkErrorMessage: message },
				policy,
			);
			if (decision.retry && isTransientNetworkError(code, message)) {
				await sleep(decision.delayMs);
				continue;
			}
			throw vendorApiError(fx.getNode(), { message: redactSecrets(message), networkError: code ?? 'stream' }, {
				message: `${GENESYS_API.vendor}: the download was interrupted (${code ?? message})${call.subject ? ` (${call.subject})` : ''}`,
				description:
					!decision.retry && decision.reason === 'triesExhausted'
						? `Gave up after ${attempt} tries; nothing was stored as a success.`
						: 'Nothing was stored as a success.',
				httpCode: String(response.statusCode),
				itemIndex: call.itemIndex,
			});
		}
	}
}

/** Text bodies (plain text, XML) are read whole; beyond this they belong in a binary download. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

function contentLength(headers: IDataObject): number | undefined {
	const value = Number(headers['content-length']);
	return headers['content-encoding'] === undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function charsetOf(contentType: unknown): string {
	const match = typeof contentType === 'string' ? /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType) : null;
	return match ? match[1].toLowerCase() : 'utf-8';
}

function decode(bytes: Buffer, charset: string): string {
	try {
		return new TextDecoder(charset).decode(bytes);
	} catch {
		// An unknown charset label: UTF-8 is what UCS sends, and never throws on bad bytes.
		return new TextDecoder('utf-8').decode(bytes);
	}
}

export interface TextBody {
	text: string;
	bytes: number;
	contentType?: string;
}

/** Reads a text body of at most MAX_TEXT_BYTES, decoded with the charset the server names. */
export async function getText(
	fx: IExecuteFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
	limitBytes = MAX_TEXT_BYTES,
): Promise<TextBody> {
	return await consumeStream(fx, run, request, call, async (response) => {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > limitBytes) {
				response.body.destroy();
				throw new NodeOperationError(
					fx.getNode(),
					`${GENESYS_API.vendor}: the content is larger than ${Math.round(limitBytes / 1024 / 1024)} MiB${call.subject ? ` (${call.subject})` : ''}`,
					{ itemIndex: call.itemIndex, description: 'Use Content → Download Binary Content for large content.' },
				);
			}
			chunks.push(buffer);
		}
		const expected = contentLength(response.headers);
		if (expected !== undefined && expected !== size) {
			throw vendorApiError(fx.getNode(), { message: 'short body', expected, received: size }, {
				message: `${GENESYS_API.vendor}: the response ended after ${size} of ${expected} bytes${call.subject ? ` (${call.subject})` : ''}`,
				httpCode: String(response.statusCode),
				itemIndex: call.itemIndex,
			});
		}
		const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
		return { text: decode(Buffer.concat(chunks), charsetOf(contentType)), bytes: size, contentType };
	});
}
