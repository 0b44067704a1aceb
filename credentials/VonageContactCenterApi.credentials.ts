import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { redirectTestRules } from '../nodes/shared/http/credentialTestRules';
import { isSignInTimeout, SIGN_IN_TIMEOUT_MS, signInError } from '../nodes/shared/http/signInFailure';
import { describeUrl, effectiveUrl, isSameOrigin, originOf, underBase } from '../nodes/shared/http/urlRules';
import { apiBaseUrl, tokenUrl, VONAGE_ACCEPT } from '../nodes/VonageContactCenter/transport/endpoints';

/**
 * Client id/secret → bearer token (OAuth2 client-credentials grant, scope
 * interaction-content:read). The token is cached in the hidden, expirable `accessToken`
 * field: n8n fetches it on first use and again whenever the API answers 401.
 */
export class VonageContactCenterApi implements ICredentialType {
	name = 'vonageContactCenterApi';

	displayName = 'Vonage Contact Center API';

	icon: Icon = {
		light: 'file:../nodes/VonageContactCenter/vonageContactCenter.svg',
		dark: 'file:../nodes/VonageContactCenter/vonageContactCenter.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#vonage-contact-center';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'EMEA', value: 'emea' },
				{ name: 'NAM (North America)', value: 'nam' },
				{ name: 'APAC', value: 'apac' },
			],
			default: 'emea',
			description: 'The region of your Vonage Contact Center account (the first part of your API host)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Base URL Override',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://emea.api.cc.vonage.com',
			description:
				'Leave empty to use https://{region}.api.newvoicemedia.com. Set it for the newer gateway host or a proxy.',
		},
		{
			displayName: 'Token URL Override',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://emea.cc.vonage.com/Auth/connect/token',
			description: 'Leave empty to use https://{region}.cc.vonage.com/Auth/connect/token',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Both host settings are checked before the client secret goes anywhere.
		apiBaseUrl(credentials);
		const url = tokenUrl(credentials);
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
			scope: 'interaction-content:read',
		});
		// The status is checked here rather than by n8n so the thrown error can never carry the
		// request (and with it the client secret) along. A redirect is not followed: it would
		// re-send the client secret to wherever it points, and take a token from that host.
		const response = (await this.helpers
			.httpRequest({
				method: 'POST',
				url,
				body: form.toString(),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				json: true,
				timeout: SIGN_IN_TIMEOUT_MS,
			})
			.catch((error: unknown) => {
				// No answer in time is a failed try like a gateway's 504: the token is asked for again
				// with the request that needed it, under the same Max Tries.
				if (!isSignInTimeout(error)) throw error;
				throw signInError(
					`Vonage Contact Center token request to ${new URL(url).host} did not answer within ${SIGN_IN_TIMEOUT_MS / 1000} s`,
					504,
				);
			})) as { statusCode: number; headers?: IDataObject; body: unknown };
		if (response.statusCode >= 300 && response.statusCode < 400) {
			const location = typeof response.headers?.location === 'string' ? response.headers.location : '';
			throw new Error(
				`Vonage Contact Center token request to ${new URL(url).host} was redirected (HTTP ${response.statusCode}) to ${location === '' ? 'no address' : originOf(location, url)}; the client secret is not sent on: set the Token URL Override to the address the token service expects`,
			);
		}
		const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
			access_token?: unknown;
			error?: unknown;
			error_description?: unknown;
		};
		if (response.statusCode >= 400 || typeof body.access_token !== 'string' || body.access_token === '') {
			const reason = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
			throw signInError(
				`Vonage Contact Center token request to ${new URL(url).host} failed (HTTP ${response.statusCode}${reason ? `, ${reason}` : ''}): check the client ID, client secret and region`,
				response.statusCode,
				response.headers?.['retry-after'],
			);
		}
		return { accessToken: body.access_token };
	}

	// Only requests to the configured API origin are signed, whoever builds them: a request (or a
	// redirect followed by hand) to any other host, a sub-domain included, never gets the token.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const base = apiBaseUrl(credentials);
		const request = underBase(requestOptions, base);
		const origin = new URL(base).origin;
		const target = effectiveUrl(request.url, request.baseURL);
		if (!isSameOrigin(target, origin)) {
			throw new Error(
				`Vonage Contact Center credential: refused to send the access token to ${describeUrl(target)}, which is not on the API host ${origin}`,
			);
		}
		return {
			...request,
			headers: { ...(request.headers ?? {}), Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	// Obtains a token, then lists the last hour's interactions: proves the region, the secret
	// and the interaction-content:read scope in one click.
	test: ICredentialTestRequest = {
		request: {
			// No baseURL: authenticate puts the path under the API base URL (see underBase).
			url: '/interaction-content/interactions',
			method: 'GET',
			headers: { Accept: VONAGE_ACCEPT },
			qs: {
				start: '={{ new Date(Date.now() - 3600000).toISOString() }}',
				end: '={{ new Date().toISOString() }}',
				limit: 1,
			},
			// A redirect would carry the token to wherever it points: it fails the test instead.
			disableFollowRedirect: true,
		},
		rules: redirectTestRules('the API Base URL Override'),
	};
}
