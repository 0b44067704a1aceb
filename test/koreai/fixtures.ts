// Test code, never shipped: jsonwebtoken (a devDependency) is the independent RFC 7519 implementation the signer is checked against.
import jwt from 'jsonwebtoken';
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { KoreAiSmartAssist } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssist.node';
import { runNode, type RunNodeResult } from '../harness/index';
import { FAST, type VendorRunOptions } from '../support/vendorRun';

export const HOST = 'https://platform.kore.ai';
/** Signed links point at another host: it must never see the credential. */
export const MEDIA = 'https://media.kore-recordings.example';

export const BOT = 'st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2';
export const SESSION = '68db819479cb8cebd651a2b3';
export const ACCOUNT = '674daf4bc9d17f4dc070a1b2';
export const CLIENT_ID = 'cs-44a2393f-9811-5f72-84e2-34a683287b5d';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a fake value the tests look for in errors
export const CLIENT_SECRET = 'kore-client-secret-for-tests-0042';

export const RECORDINGS_PATH = `/api/public/bot/${BOT}/v2/recordings`;
export const VOICEMAIL_PATH = `/api/public/bot/${BOT}/voicemail`;
export const CALL_DETAILS_PATH = `/agentassist/api/public/analytics/account/${ACCOUNT}/v2/calldetails`;

export function koreCredentials(extra: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
	return {
		koreAiSmartAssistApi: {
			host: 'platform.kore.ai',
			customHost: '',
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			accountId: ACCOUNT,
			botId: BOT,
			...extra,
		},
	};
}

/**
 * True for a token an RFC 7519 library (jsonwebtoken) accepts with the client secret, carrying
 * what Kore.ai needs: appId = client id, a jti, and a short life that has not ended.
 */
export function isValidKoreToken(token: string | string[] | undefined): boolean {
	if (typeof token !== 'string') return false;
	try {
		const claims = jwt.verify(token, CLIENT_SECRET, { algorithms: ['HS256'] });
		const now = Math.floor(Date.now() / 1000);
		return (
			claims.appId === CLIENT_ID &&
			typeof claims.sub === 'string' &&
			typeof claims.jti === 'string' &&
			(claims.jti as string).length >= 16 &&
			typeof claims.iat === 'number' &&
			typeof claims.exp === 'number' &&
			Math.abs(claims.iat - now) <= 60 &&
			claims.exp > now &&
			claims.exp - claims.iat <= 300
		);
	} catch {
		return false;
	}
}

/** The Kore.ai API: every request must carry a valid, freshly minted token in `auth`. */
export function api(): nock.Scope {
	return nock(HOST, { reqheaders: { auth: (value: string) => isValidKoreToken(value) } });
}

/** A media host that refuses any request carrying a credential header. */
export function media(host = MEDIA): nock.Scope {
	return nock(host, { badheaders: ['auth', 'authorization', 'cookie'] });
}

/** A signed link like Kore.ai's: `e` is the expiry in epoch seconds. */
export function signedUrl(path: string, expiresInSeconds = 600, host = MEDIA): string {
	const e = Math.floor(Date.now() / 1000) + expiresInSeconds;
	return `${host}${path}?e=${e}&n=6398115875&s=InpqMWpnVzRkajFlc1RZeGVzaDBH`;
}

export function recordingsAnswer(files: Array<{ fileName: string; fileUrl: string }>, status = 'success') {
	return { status, recording: files };
}

/** The shared fast policy, with Kore.ai's hourly cap off too. */
const KORE_FAST = { ...FAST, requestsPerHour: 0 };

export const wav = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), Buffer.alloc(2048, 5)]);

export async function runKore(
	parameters: INodeParameters,
	opts: VendorRunOptions & { options?: INodeParameters } = {},
): Promise<RunNodeResult> {
	const { options, ...run } = opts;
	return await runNode({
		...run,
		nodeType: new KoreAiSmartAssist(),
		credentialTypes: [new KoreAiSmartAssistApi()],
		credentials: opts.credentials ?? koreCredentials(),
		parameters: { ...parameters, options: { ...KORE_FAST, ...(options ?? {}) } },
	});
}

export const DOWNLOAD_RECORDING = { resource: 'recording', operation: 'download', sessionId: SESSION };
export const GET_RECORDING = { resource: 'recording', operation: 'get', sessionId: SESSION };
