/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped */
/**
 * What the simulator's tests need to talk to it the way a client would: a Vonage token, a Kore
 * JWT, an Ameyo session, Genesys headers, and a raw HTTP GET (fetch always adds an Accept header
 * and hides how a body ended).
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';

import { signHs256, type Simulator } from './index.mjs';

export const VCC_ACCEPT = 'application/vnd.newvoicemedia.v3+json';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export async function vonageToken(sim: Simulator): Promise<string> {
	const { tokenUrl, clientId, clientSecret } = sim.credentials.vonage;
	const response = await fetch(tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'interaction-content:read' }),
	});
	if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
	return ((await response.json()) as { access_token: string }).access_token;
}

/** GET on the VCC APIs with bearer + v3 Accept (override either through `headers`). */
export function vcc(sim: Simulator, path: string, token: string, headers: Record<string, string> = {}) {
	return fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: VCC_ACCEPT, ...headers } });
}

export function koreJwt(sim: Simulator, payload: Record<string, unknown> = {}, secret?: string): string {
	const now = Math.floor(Date.now() / 1000);
	return signHs256(
		{ appId: sim.credentials.kore.clientId, sub: 'simulator-test', iat: now, exp: now + 60, jti: `${now}-${Math.random()}`, ...payload },
		secret ?? sim.credentials.kore.clientSecret,
	);
}

export function kore(sim: Simulator, path: string, headers: Record<string, string> = {}) {
	return fetch(`${sim.url}${path}`, { headers: { auth: koreJwt(sim), ...headers } });
}

export function recordingsPath(sim: Simulator, sessionId: string) {
	return `/api/public/bot/${sim.credentials.kore.botId}/v2/recordings?sessionId=${encodeURIComponent(sessionId)}`;
}

export async function ameyoLogin(sim: Simulator, forceLogin = true): Promise<Response> {
	const { baseUrl, userId, password } = sim.credentials.ameyo;
	return fetch(`${baseUrl}/ameyorestapi/session/userLogin`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ userId, token: password, forceLogin, terminalInfo: 'simulator test' }),
	});
}

export async function ameyoSession(sim: Simulator): Promise<string> {
	return ((await (await ameyoLogin(sim)).json()) as { sessionId: string }).sessionId;
}

export function voiceLogQuery(params: { campaignId: string; crtObjectId: string; callId: string; targetFormat?: string }) {
	return new URLSearchParams({
		campaignId: params.campaignId,
		crtObjectId: params.crtObjectId,
		targetFormat: params.targetFormat ?? 'mp3',
		filters: JSON.stringify({ callId: params.callId }),
	}).toString();
}

export function genesysHeaders(sim: Simulator): Record<string, string> {
	const { username, password, contactCenterId } = sim.credentials.genesys;
	return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, ContactCenterId: contactCenterId };
}

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	/** Set when the connection ended before the promised Content-Length (or was reset). */
	error?: string;
}

/** A plain node:http GET that sends exactly `headers` and reports how the body ended. */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		let finish: ((error?: string) => void) | undefined;
		const req = request(url, { headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			finish = (error?: string) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error });
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => finish?.());
			res.on('error', (error) => finish?.(error.message));
			res.on('aborted', () => finish?.('aborted'));
		});
		// Before a response this is a failed request; after it, the body was cut (reset/short).
		req.on('error', (error) => (finish ? finish(error.message) : reject(error)));
		req.end();
	});
}
