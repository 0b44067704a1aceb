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

/** Links (and each redirect of one) followed before giving up. */
export const MAX_MEDIA_REDIRECTS = 5;

/** The host a link points to, for messages: never the signature. */
export function urlHost(fileUrl: string): string {
	try {
		return new URL(fileUrl).host;
	} catch {
		return 'an invalid URL';
	}
}
