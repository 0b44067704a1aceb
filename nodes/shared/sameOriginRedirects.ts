import type { INode } from 'n8n-workflow';

import { describeUrl, isSameOrigin, originOf } from './urlRules';
import { vendorApiError, type FailureContext } from './vendorError';
import type { RedirectPolicy } from './requestTypes';

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
