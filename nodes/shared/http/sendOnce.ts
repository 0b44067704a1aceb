import type { IAdditionalCredentialOptions, IHttpRequestOptions } from 'n8n-workflow';

import { guardIdle } from './idleGuard';
import type { RequestFunctions, VendorApi } from './types';
import { isBodyStream, parsedBody, readSmallBody, readWhole, type RawResponse } from './responseBodies';

/**
 * The context a credentialed request is sent from, its execution's cancel signal joined with
 * `abort`: n8n replaces a signed request's own abortSignal with the execution's cancel signal,
 * so this is the one way a request given up here (see guardIdle) also has its socket closed.
 */
function withAbort(fx: RequestFunctions, abort: AbortController): RequestFunctions {
	const cancel = 'getExecutionCancelSignal' in fx ? fx.getExecutionCancelSignal() : undefined;
	// AbortSignal.any came with Node 20.3; without it the execution's signal stays as n8n sets it.
	const signal = cancel ? (typeof AbortSignal.any === 'function' ? AbortSignal.any([cancel, abort.signal]) : cancel) : abort.signal;
	const context: RequestFunctions = Object.create(fx, { getExecutionCancelSignal: { value: () => signal } });
	return context;
}

/** One try of a request: no retry, no redirect followed; the body timed between its pieces. */
export async function sendOnce(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	stream: boolean,
	timeoutMs: number,
	credentialOptions?: IAdditionalCredentialOptions,
	finishBy?: number,
): Promise<RawResponse> {
	// Frees the socket of a body that stalls after n8n handed it over (see guardIdle).
	const abort = new AbortController();
	// A poll's answer is not read past the poll's own time, however steadily it trickles in.
	if (finishBy !== undefined) AbortSignal.timeout(Math.max(1, finishBy - Date.now())).addEventListener('abort', () => abort.abort(), { once: true });
	const request: IHttpRequestOptions = {
		// A redirect to another host must not carry our credentials along.
		sendCredentialsOnCrossOriginRedirect: false,
		...options,
		// n8n's client times the connect and the wait for the headers; the body is timed below.
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'stream',
		abortSignal: abort.signal,
		json: stream ? false : (options.json ?? true),
	};
	const response =
		api.credentialType === undefined
			? ((await fx.helpers.httpRequest(request)) as RawResponse)
			: ((await fx.helpers.httpRequestWithAuthentication.call(
					withAbort(fx, abort),
					api.credentialType,
					request,
					credentialOptions,
				)) as RawResponse);
	if (isBodyStream(response.body)) {
		const body = guardIdle(response.body, timeoutMs, () => abort.abort());
		if (stream) response.body = body;
		else response.body = parsedBody(response.statusCode >= 400 ? await readSmallBody(body) : await readWhole(body));
	} else if (!stream && Buffer.isBuffer(response.body)) {
		// n8n 1.x may hand back a Buffer for an empty body.
		response.body = parsedBody(response.body.toString('utf8'));
	}
	return response;
}
