import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { retryPolicyFrom, type RequestBehaviour } from '../../shared/node/requestOptions';
import { asNodeError } from '../../shared/node/errorItems';
import { assertPattern } from '../../shared/node/inputChecks';
import { describeVendorBody } from '../../shared/http/vendorErrors';
import { requestJson } from '../../shared/http/request';
import type { CallOptions, FileFunctions, VendorApi } from '../../shared/http/types';
import { koreBaseUrl } from './hosts';
import { korePacer, KORE_BOT_REQUESTS_PER_HOUR, KORE_REQUESTS_PER_MINUTE } from './rateLimits';
import { KORE } from '../vendor';

export const KORE_CREDENTIAL = KORE.credential;
/** Kore.ai ids: st-<uuid> bots, 24-hex sessions and accounts; a little wider, never a path. */
const KORE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const KORE_ID_EXPECTED = 'letters, digits, ".", "_", ":" and "-" (for example st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2)';

/** An id checked against Kore.ai's alphabet before it goes into a path or header. */
export function assertKoreId(node: INode, value: unknown, label: string, itemIndex?: number): string {
	return assertPattern(node, value, label, KORE_ID, KORE_ID_EXPECTED, itemIndex);
}

/** An id typed in the node, or else the default in the credential; required either way. */
export function koreIdOrDefault(node: INode, typed: unknown, label: string, fallback: string, itemIndex?: number): string {
	const value = (typeof typed === 'string' || typeof typed === 'number' ? String(typed).trim() : '') || fallback;
	if (value === '') {
		throw new NodeOperationError(node, `${label} is required`, {
			itemIndex,
			description: `Set it in the node, or as the default ${label} in the Kore.ai SmartAssist credential.`,
		});
	}
	return assertKoreId(node, value, label, itemIndex);
}

/** The credential's masked fields, whose values never reach a message (a spec holds them to the credential). */
export const KORE_SECRET_FIELDS = ['clientSecret'];

/** The credential mints a fresh JWT per request; there is nothing to renew on a 401. */
export const KORE_API: VendorApi = {
	vendor: KORE.displayName,
	credentialType: KORE_CREDENTIAL,
	renewsOn401: false,
	secretFields: KORE_SECRET_FIELDS,
};

/** Signed media URLs: fetched with no credential at all, whatever host they point to. */
export const KORE_MEDIA: VendorApi = { vendor: KORE.displayName, renewsOn401: false };

/** The API scope each kind of call needs; named in errors so a 401 says what to fix. */
export type KoreScope = 'SmartAssist Recordings' | 'SmartAssist Voicemail' | 'SmartAssist Analytics';

export interface KoreRunBehaviour extends RequestBehaviour {
	requestsPerHour?: number;
}

/** One node run's settings, built once and shared by every item so pacing spans them all. */
export interface KoreRun {
	baseUrl: string;
	defaultBotId: string;
	defaultAccountId: string;
	call: CallOptions;
}

async function startKoreRun(fx: IExecuteFunctions, kind: 'bot' | 'analytics'): Promise<KoreRun> {
	const credentials = await fx.getCredentials(KORE_CREDENTIAL);
	return koreRun(fx.getNode(), credentials, fx.getNodeParameter('options', 0, {}) as KoreRunBehaviour, kind);
}

/** The run of a Recording or Voicemail operation: paced by the bot's per-minute and per-hour limits. */
export async function startKoreBotRun(fx: IExecuteFunctions): Promise<KoreRun> {
	return await startKoreRun(fx, 'bot');
}

/** The run of a Call operation: the analytics API is limited per account, by the minute only. */
export async function startKoreAnalyticsRun(fx: IExecuteFunctions): Promise<KoreRun> {
	return await startKoreRun(fx, 'analytics');
}

/** The run for these credentials and request options; throws when the configured host is not usable. */
export function koreRun(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	behaviour: KoreRunBehaviour,
	kind: 'bot' | 'analytics',
): KoreRun {
	const host = koreBaseUrl(credentials);
	if ('problem' in host) throw new NodeOperationError(node, host.problem);
	const perMinute = behaviour.requestsPerMinute ?? KORE_REQUESTS_PER_MINUTE;
	// The hourly cap is per bot; analytics is limited per account, by the minute only.
	const perHour = kind === 'bot' ? (behaviour.requestsPerHour ?? KORE_BOT_REQUESTS_PER_HOUR) : 0;
	return {
		baseUrl: host.baseUrl,
		defaultBotId: String(credentials.botId ?? '').trim(),
		defaultAccountId: String(credentials.accountId ?? '').trim(),
		call: {
			vendor: KORE.displayName,
			policy: retryPolicyFrom(behaviour),
			// The app's credential stands for the account and bot it is limited as.
			pacer: korePacer(`kore ${kind} ${host.baseUrl} ${String(credentials.clientId ?? '')}`, perMinute, perHour),
		},
	};
}

/** A request to a Kore.ai API; `path` must already hold encoded segments. */
export function koreRequest(
	run: KoreRun,
	method: 'GET' | 'POST',
	path: string,
	extra: { qs?: IDataObject; headers?: IDataObject; body?: IDataObject } = {},
): IHttpRequestOptions {
	return {
		method,
		url: `${run.baseUrl}${path}`,
		qs: extra.qs,
		body: extra.body,
		headers: {
			Accept: 'application/json',
			...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
			...(extra.headers ?? {}),
		},
		json: true,
	};
}

export interface KoreCall {
	itemIndex: number;
	subject: string;
	scope: KoreScope;
}

const SCOPE_WORDS = /scope|publish/i;

/**
 * Kore.ai answers 401 both for a wrong secret and for an app whose API scope is missing or not
 * yet published; say which one the server's words point to, and how to fix it.
 */
function authHint(status: number, body: unknown, scope: KoreScope): string {
	const said = describeVendorBody(body) ?? '';
	const publish = `In the bot: App Settings → Dev Tools → API Scope, give the app behind this Client ID the "${scope}" scope, then publish the bot so the scope takes effect.`;
	if (SCOPE_WORDS.test(said) || status === 403) {
		return `The token was accepted but the app may not use this API. ${publish}`;
	}
	return `Kore.ai refused the signed token: check the Client ID, Client Secret and host in the credential. If they are right, the app may lack the "${scope}" scope or the scope may not be published yet. ${publish}`;
}

interface ErrorWithStatus {
	httpCode?: string | null;
	description?: string | null;
	errorResponse?: { message?: unknown };
}

/** A JSON call under the shared policy; 401/403 get a Kore-specific hint about scopes. */
export async function koreJson<T>(
	fx: FileFunctions,
	run: KoreRun,
	request: IHttpRequestOptions,
	call: KoreCall,
): Promise<T> {
	try {
		const { body } = await requestJson<T>(fx, KORE_API, request, {
			...run.call,
			itemIndex: call.itemIndex,
			subject: call.subject,
		});
		return body;
	} catch (error) {
		const e = error as ErrorWithStatus;
		if (e.httpCode === '401' || e.httpCode === '403') {
			e.description = authHint(Number(e.httpCode), e.errorResponse?.message, call.scope);
		}
		throw asNodeError(fx, error, call.itemIndex);
	}
}
