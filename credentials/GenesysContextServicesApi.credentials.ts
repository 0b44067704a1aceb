import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { checkOnConfiguredServer, parseBaseUrl } from '../nodes/GenesysContextServices/transport/endpoints';
import { redirectTestRules, statusTestRules } from '../nodes/shared/http/credentialTestRules';
import { describeUrl, effectiveUrl, underBase } from '../nodes/shared/http/urlRules';

type AuthenticationMode = 'none' | 'basicAuth' | 'headerAuth';

/** RFC 9110 token characters: anything else cannot be a header name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the HTTP client owns, or that this credential sets itself. */
const RESERVED_HEADERS = new Set([
	'host',
	'content-length',
	'transfer-encoding',
	'connection',
	'upgrade',
	'te',
	'trailer',
	'keep-alive',
	'proxy-connection',
	'contactcenterid',
	'groupid',
]);
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function assertHeaderValue(value: string, field: string): void {
	// A line break would let a value smuggle in a header of its own.
	if (CONTROL_CHARACTERS.test(value)) throw new Error(`Genesys Context Services credential: ${field} contains a line break or control character`);
}

/** The headers this credential adds: tenancy first, then the chosen authentication. */
export function genesysCredentialHeaders(credentials: ICredentialDataDecryptedObject): IDataObject {
	const headers: IDataObject = {};
	const contactCenterId = text(credentials.contactCenterId);
	const groupId = text(credentials.groupId);
	if (contactCenterId !== '') {
		assertHeaderValue(contactCenterId, 'Contact Center ID');
		headers.ContactCenterId = contactCenterId;
	}
	if (groupId !== '') {
		assertHeaderValue(groupId, 'Group ID');
		headers.GroupId = groupId;
	}
	const mode = (credentials.authentication ?? 'none') as AuthenticationMode;
	if (mode === 'basicAuth') {
		const user = typeof credentials.user === 'string' ? credentials.user : '';
		const password = typeof credentials.password === 'string' ? credentials.password : '';
		if (user.includes(':')) throw new Error('Genesys Context Services credential: a Basic Auth user name cannot contain ":"');
		headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
	} else if (mode === 'headerAuth') {
		const name = text(credentials.headerName);
		const value = typeof credentials.headerSecret === 'string' ? credentials.headerSecret : '';
		if (!HEADER_NAME.test(name)) {
			throw new Error('Genesys Context Services credential: the Header Name must be a plain HTTP header name such as X-Api-Key');
		}
		if (RESERVED_HEADERS.has(name.toLowerCase())) {
			throw new Error(`Genesys Context Services credential: the header ${name} cannot be used for authentication`);
		}
		assertHeaderValue(value, 'Header Value');
		headers[name] = value;
	}
	return headers;
}

/**
 * Context Services / UCS REST API (Genesys Engage, on-premises). The API itself has no
 * authentication; what sits in front of it (GMS, a reverse proxy) may want Basic auth or a
 * header of its own. Multi-tenant deployments pick the tenant with the ContactCenterId header.
 */
export class GenesysContextServicesApi implements ICredentialType {
	name = 'genesysContextServicesApi';

	displayName = 'Genesys Context Services API';

	icon: Icon = {
		light: 'file:../nodes/GenesysContextServices/genesysContextServices.svg',
		dark: 'file:../nodes/GenesysContextServices/genesysContextServices.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-contact-center/n8n-nodes-contact-center#genesys-context-services';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://ucshost:8080',
			description:
				'Scheme, host, port and base path of the REST API: the UCS HTTP port for 8.0/8.1 (http://ucshost:8080), or GMS for 8.5 (https://gms.example.com/genesys/1/cs). Only URLs under this address ever receive the credentials.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'None', value: 'none', description: 'The UCS REST port itself has no authentication' },
				{ name: 'Basic Auth', value: 'basicAuth', description: 'User name and password, e.g. for GMS' },
				{
					name: 'Header',
					value: 'headerAuth',
					description: 'A header of your own, e.g. the API key of a proxy in front of the server',
				},
			],
			default: 'none',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['basicAuth'] } },
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: '',
			placeholder: 'X-Api-Key',
			displayOptions: { show: { authentication: ['headerAuth'] } },
		},
		{
			displayName: 'Header Value',
			name: 'headerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['headerAuth'] } },
		},
		{
			displayName: 'Contact Center ID',
			name: 'contactCenterId',
			type: 'string',
			default: '',
			placeholder: '101 or Environment',
			description:
				'Multi-tenant servers only: the tenant DBID or tenant name, sent as the ContactCenterId header. Leave empty for a single-tenant server.',
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			default: '',
			description: 'Optional business unit name, sent as the GroupId header',
		},
		{
			displayName: 'Ignore TLS Certificate Errors',
			name: 'ignoreTlsErrors',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a self-signed or otherwise untrusted certificate (private CAs are common on premises). The connection is still encrypted but no longer proves who the server is.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const base = parseBaseUrl(credentials.baseUrl);
		if (!base.ok) throw new Error(`Genesys Context Services credential: ${base.problem}`);
		const request = underBase(requestOptions, base.server.baseUrl);
		const target = effectiveUrl(request.url, request.baseURL);
		const check = checkOnConfiguredServer(base.server, target);
		if (!check.ok) {
			// The node never asks for this; refusing here guards any path that might.
			throw new Error(
				`Genesys Context Services credential: refused to send credentials to ${describeUrl(target)}, because ${check.reason}`,
			);
		}
		const signed: IHttpRequestOptions = {
			...request,
			headers: { ...(request.headers ?? {}), ...genesysCredentialHeaders(credentials) },
		};
		if (credentials.ignoreTlsErrors === true) signed.skipSslCertificateValidation = true;
		return signed;
	}

	// GET /metadata/business-attributes (CS 8.0.200+): read-only, cheap, needs no server mode,
	// and is read per tenant, so a wrong ContactCenterId fails here rather than in a workflow.
	// n8n only shows the status line of a failed test, so each likely code gets its own words.
	test: ICredentialTestRequest = {
		request: {
			// No baseURL and no TLS setting: authenticate applies both, as to every request.
			url: '/metadata/business-attributes',
			method: 'GET',
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
		},
		rules: [
			...statusTestRules({
				400:
					'The server rejected the request. On a multi-tenant server this usually means "Invalid tenant specified": the Contact Center ID is missing or not a tenant of this Context Services application. Check Contact Center ID and Group ID.',
				401:
					'The server, or the proxy in front of it, refused the credentials: check Authentication and the user name and password or header.',
				403:
					'Access denied: the user or key has no right to Context Services, or the Contact Center ID names a tenant it may not use.',
				404:
					'Nothing answers at <Base URL>/metadata/business-attributes: check the host, the port and the base path (UCS 8.0/8.1: http://ucshost:8080; Context Services 8.5 in GMS: http://gmshost:8080/genesys/1/cs). On 8.5, profiles must be enabled in UCS.',
				500:
					'The server failed to answer. On a multi-tenant server an unknown Contact Center ID ("Invalid tenant specified") can cause this: check it, then the server log.',
				503:
					'Context Services is unavailable, or switching between maintenance and production mode: try again in a minute.',
			}),
			...redirectTestRules('the Base URL'),
		],
	};
}
