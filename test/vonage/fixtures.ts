import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { VonageContactCenter } from '../../nodes/VonageContactCenter/VonageContactCenter.node';
import { runNode, type RunNodeResult } from '../harness/index';
import { FAST, type VendorRunOptions } from '../support/vendorRun';

/** The hosts the EMEA region resolves to when no override is set. */
export const API = 'https://emea.api.newvoicemedia.com';
export const AUTH = 'https://emea.cc.vonage.com';
export const ACCEPT = 'application/vnd.newvoicemedia.v3+json';

export const GUID = '2480fc2c-bbd7-427c-9439-02f76583aef5';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a fake value the tests look for in errors
export const CLIENT_SECRET = 'super-secret-client-secret-42';

export const GET_INTERACTION = { resource: 'interaction', operation: 'get', guid: GUID };
export const INTERACTION_PATH = `/interaction-content/interactions/${GUID}`;
export const DOWNLOAD_RECORDING = {
	resource: 'content',
	operation: 'download',
	guid: GUID,
	contentKey: 'callRecording',
	binaryPropertyName: 'data',
};

export function guid(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function vonageCredentials(accessToken = ''): Record<string, ICredentialDataDecryptedObject> {
	return {
		vonageContactCenterApi: {
			region: 'emea',
			clientId: 'client-1',
			clientSecret: CLIENT_SECRET,
			apiBaseUrl: '',
			tokenUrl: '',
			accessToken,
		},
	};
}

/** Credentials whose API and token hosts are a loopback test server. */
export function loopbackCredentials(baseUrl: string): Record<string, ICredentialDataDecryptedObject> {
	const credentials = vonageCredentials();
	credentials.vonageContactCenterApi.apiBaseUrl = baseUrl;
	credentials.vonageContactCenterApi.tokenUrl = `${baseUrl}/token`;
	return credentials;
}

/** Replies to the client-credentials grant, checking what VCC documents it needs. */
export function mockToken(token = 'token-1', times = 1): nock.Scope {
	return nock(AUTH)
		.post('/Auth/connect/token', (body: Record<string, string>) => {
			return (
				body.grant_type === 'client_credentials' &&
				body.client_id === 'client-1' &&
				body.client_secret === CLIENT_SECRET &&
				body.scope === 'interaction-content:read'
			);
		})
		.times(times)
		.reply(200, { access_token: token, expires_in: 7200, token_type: 'Bearer' });
}

/** An API scope that only matches requests carrying the VCC Accept header and a bearer token. */
export function api(token = 'token-1'): nock.Scope {
	return nock(API, {
		reqheaders: { accept: ACCEPT, authorization: `Bearer ${token}` },
	});
}

export async function runVonage(parameters: INodeParameters, opts: VendorRunOptions = {}): Promise<RunNodeResult> {
	return await runNode({
		...opts,
		nodeType: new VonageContactCenter(),
		credentialTypes: [new VonageContactCenterApi()],
		credentials: opts.credentials ?? vonageCredentials(),
		parameters: { options: FAST, ...parameters },
	});
}
