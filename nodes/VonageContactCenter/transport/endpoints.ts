import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Where a VCC account lives. One rule, used by the credential (token, Test button) and by the
 * node (every API call): the region picks both hosts unless the user overrides them.
 */
export type VonageRegion = 'emea' | 'nam' | 'apac';

export const VONAGE_ACCEPT = 'application/vnd.newvoicemedia.v3+json';

/** The same rule as apiBaseUrl(), as an n8n expression for requestDefaults and the credential test. */
export const API_BASE_URL_EXPRESSION =
	'={{ String($credentials.apiBaseUrl || ("https://" + $credentials.region + ".api.newvoicemedia.com")).replace(/\\/+$/, "") }}';

function trimSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.apiBaseUrl === 'string' ? credentials.apiBaseUrl.trim() : '';
	return trimSlashes(override || `https://${String(credentials.region)}.api.newvoicemedia.com`);
}

export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = typeof credentials.tokenUrl === 'string' ? credentials.tokenUrl.trim() : '';
	return override || `https://${String(credentials.region)}.cc.vonage.com/Auth/connect/token`;
}

/** Names the VCC account for the shared fair-use budget: API host and client id (not a secret). */
export function vonageAccount(credentials: ICredentialDataDecryptedObject): string {
	return `vonageContactCenter ${apiBaseUrl(credentials)} ${String(credentials.clientId ?? '')}`;
}
