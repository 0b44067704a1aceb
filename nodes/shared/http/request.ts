import type { IHttpRequestOptions } from 'n8n-workflow';

import { followRedirects } from './redirects';
import type { BodyStream, CallOptions, HttpResult, RequestFunctions, VendorApi } from './types';
import { isBodyStream } from './responseBodies';
import { scrubError, secretValues } from './secretScrubbing';

/**
 * Every request of every vendor goes through here: credentials from the n8n credential (never
 * built by hand), the shared retry policy, optional pacing, redirects followed by hand, and one
 * readable error per failure with the credential's secrets scrubbed from it.
 *
 *   request.ts → redirects.ts (each hop) → sendWithRetries.ts (tries, pacing, session renewal)
 *   → sendOnce.ts (one try; the body timed by idleGuard.ts)
 */

/**
 * Runs one request, scrubbing the credential's own secret values (VendorApi.secretFields) from
 * whatever error it ends with.
 */
export async function withSecretsScrubbed<T>(fx: RequestFunctions, api: VendorApi, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		let secrets: string[] = [];
		if (api.credentialType !== undefined && api.secretFields?.length) {
			try {
				secrets = secretValues(await fx.getCredentials(api.credentialType), api.secretFields);
			} catch {
				// No credential to read: the pattern-based redaction still runs.
			}
		}
		throw scrubError(error, secrets);
	}
}

/** A JSON (or text) request under the shared policy; throws one readable error on failure. */
export async function requestJson<T = unknown>(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<T>> {
	const response = await withSecretsScrubbed(fx, api, async () => await followRedirects(fx, api, options, call, false));
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
	const response = await withSecretsScrubbed(fx, api, async () => await followRedirects(fx, api, options, call, true));
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
