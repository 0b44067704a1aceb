import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { checkHostField, type HostFieldRules } from '../../shared/http/urlRules';

/**
 * Where a VCC account lives. One rule, used by the credential (token, Test button) and by the
 * node (every API call): the region picks both hosts unless the user overrides them.
 */

export const VONAGE_ACCEPT = 'application/vnd.newvoicemedia.v3+json';

function trimSlashes(url: string): string {
	return url.replace(/\/+$/, '');
}

const API_BASE_FIELD: HostFieldRules = { field: 'API Base URL Override', example: 'https://emea.api.cc.vonage.com' };
const TOKEN_URL_FIELD: HostFieldRules = {
	field: 'Token URL Override',
	example: 'https://emea.cc.vonage.com/Auth/connect/token',
};

/** An override as typed, checked by the host rule every vendor uses; '' when none is set. */
function override(credentials: ICredentialDataDecryptedObject, name: string, rules: HostFieldRules): string {
	const typed = typeof credentials[name] === 'string' ? (credentials[name] as string).trim() : '';
	if (typed === '') return '';
	const checked = checkHostField(typed, rules);
	if (!checked.ok) throw new Error(`Vonage Contact Center credential: ${checked.problem}`);
	return typed;
}

/** Throws (naming the field) when the API Base URL Override is not a plain http(s) URL. */
export function apiBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return trimSlashes(
		override(credentials, 'apiBaseUrl', API_BASE_FIELD) || `https://${String(credentials.region)}.api.newvoicemedia.com`,
	);
}

/** Throws (naming the field) when the Token URL Override is not a plain http(s) URL. */
export function tokenUrl(credentials: ICredentialDataDecryptedObject): string {
	return (
		override(credentials, 'tokenUrl', TOKEN_URL_FIELD) || `https://${String(credentials.region)}.cc.vonage.com/Auth/connect/token`
	);
}

/** Names the VCC account for the shared fair-use budget: API host and client id (not a secret). */
export function vonageAccount(credentials: ICredentialDataDecryptedObject): string {
	return `vonageContactCenter ${apiBaseUrl(credentials)} ${String(credentials.clientId ?? '')}`;
}

/** An entry of an interaction's content list. */
export interface ContentEntry extends IDataObject {
	contentKey: string;
	type?: string;
	lastModified?: string;
}

/** Whether an entry is of the chosen types (none chosen: any); an entry without a type is named by its key. */
export function isOfTypes(entry: ContentEntry, types: string[]): boolean {
	return types.length === 0 || types.includes(String(entry.type ?? entry.contentKey));
}

/** Content VCC produces itself: audio or JSON, never a web page (unlike an attachment). */
const NEVER_HTML = new Set(['callrecording', 'transcript', 'chattranscript', 'categorizationresult']);

/** Whether a file of this content type (or key) may be HTML; keys match case-insensitively, as VCC's do. */
export function contentMayBeHtml(typeOrKey: string): boolean {
	return !NEVER_HTML.has(typeOrKey.toLowerCase());
}
