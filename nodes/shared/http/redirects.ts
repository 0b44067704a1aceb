import { NodeOperationError, type IHttpRequestOptions, type INode, type NodeApiError } from 'n8n-workflow';

import type { CallOptions, RedirectPolicy, RequestFunctions, VendorApi } from './types';
import { isBodyStream, type RawResponse } from './responseBodies';
import { sendWithRetries } from './sendWithRetries';
import { describeUrl, effectiveUrl, isSameOrigin, originOf } from './urlRules';
import { vendorApiError, type FailureContext } from './vendorErrors';

/** Redirects followed within the origin before giving up. */
export const MAX_SAME_ORIGIN_REDIRECTS = 3;

/**
 * The redirect rule of every credentialed vendor API: a redirect is followed by hand, and only
 * to the origin (scheme, host and port) the request was sent to. Anything else, a sub-domain
 * included, is refused, so neither the credential (a bearer token, a custom header n8n would
 * forward) goes there nor is that host's answer taken as data.
 */
export function sameOriginRedirects(node: INode, startUrl: string, context: FailureContext): RedirectPolicy {
	const origin = originOf(startUrl);
	return {
		max: MAX_SAME_ORIGIN_REDIRECTS,
		check: (next, status) => {
			if (isSameOrigin(next, origin)) return new URL(next).href;
			const subject = context.subject ? `, ${context.subject}` : '';
			throw vendorApiError(node, { status, location: describeUrl(next) }, {
				message: `${context.vendor}: the server redirected to ${originOf(next)}, another host than ${origin} (HTTP ${status}${subject})`,
				description:
					'Redirects are followed only within the configured host, so the credential never reaches another one and no other host\'s answer is taken for the vendor\'s. If the service moved, put its new address in the credential.',
				httpCode: String(status),
				itemIndex: context.itemIndex,
			});
		},
	};
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** https to http: whatever the URL carries (a signature, a session) would travel in clear text. */
function isDowngrade(from: string, to: string): boolean {
	return URL.canParse(from) && URL.canParse(to) && new URL(from).protocol === 'https:' && new URL(to).protocol === 'http:';
}

function downgradeError(node: INode, next: string, status: number, call: CallOptions): NodeApiError {
	const subject = call.subject ? `, ${call.subject}` : '';
	return vendorApiError(node, { status, location: describeUrl(next) }, {
		message: `${call.vendor}: a redirect from https to http (${describeUrl(next)}) was refused (HTTP ${status}${subject})`,
		description: 'A redirect may not leave https: the link\'s signature would travel unencrypted. Nothing was requested there.',
		httpCode: String(status),
		itemIndex: call.itemIndex,
	});
}

/**
 * sendWithRetries, with redirects followed by hand: the call's RedirectPolicy, or for a
 * credentialed call sameOriginRedirects. Each hop continues the same try.
 */
export async function followRedirects(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
	stream: boolean,
): Promise<RawResponse> {
	const start = effectiveUrl(options.url, options.baseURL);
	await call.linkCheck?.(start, false);
	const redirects =
		call.redirects ?? (api.credentialType === undefined ? undefined : sameOriginRedirects(fx.getNode(), start, call));
	if (!redirects) return await sendWithRetries(fx, api, options, call, stream);
	const tries = call.tries ?? { used: 0 };
	let hopOptions: IHttpRequestOptions = { ...options, disableFollowRedirect: true };
	let current = start;
	for (let hop = 0; ; hop++) {
		const response = await sendWithRetries(fx, api, hopOptions, { ...call, tries }, stream, hop > 0);
		const status = response.statusCode;
		if (status < 300 || status >= 400) return response;
		if (isBodyStream(response.body)) response.body.destroy();
		const location = response.headers?.location;
		if (!REDIRECT_STATUSES.has(status) || typeof location !== 'string' || location === '') {
			// Not a success and not somewhere to go: never data.
			throw vendorApiError(fx.getNode(), { status }, {
				message: `${call.vendor}: HTTP ${status} without a Location${call.subject ? ` (${call.subject})` : ''}`,
				httpCode: String(status),
				itemIndex: call.itemIndex,
			});
		}
		if (hop >= redirects.max) {
			throw new NodeOperationError(fx.getNode(), `${call.vendor}: more than ${redirects.max} redirects`, {
				itemIndex: call.itemIndex,
			});
		}
		const next = redirects.check(URL.canParse(location, current) ? new URL(location, current).href : location, status);
		await call.linkCheck?.(next, true);
		if (isDowngrade(current, next)) throw downgradeError(fx.getNode(), next, status, call);
		current = next;
		// The Location is the whole next URL: no base URL or query of the first request is added to it.
		const method = (hopOptions.method ?? 'GET').toUpperCase();
		const becomesGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
		hopOptions = {
			...hopOptions,
			url: current,
			baseURL: undefined,
			qs: undefined,
			...(becomesGet ? { method: 'GET' as const, body: undefined } : {}),
		};
	}
}
