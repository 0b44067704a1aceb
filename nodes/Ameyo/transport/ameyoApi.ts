import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { runCallOptions, type RequestBehaviour } from '../../shared/node/requestOptions';
import type { AnswerVerdict, CallOptions, HttpResult, RequestFunctions, VendorApi } from '../../shared/http/types';
import { authMode, serverBaseUrl, serverUrlProblem } from './endpoints';
import { AMEYO_SECRET_FIELDS, secretValues } from './secrets';
import { ignoresTlsErrors, storedSessionIsStale } from './session';
import { AMEYO } from '../vendor';

export const AMEYO_CREDENTIAL = AMEYO.credential;

/**
 * Ameyo documents no rate limit and usually runs on the customer's own server: no pacing by
 * default; the user can set one.
 */
export const AMEYO_REQUESTS_PER_MINUTE = 0;

const REFUSED_AFTER_LOGIN =
	'The server refused a session it had just issued: check that the user may use the REST API (role, IP allow-list, secure mode).';
const REFUSED_PASTED =
	'The pasted session id was refused (expired, logged out, or issued by another server): paste a fresh one in the credential, or switch the credential to Log In so n8n signs in again by itself.';

/**
 * The transport settings for one credential. A logged-in session renews itself (401, login page,
 * invalid-token envelope, or a session issued for another server); a pasted one cannot.
 */
export function ameyoApi(
	credentials: ICredentialDataDecryptedObject,
	checkAnswer?: (answer: HttpResult<unknown>) => Promise<AnswerVerdict>,
): VendorApi {
	const login = authMode(credentials) === 'login';
	return {
		vendor: AMEYO.displayName,
		credentialType: AMEYO_CREDENTIAL,
		renewsOn401: login,
		session: {
			property: 'sessionToken',
			isStale: storedSessionIsStale,
			refusedNote: login ? REFUSED_AFTER_LOGIN : REFUSED_PASTED,
		},
		checkAnswer,
		secretFields: AMEYO_SECRET_FIELDS,
	};
}

/** One node run's settings, built once and shared by every item so pacing spans them all. */
export interface AmeyoRun {
	baseUrl: string;
	skipTls: boolean;
	/** Credential values no message may show. */
	secrets: string[];
	credentials: ICredentialDataDecryptedObject;
	call: CallOptions;
}

export function baseUrlOf(fx: RequestFunctions, credentials: ICredentialDataDecryptedObject): string {
	const problem = serverUrlProblem(credentials);
	if (problem !== undefined) {
		throw new NodeOperationError(fx.getNode(), problem, { description: 'Fix the server URL in the Ameyo credential.' });
	}
	return serverBaseUrl(credentials);
}

export async function startAmeyoRun(fx: IExecuteFunctions): Promise<AmeyoRun> {
	const credentials = await fx.getCredentials(AMEYO_CREDENTIAL);
	const behaviour = fx.getNodeParameter('options', 0, {}) as RequestBehaviour;
	// n8n adds a "Request Options" setting to declarative nodes; its SSL switch is honoured too.
	const requestOptions = fx.getNodeParameter('requestOptions', 0, {}) as { allowUnauthorizedCerts?: boolean };
	const baseUrl = baseUrlOf(fx, credentials);
	// Ameyo counts per server and user: the pacer is shared by every run of that account in this process.
	const account = `ameyo ${baseUrl} ${String(credentials.userId ?? '')}`;
	return {
		baseUrl,
		skipTls: ignoresTlsErrors(credentials) || requestOptions.allowUnauthorizedCerts === true,
		secrets: secretValues(credentials),
		credentials,
		call: runCallOptions(AMEYO.displayName, behaviour, AMEYO_REQUESTS_PER_MINUTE, account),
	};
}

/**
 * A GET on the configured server. Redirects are never followed: Node's redirect handling keeps
 * custom headers such as Sessionid on a hop to another host.
 */
export function ameyoGet(
	run: Pick<AmeyoRun, 'baseUrl' | 'skipTls'>,
	path: string,
	query?: Record<string, string>,
	accept = '*/*',
): IHttpRequestOptions {
	const search = query ? `?${new URLSearchParams(query).toString()}` : '';
	return {
		method: 'GET',
		url: `${run.baseUrl}${path}${search}`,
		headers: { Accept: accept },
		skipSslCertificateValidation: run.skipTls,
		disableFollowRedirect: true,
	};
}
