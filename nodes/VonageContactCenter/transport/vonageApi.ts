import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { runCallOptions, type RequestBehaviour } from '../../shared/node/requestOptions';
import { encodePathSegment } from '../../shared/http/pathSegments';
import type { CallOptions, VendorApi } from '../../shared/http/types';
import { apiBaseUrl, VONAGE_ACCEPT, vonageAccount } from './endpoints';
import { VONAGE } from '../vendor';

export const VONAGE_CREDENTIAL = VONAGE.credential;

/** The credential's masked fields, whose values never reach a message (a spec holds them to the credential). */
export const VONAGE_SECRET_FIELDS = ['clientSecret', 'accessToken'];

export const VONAGE_API: VendorApi = {
	vendor: VONAGE.displayName,
	credentialType: VONAGE_CREDENTIAL,
	renewsOn401: true,
	session: { property: 'accessToken' },
	secretFields: VONAGE_SECRET_FIELDS,
};

/** The official sample client throttles to ~160 requests/minute, shared by all VCC APIs. */
export const VONAGE_REQUESTS_PER_MINUTE = 160;

/** VCC content keys: 1–36 characters of [0-9a-zA-Z!-_.,*'()] (Interaction Content API docs). */
export const CONTENT_KEY_PATTERN = /^[0-9a-zA-Z!\-_.,*'()]{1,36}$/;

/** One node run's settings, built once and shared by every item so pacing spans them all. */
export interface VonageRun {
	baseUrl: string;
	call: CallOptions;
}

export async function startVonageRun(fx: IExecuteFunctions): Promise<VonageRun> {
	const credentials = await fx.getCredentials(VONAGE_CREDENTIAL);
	return vonageRun(credentials, fx.getNodeParameter('options', 0, {}) as RequestBehaviour);
}

/** The run for these credentials and the user's request options (retries, pacing per account). */
export function vonageRun(credentials: ICredentialDataDecryptedObject, behaviour: RequestBehaviour): VonageRun {
	return {
		baseUrl: apiBaseUrl(credentials),
		call: runCallOptions(VONAGE_API.vendor, behaviour, VONAGE_REQUESTS_PER_MINUTE, vonageAccount(credentials)),
	};
}

/** A GET on a VCC API; `path` must already hold encoded segments. */
export function vonageGet(run: VonageRun, path: string, qs?: IDataObject, headers?: IDataObject): IHttpRequestOptions {
	return {
		method: 'GET',
		url: `${run.baseUrl}${path}`,
		qs,
		// Required on every call, binary downloads included: without it VCC answers 400.
		headers: { Accept: VONAGE_ACCEPT, ...(headers ?? {}) },
	};
}

/** The interaction search, and (with a guid) one interaction. */
export function interactionPath(guid?: string): string {
	return guid === undefined ? '/interaction-content/interactions' : `/interaction-content/interactions/${encodePathSegment(guid)}`;
}

/** One content file of an interaction. */
export function contentPath(guid: string, contentKey: string): string {
	return `${interactionPath(guid)}/content/${encodePathSegment(contentKey)}`;
}

/** The analyzer's interaction search. */
export const ANALYZER_INTERACTIONS_PATH = '/conversation-analyzer/interactions';
