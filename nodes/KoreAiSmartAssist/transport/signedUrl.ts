import { isInternalAddress } from '../../shared/urlRules';

/**
 * Kore.ai media links are signed and short-lived: `…/getMediaStream/…wav?e=<epoch seconds>&n=…&s=…`.
 * Reading the expiry lets a download fetch a fresh link before sending a request that can only fail.
 */

/** A link this close to expiry is treated as expired: the download must start before it lapses. */
export const EXPIRY_MARGIN_MS = 5_000;

function epochSeconds(value: string | null): Date | undefined {
	if (value === null || !/^\d{9,11}$/.test(value)) return undefined;
	return new Date(Number(value) * 1000);
}

/** `e=` (Kore.ai), `Expires=` (S3 v2 / CloudFront) or `X-Amz-Date` + `X-Amz-Expires` (S3 v4). */
export function signedUrlExpiry(fileUrl: string): Date | undefined {
	let url: URL;
	try {
		url = new URL(fileUrl);
	} catch {
		return undefined;
	}
	const params = url.searchParams;
	const direct = epochSeconds(params.get('e')) ?? epochSeconds(params.get('Expires'));
	if (direct) return direct;
	const amzDate = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
	const amzExpires = Number(params.get('X-Amz-Expires'));
	if (amzDate && Number.isFinite(amzExpires)) {
		const [, y, mo, d, h, mi, s] = amzDate;
		return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + amzExpires * 1000);
	}
	return undefined;
}

export function isExpired(fileUrl: string, nowMs: number = Date.now()): boolean {
	const expiry = signedUrlExpiry(fileUrl);
	return expiry !== undefined && expiry.getTime() - EXPIRY_MARGIN_MS <= nowMs;
}

/** Only web links are fetched: a `file:` or other scheme in a listing is refused. */
export function isWebUrl(fileUrl: string): boolean {
	try {
		const { protocol } = new URL(fileUrl);
		return protocol === 'https:' || protocol === 'http:';
	} catch {
		return false;
	}
}

/** Links (and each redirect of one) followed before giving up. */
export const MAX_MEDIA_REDIRECTS = 5;

/**
 * Why a media link (or a hop it redirects to) must not be fetched, or undefined when it may.
 * Listings come from the vendor but name any host: a link to this machine or a private or
 * link-local address (a cloud metadata service at 169.254.169.254, say) is refused, unless
 * the configured API host is itself such an address (an on-prem install, a local simulator).
 */
export function mediaLinkProblem(fileUrl: string, apiBaseUrl: string): string | undefined {
	if (!isWebUrl(fileUrl)) return 'is not an http(s) URL';
	const { hostname } = new URL(fileUrl);
	if (!isInternalAddress(hostname)) return undefined;
	if (URL.canParse(apiBaseUrl) && isInternalAddress(new URL(apiBaseUrl).hostname)) return undefined;
	return `points at the internal address ${hostname}, and the configured Kore.ai host is not on an internal network`;
}

/** The host a link points to, for messages: never the signature. */
export function urlHost(fileUrl: string): string {
	try {
		return new URL(fileUrl).host;
	} catch {
		return 'an invalid URL';
	}
}
