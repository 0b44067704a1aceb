import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Where the Kore.ai APIs live. One rule, used by the credential (Test button), the node's
 * requestDefaults and every request the node builds: a named cloud host, or a custom base URL
 * for regional, UAT and on-prem installations.
 */

export const KORE_HOSTS = [
	{ name: 'platform.kore.ai (XO Platform)', value: 'platform.kore.ai' },
	{ name: 'smartassist.kore.ai (SmartAssist)', value: 'smartassist.kore.ai' },
	{ name: 'bots.kore.ai', value: 'bots.kore.ai' },
	{ name: 'Custom (Regional, UAT or On-Prem)', value: 'custom' },
];

/** The same rule as koreBaseUrl(), as an n8n expression (credential test and requestDefaults). */
export const KORE_BASE_URL_EXPRESSION =
	'={{ (function (h) { h = String(h || "").trim().replace(/\\/+$/, ""); return /^https?:\\/\\//i.test(h) ? h : "https://" + h; })($credentials.host === "custom" ? $credentials.customHost : $credentials.host) }}';

export type KoreBaseUrl = { baseUrl: string } | { problem: string };

/**
 * The base URL requests go to, or what is wrong with the configured host. A custom host may
 * carry a scheme, a port and a path prefix (on-prem behind a proxy) but nothing that could
 * smuggle credentials or a second host in.
 */
export function koreBaseUrl(credentials: ICredentialDataDecryptedObject): KoreBaseUrl {
	const chosen = credentials.host === 'custom' ? credentials.customHost : credentials.host;
	const text = String(chosen ?? '').trim().replace(/\/+$/, '');
	if (text === '') return { problem: 'Kore.ai SmartAssist credential: the custom host is empty' };
	const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
	let url: URL | undefined;
	try {
		url = new URL(withScheme);
	} catch {
		url = undefined;
	}
	if (!url) {
		const shown = text.includes('@') ? 'the custom host' : `"${text}"`;
		return { problem: `Kore.ai SmartAssist credential: ${shown} is not a valid host or URL` };
	}
	if (url.username || url.password || url.search || url.hash) {
		return {
			problem: `Kore.ai SmartAssist credential: the host "${url.host}" must be given without user, query or fragment`,
		};
	}
	return { baseUrl: withScheme };
}
