import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { runCallOptions, type RequestBehaviour } from '../../shared/node/requestOptions';
import {
	consumeStream,
	downloadToBinary,
	promisedLength,
	type DownloadedFile,
	type DownloadNaming,
} from '../../shared/files/binaryDownload';
import { ownError, vendorApiError } from '../../shared/http/vendorErrors';
import { requestJson } from '../../shared/http/request';
import type { BodyStream, CallOptions, HttpResult, RedirectPolicy, RequestFunctions, VendorApi } from '../../shared/http/types';
import { encodePathSegment } from '../../shared/http/pathSegments';
import { describeUrl } from '../../shared/http/urlRules';
import { checkOnConfiguredServer, parseBaseUrl, type ConfiguredServer } from './endpoints';
import { GENESYS } from '../vendor';

/** The credential's masked fields, whose values never reach a message (a spec holds them to the credential). */
export const GENESYS_SECRET_FIELDS = ['password', 'headerSecret'];

export const GENESYS_API: VendorApi = {
	vendor: GENESYS.displayName,
	credentialType: GENESYS.credential,
	// No sessions: a 401 means the credentials (or the proxy key) are wrong, not stale.
	renewsOn401: false,
	secretFields: GENESYS_SECRET_FIELDS,
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

export async function startGenesysRun(fx: IExecuteFunctions): Promise<GenesysRun> {
	const credentials = await fx.getCredentials(GENESYS.credential);
	const behaviour = fx.getNodeParameter('options', 0, {}) as RequestBehaviour;
	const base = parseBaseUrl(credentials.baseUrl);
	if (!base.ok) throw new NodeOperationError(fx.getNode(), base.problem);
	return {
		server: base.server,
		// One server's budget, shared by every run against it in this process.
		call: runCallOptions(GENESYS_API.vendor, behaviour, GENESYS_REQUESTS_PER_MINUTE, `genesys ${base.server.baseUrl}`),
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

/** Adds what a Genesys user needs to know to the shared error mapping. */
function withGenesysHints(fx: RequestFunctions, error: unknown, itemIndex?: number): Error {
	const known = ownError(error) ?? new NodeOperationError(fx.getNode(), error as Error, { itemIndex });
	if (known instanceof NodeApiError && /Invalid tenant specified/i.test(known.message)) known.description = TENANT_HINT;
	return known;
}

/**
 * Sends a request through the shared layer, keeping it and every redirect it gets on the
 * configured server: n8n would forward custom headers such as a proxy key to any host, so
 * redirects are followed by hand, each one checked first (RedirectPolicy).
 */
async function onConfiguredServer<T>(
	fx: RequestFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
	send: (request: IHttpRequestOptions, call: CallOptions) => Promise<T>,
): Promise<T> {
	const url = assertOnConfiguredServer(fx, run, request.url, 'the URL', call.itemIndex);
	const redirects: RedirectPolicy = {
		max: MAX_REDIRECTS,
		check: (next) => assertOnConfiguredServer(fx, run, next, 'a redirect to', call.itemIndex),
	};
	try {
		return await send({ ...request, url, baseURL: undefined }, { ...call, redirects });
	} catch (error) {
		throw withGenesysHints(fx, error, call.itemIndex);
	}
}

export async function getJson(
	fx: RequestFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<unknown>> {
	return await onConfiguredServer(fx, run, request, call, async (onServer, onServerCall) =>
		await requestJson(fx, GENESYS_API, onServer, onServerCall),
	);
}

/** Streams binary content into n8n's binary store (never held whole in memory). */
export async function downloadOnServer(
	fx: IExecuteFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	naming: DownloadNaming,
	call: CallOptions,
): Promise<DownloadedFile> {
	return await onConfiguredServer(fx, run, request, call, async (onServer, onServerCall) =>
		await downloadToBinary(fx, GENESYS_API, onServer, naming, onServerCall),
	);
}

/** Text bodies (plain text, XML) are read whole; beyond this they belong in a binary download. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

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

/** Reads a whole text body of at most `limitBytes`, decoded with the charset the server names. */
async function readText(
	fx: IExecuteFunctions,
	response: HttpResult<BodyStream>,
	call: CallOptions,
	limitBytes: number,
): Promise<TextBody> {
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
	const expected = promisedLength(response.headers);
	if (expected !== undefined && expected !== size) {
		throw vendorApiError(fx.getNode(), { message: 'short body', expected, received: size }, {
			message: `${GENESYS_API.vendor}: the response ended after ${size} of ${expected} bytes${call.subject ? ` (${call.subject})` : ''}`,
			httpCode: String(response.statusCode),
			itemIndex: call.itemIndex,
		});
	}
	const contentType = typeof response.headers['content-type'] === 'string' ? response.headers['content-type'] : undefined;
	return { text: decode(Buffer.concat(chunks), charsetOf(contentType)), bytes: size, contentType };
}

/**
 * A text body (MAX_TEXT_BYTES at most), fetched again from the start when the connection drops
 * mid-body (the shared consumeStream).
 */
export async function getText(
	fx: IExecuteFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	call: CallOptions,
	limitBytes = MAX_TEXT_BYTES,
): Promise<TextBody> {
	return await onConfiguredServer(fx, run, request, call, async (onServer, onServerCall) =>
		await consumeStream(fx, GENESYS_API, onServer, onServerCall, async (response) =>
			await readText(fx, response, call, limitBytes),
		),
	);
}

/** One interaction's resource, or (with `segment`) one of its content resources. */
export function interactionPath(id: string, segment?: string): string {
	const path = `/interactions/${encodePathSegment(id)}`;
	return segment === undefined ? path : `${path}/${segment}`;
}
