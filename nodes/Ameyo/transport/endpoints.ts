import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkHostField } from '../../shared/http/urlRules';

/**
 * Where an Ameyo server lives and which session belongs to it. One rule, shared by the
 * credential (login, signing requests, Test button) and the node (every request).
 */

export const REST_ROOT = '/ameyorestapi';
export const LOGIN_PATH = `${REST_ROOT}/session/userLogin`;
export const DOWNLOAD_VOICE_LOG_PATH = `${REST_ROOT}/cc/downloadVoiceLog`;
/** [guess] Seen in public Ameyo client code, not in Exotel's published API docs. */
export const ASSIGNED_CAMPAIGNS_PATH = `${REST_ROOT}/cc/campaigns/getAssigned`;

/** The request header Ameyo reads the session from (header names are case-insensitive). */
export const SESSION_HEADER = 'Sessionid';

export type AuthMode = 'login' | 'sessionId';

export function authMode(credentials: ICredentialDataDecryptedObject): AuthMode {
	return credentials.authMode === 'sessionId' ? 'sessionId' : 'login';
}

export class ServerUrlError extends Error {}

type ParsedServer = { baseUrl: string } | { problem: string };

function parseServer(credentials: ICredentialDataDecryptedObject): ParsedServer {
	if (typeof credentials.server !== 'string' || credentials.server.trim() === '') {
		return { problem: 'The Ameyo credential has no server URL' };
	}
	const checked = checkHostField(credentials.server, {
		field: 'server URL',
		example: 'https://ameyo.example.com:8443',
		assumeHttps: true,
	});
	if (!checked.ok) return { problem: checked.problem };
	const { url } = checked;
	const path = url.pathname.replace(/\/+$/, '').replace(/\/ameyorestapi$/i, '');
	return { baseUrl: `${url.origin}${path}` };
}

/** Why the credential's server URL cannot be used, or undefined when it can. */
export function serverUrlProblem(credentials: ICredentialDataDecryptedObject): string | undefined {
	const parsed = parseServer(credentials);
	return 'problem' in parsed ? parsed.problem : undefined;
}

/**
 * "https://host:8443", "host:8443/" or a pasted ".../ameyorestapi" all become the same base:
 * protocol, host, port and any reverse-proxy prefix, without a trailing slash.
 */
export function serverBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const parsed = parseServer(credentials);
	if ('problem' in parsed) throw new ServerUrlError(parsed.problem);
	return parsed.baseUrl;
}

/** What a stored session was issued for: the server and the user who logged in. */
export function sessionBinding(credentials: ICredentialDataDecryptedObject): string {
	const user = typeof credentials.userId === 'string' ? credentials.userId.trim() : '';
	return `${serverBaseUrl(credentials)}|${user}`;
}

/** True when `url` (absolute, or relative to `baseURL`) points at the configured server. */
export function isOnServer(credentials: ICredentialDataDecryptedObject, url: string, baseURL?: string): boolean {
	const parsed = parseServer(credentials);
	if ('problem' in parsed || !URL.canParse(url, baseURL)) return false;
	const target = new URL(url, baseURL);
	const server = new URL(parsed.baseUrl);
	if (target.origin !== server.origin) return false;
	// A reverse-proxy prefix is part of the server: nothing else on that host gets the session.
	return server.pathname === '/' || target.pathname === server.pathname || target.pathname.startsWith(`${server.pathname}/`);
}
