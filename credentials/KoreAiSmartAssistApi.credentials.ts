import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { redirectTestRules, statusTestRules } from '../nodes/shared/http/credentialTestRules';
import { describeUrl, effectiveUrl, isSameOrigin, underBase } from '../nodes/shared/http/urlRules';
import { KORE_HOSTS, koreBaseUrl } from '../nodes/KoreAiSmartAssist/transport/hosts';
import { mintKoreToken } from '../nodes/KoreAiSmartAssist/transport/jwt';

const SCOPE_ADVICE =
	'In the bot: App Settings → Dev Tools → API Scope, give the app behind this Client ID the "SmartAssist Recordings" scope (and "SmartAssist Voicemail" / "SmartAssist Analytics" for those operations), then publish the bot: scopes take effect only once published.';

/**
 * Client ID + Client Secret of a Kore.ai JWT app. Every request carries its own HS256 token in
 * the `auth` header (appId = Client ID, short expiry, random jti), minted here with node's crypto:
 * apps with "Enforce JTI" refuse a token seen before, so tokens are never cached or reused.
 */
export class KoreAiSmartAssistApi implements ICredentialType {
	name = 'koreAiSmartAssistApi';

	displayName = 'Kore.ai SmartAssist API';

	icon: Icon = {
		light: 'file:../nodes/KoreAiSmartAssist/koreAiSmartAssist.svg',
		dark: 'file:../nodes/KoreAiSmartAssist/koreAiSmartAssist.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#koreai-smartassist';

	properties: INodeProperties[] = [
		{
			displayName: 'Host',
			name: 'host',
			type: 'options',
			options: KORE_HOSTS,
			default: 'platform.kore.ai',
			description: 'The Kore.ai environment your bot lives in',
		},
		{
			displayName: 'Custom Host',
			name: 'customHost',
			type: 'string',
			default: '',
			placeholder: 'https://kore.example.com',
			description: 'Base URL of a regional, UAT or on-prem installation, with https:// and a port if needed',
			displayOptions: { show: { host: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			placeholder: 'cs-44a2393f-9811-5f72-84e2-34a683287b5d',
			description: 'The Client ID of the JWT app (App Settings → Dev Tools → API Scope)',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The Client Secret of the same app; it signs each request\'s token and is never sent',
			required: true,
		},
		{
			displayName: 'Default Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			description: 'Used by Call → Get Many when the node leaves Account ID empty',
		},
		{
			displayName: 'Default Bot / Stream ID',
			name: 'botId',
			type: 'string',
			default: '',
			placeholder: 'st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2',
			description:
				'Used when the node leaves Bot / Stream ID empty. The Test button needs it: it asks this bot for a recording.',
		},
	];

	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
		if (clientId === '' || clientSecret === '') {
			throw new Error('Kore.ai SmartAssist credential: Client ID and Client Secret are required');
		}
		// Only requests to the configured host's origin carry a token, whoever builds them.
		const host = koreBaseUrl(credentials);
		if ('problem' in host) throw new Error(host.problem);
		const request = underBase(requestOptions, host.baseUrl);
		const origin = new URL(host.baseUrl).origin;
		const target = effectiveUrl(request.url, request.baseURL);
		if (!isSameOrigin(target, origin)) {
			throw new Error(
				`Kore.ai SmartAssist credential: refused to send a signed token to ${describeUrl(target)}, which is not on the configured host ${origin}`,
			);
		}
		return {
			...request,
			headers: { ...(request.headers ?? {}), auth: mintKoreToken(clientId, clientSecret) },
		};
	};

	// A recording lookup for a session that does not exist: cheap, and it passes the token, the
	// bot id and the "SmartAssist Recordings" scope through the same checks a real call does.
	test: ICredentialTestRequest = {
		request: {
			// No baseURL: authenticate puts the path under the configured host (see underBase).
			url: '=/api/public/bot/{{ encodeURIComponent(String($credentials.botId || "").trim()) }}/v2/recordings',
			method: 'GET',
			qs: { sessionId: 'n8n-credential-test' },
			headers: { Accept: 'application/json' },
			// A redirect would carry the signed token to wherever it points: it fails the test instead.
			disableFollowRedirect: true,
		},
		rules: [
			...redirectTestRules('the Custom Host'),
			...statusTestRules({
				401:
					`Kore.ai refused the signed token (HTTP 401). Check the Client ID, Client Secret and host. If they are right, the app lacks the API scope or it is not published yet. ${SCOPE_ADVICE}`,
				403:
					`Kore.ai accepted the token but the app may not use the recordings API (HTTP 403). ${SCOPE_ADVICE}`,
				404:
					'Nothing answered at this host for this bot (HTTP 404). Check the host and set the Default Bot / Stream ID: the test asks that bot for a recording.',
			}),
		],
	};
}
