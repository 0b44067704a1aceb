import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { AmeyoApi } from '../../credentials/AmeyoApi.credentials';
import { Ameyo } from '../../nodes/Ameyo/Ameyo.node';
import { runNode, type RunNodeResult } from '../harness/index';
import { FAST, type VendorRunOptions } from '../support/vendorRun';

/** A self-hosted server on the usual REST port. */
export const SERVER = 'https://ameyo.example.com:8443';
export const USER = 'api.supervisor@example.com';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a fake value the tests look for in errors
export const PASSWORD = 'Pa55-word-never-shown';
export const LOGIN_PATH = '/ameyorestapi/session/userLogin';
export const DOWNLOAD_PATH = '/ameyorestapi/cc/downloadVoiceLog';
export const CAMPAIGNS_PATH = '/ameyorestapi/cc/campaigns/getAssigned';

/** Session ids in Ameyo's own shape ("…-ses-<user>-<random>-<n>"). */
export function session(n: number): string {
	return `d741-6904fad1-ses-${USER}-w1pQnDRa9KNCQAXJrVhdxHXZcSCGQszWe24UWiNYBIFHAd${n}-96338`;
}

export const CAMPAIGN_ID = 110;
export const CRT = 'd741-6904fad1-vce-daf-638729';
export const CALL_ID = 'd741-6904fad1-vcall-10989826';

export const DOWNLOAD = {
	resource: 'voiceLog',
	operation: 'download',
	campaignId: { __rl: true, mode: 'id', value: String(CAMPAIGN_ID) },
	crtObjectId: CRT,
	callId: CALL_ID,
	targetFormat: 'mp3',
	binaryPropertyName: 'data',
};

/** The query the node must send for DOWNLOAD (nock compares decoded values). */
export function downloadQuery(overrides: Record<string, string> = {}): Record<string, string> {
	return {
		campaignId: String(CAMPAIGN_ID),
		crtObjectId: CRT,
		targetFormat: 'mp3',
		filters: JSON.stringify({ callId: CALL_ID }),
		...overrides,
	};
}

/** An MP3 as encoders write it: an ID3v2 tag, then MPEG frames. */
export const MP3 = Buffer.concat([
	Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x0a', 'latin1'),
	Buffer.alloc(10, 0),
	Buffer.from([0xff, 0xfb, 0x90, 0x64]),
	Buffer.alloc(4096, 0x55),
]);
/** An MP3 without a tag: it starts straight with an MPEG frame header (FF FB). */
export const MP3_NO_TAG = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(2048, 0x33)]);
export const WAV = Buffer.concat([
	Buffer.from('RIFF\x24\x10\x00\x00WAVEfmt ', 'latin1'),
	Buffer.alloc(4096, 7),
]);

export function credentialsWith(data: ICredentialDataDecryptedObject): Record<string, ICredentialDataDecryptedObject> {
	return {
		ameyoApi: {
			server: SERVER,
			ignoreSslIssues: false,
			authMode: 'login',
			userId: USER,
			token: PASSWORD,
			forceLogin: true,
			terminalInfo: 'n8n',
			pastedSessionToken: '',
			sessionToken: '',
			sessionIssuedFor: '',
			...data,
		},
	};
}

/** A login credential that has not logged in yet. */
export function loginCredentials(): Record<string, ICredentialDataDecryptedObject> {
	return credentialsWith({});
}

/** A login credential holding a session from an earlier run on this server. */
export function loggedInCredentials(sessionId: string): Record<string, ICredentialDataDecryptedObject> {
	return credentialsWith({ sessionToken: sessionId, sessionIssuedFor: `${SERVER}|${USER}` });
}

export function pastedCredentials(sessionId: string): Record<string, ICredentialDataDecryptedObject> {
	return credentialsWith({ authMode: 'sessionId', userId: '', token: '', pastedSessionToken: sessionId });
}

/** Answers userLogin, checking the documented body. */
export function mockLogin(sessionId: string, times = 1): nock.Scope {
	return nock(SERVER)
		.post(LOGIN_PATH, (body: Record<string, unknown>) => {
			return body.userId === USER && body.token === PASSWORD && body.forceLogin === true && body.terminalInfo === 'n8n';
		})
		.times(times)
		.reply(200, { userId: USER, terminalInfo: '0.0.0.0', sessionId });
}

/** Requests to the server that carry exactly this session. */
export function api(sessionId: string): nock.Scope {
	return nock(SERVER, { reqheaders: { sessionid: sessionId } });
}

export function audioHeaders(body: Buffer, contentType = 'audio/mpeg'): Record<string, string> {
	return { 'Content-Type': contentType, 'Content-Length': String(body.length) };
}

export async function runAmeyo(parameters: INodeParameters, opts: VendorRunOptions = {}): Promise<RunNodeResult> {
	return await runNode({
		...opts,
		nodeType: new Ameyo(),
		credentialTypes: [new AmeyoApi()],
		credentials: opts.credentials ?? loginCredentials(),
		parameters: { options: FAST, ...parameters },
	});
}

/** Everything an error carries that a user or a log could see. */
export function visibleText(error: unknown): string {
	const e = error as { message?: string; description?: string; stack?: string };
	return [e.message, e.description, e.stack, JSON.stringify(error)].join('\n');
}
