import type { NodeEgressFilter, UseDefaultSsrfPolicy } from 'n8n-workflow';

import { isInternalAddress } from './urlRules';
import type { RequestFunctions } from './types';

/**
 * A URL taken from a vendor's answer (a signed media link) names any host the answer likes. Such
 * a link, and every hop it redirects to, is checked before any byte is sent to it: a link to
 * this machine, a private network or a cloud metadata service would otherwise have n8n fetch
 * that internal address and store its answer as the vendor's file.
 *
 * n8n 2.41+ resolves host names against its SSRF rules (getSecureEgressFilter): a name that
 * resolves to an internal address is caught too. A community node cannot resolve names itself,
 * so on an n8n without that helper (1.x) only literal addresses and well-known internal names
 * are refused.
 */

/** Checks one URL; resolves to why it must not be fetched, or undefined when it may. */
export type VendorLinkCheck = (url: string) => Promise<string | undefined>;

type EgressHelpers = { getSecureEgressFilter?: (policy?: UseDefaultSsrfPolicy) => NodeEgressFilter };

function isWebUrl(url: string): boolean {
	return URL.canParse(url) && ['https:', 'http:'].includes(new URL(url).protocol);
}

function blockedAddress(error: unknown): string | undefined {
	const ip = (error as { ip?: unknown } | undefined)?.ip;
	return typeof ip === 'string' ? ip : undefined;
}

function internalProblem(hostname: string, address?: string): string {
	const resolved = address && address !== hostname.replace(/^\[|\]$/g, '') ? ` (${address})` : '';
	return `points at the internal address ${hostname}${resolved}`;
}

/** False only when the filter refuses the URL; a name that does not resolve is not refused here. */
async function allowedBy(filter: NodeEgressFilter, url: string): Promise<boolean> {
	return await filter.validateUrl(url).then(
		(result) => result.ok,
		// A lookup that failed: the connection cannot be made to that name either.
		() => true,
	);
}

function filterCheck(filter: NodeEgressFilter, apiIsInternal: boolean): VendorLinkCheck {
	return async (url) => {
		const { hostname } = new URL(url);
		try {
			filter.validateRedirectSync(url);
		} catch (error) {
			return internalProblem(hostname, blockedAddress(error));
		}
		const result = await filter.validateUrl(url).catch(() => undefined);
		if (result) return result.ok ? undefined : internalProblem(hostname, blockedAddress(result.error));
		// Not resolvable here: names that lead inside wherever they do resolve are refused all the same.
		return !apiIsInternal && isInternalAddress(hostname) ? internalProblem(hostname) : undefined;
	};
}

/**
 * The check for links found in answers of the API at `apiBaseUrl`. An API host that is itself
 * internal (an on-premises install, a local simulator) lets its links be internal too, as far as
 * the instance's own SSRF settings allow; otherwise n8n's default SSRF rules apply, even on an
 * instance that leaves SSRF protection off.
 */
export async function vendorLinkCheck(fx: RequestFunctions, apiBaseUrl: string): Promise<VendorLinkCheck> {
	const helpers: EgressHelpers = fx.helpers;
	const enforced = helpers.getSecureEgressFilter?.('enforced');
	const apiIsInternal = URL.canParse(apiBaseUrl)
		? enforced
			? !(await allowedBy(enforced, apiBaseUrl))
			: isInternalAddress(new URL(apiBaseUrl).hostname)
		: false;
	let check: VendorLinkCheck;
	if (enforced) {
		check = filterCheck(apiIsInternal ? (helpers.getSecureEgressFilter?.('safe') ?? enforced) : enforced, apiIsInternal);
	} else {
		check = async (url) => {
			const { hostname } = new URL(url);
			return !apiIsInternal && isInternalAddress(hostname) ? internalProblem(hostname) : undefined;
		};
	}
	return async (url) => (isWebUrl(url) ? await check(url) : 'is not an http(s) URL');
}
