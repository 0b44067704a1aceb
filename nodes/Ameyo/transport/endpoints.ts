import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
	const raw = typeof credentials.server === 'string' ? credentials.server.trim() : '';
	if (raw === '') return { problem: 'The Ameyo credential has no server URL' };
	const withProtocol = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
	if (!URL.canParse(withProtocol)) {
		return { problem: `The server URL "${raw}" is not a URL: use e.g. https://ameyo.example.com:8443` };
	}
	const url = new URL(withProtocol);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `The server URL "${raw}" must start with https:// or http://` };
	}
	if (url.username !== '' || url.password !== '') {
		// Anything typed there would travel with every request; the credential has proper fields.
		return { problem: 'The server URL must not contain a user name or password' };
	}
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
