import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { authMode, isOnServer, SESSION_HEADER } from '../nodes/Ameyo/transport/endpoints';
import { preAuthenticationSender } from '../nodes/Ameyo/transport/plainSenders';
import { logIn, sessionToSend } from '../nodes/Ameyo/transport/session';

/**
 * An Ameyo (Exotel) server and a way in: log in with a user ID and password or access key (the
 * session id is kept in the hidden, expirable `sessionToken` field; n8n logs in on first use and
 * the node logs in again whenever the server rejects the session), or a session id pasted by
 * the user. The session only ever travels in the Sessionid header to the configured server.
 * The Test button is the Ameyo node's `ameyoApiTest` (it logs in for real, then checks the
 * session).
 */
export class AmeyoApi implements ICredentialType {
	name = 'ameyoApi';

	displayName = 'Ameyo API';

	icon: Icon = {
		light: 'file:../nodes/Ameyo/ameyo.svg',
		dark: 'file:../nodes/Ameyo/ameyo.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#ameyo-exotel';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'server',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://ameyo.example.com:8443',
			description: 'Protocol, host and port of your Ameyo server (the part before /ameyorestapi)',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server\'s TLS certificate cannot be verified, e.g. a self-hosted server with a private CA or a self-signed certificate',
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Log In',
					value: 'login',
					description: 'n8n logs in with a user ID and password or access key, and again whenever the session ends',
				},
				{
					name: 'Session ID',
					value: 'sessionId',
					description: 'Use a session ID you obtained elsewhere; paste a new one when it expires',
				},
			],
			default: 'login',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			placeholder: 'api.supervisor@example.com',
			displayOptions: { show: { authMode: ['login'] } },
		},
		{
			displayName: 'Password or Access Key',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['login'] } },
		},
		{
			displayName: 'Force Login',
			name: 'forceLogin',
			type: 'boolean',
			default: true,
			description:
				'Whether to log in even when this user already has a session; that session (e.g. the same user in the Ameyo UI) ends. Use a dedicated API user.',
			displayOptions: { show: { authMode: ['login'] } },
		},
		{
			displayName: 'Terminal Info',
			name: 'terminalInfo',
			type: 'string',
			default: 'n8n',
			description: 'How this login shows up on the server (Ameyo\'s free-text terminalInfo)',
			displayOptions: { show: { authMode: ['login'] } },
		},
		{
			displayName: 'Session ID',
			name: 'pastedSessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'd741-6904fad1-ses-supervisor@example.com-…',
			description: 'A session ID from an Ameyo login made elsewhere',
			displayOptions: { show: { authMode: ['sessionId'] } },
		},
		{
			displayName: 'Session',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// The server and user the stored session was issued for: it is never sent anywhere else.
			displayName: 'Session Issued For',
			name: 'sessionIssuedFor',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		// A pasted session is used as it is; there is nothing to obtain.
		if (authMode(credentials) === 'sessionId') return {};
		return await logIn(preAuthenticationSender(this), credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const session = sessionToSend(credentials);
		// Only requests to the configured server carry the session, whoever builds them.
		if (session === undefined || !isOnServer(credentials, requestOptions.url, requestOptions.baseURL)) {
			return requestOptions;
		}
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), [SESSION_HEADER]: session } };
	}
}
