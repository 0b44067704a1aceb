import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeLocation } from '../../shared/http/urlRules';
import { describeVendorBody } from '../../shared/http/vendorErrors';
import {
	ASSIGNED_CAMPAIGNS_PATH,
	authMode,
	DOWNLOAD_VOICE_LOG_PATH,
	serverBaseUrl,
	SESSION_HEADER,
} from './endpoints';
import { credentialTestSender } from './plainSenders';
import { scrubSecrets, secretValues } from './secrets';
import {
	describeConnectionFailure,
	ignoresTlsErrors,
	isSignedOutAnswer,
	logIn,
	type PlainResponse,
	type SendPlain,
} from './session';

/**
 * The credential's Test button. A declarative test request cannot do this: it logs in for real
 * (or takes the pasted session), then asks the server whether the session works, and tells a
 * wrong password, a wrong server and a refused session apart.
 */
export async function ameyoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials: ICredentialDataDecryptedObject = credential.data ?? {};
	const secrets = secretValues(credentials);
	try {
		const result = await testCredentials(credentialTestSender(this), credentials);
		return { ...result, message: scrubSecrets(result.message, secrets) };
	} catch (error) {
		return { status: 'Error', message: scrubSecrets((error as Error).message ?? String(error), secrets) };
	}
}

export async function testCredentials(
	send: SendPlain,
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const baseUrl = serverBaseUrl(credentials);
	const skipTls = ignoresTlsErrors(credentials);
	const pasted = authMode(credentials) === 'sessionId';
	let session: string;
	if (pasted) {
		session = typeof credentials.pastedSessionToken === 'string' ? credentials.pastedSessionToken.trim() : '';
		if (session === '') return { status: 'Error', message: 'Paste a session ID, or switch Authentication to Log In' };
	} else {
		session = (await logIn(send, credentials)).sessionToken;
	}
	const loggedIn = pasted ? 'The server accepted the pasted session ID' : 'Logged in';

	/** The answer to a GET with the session, or the test's result when the answer already settles it. */
	const ask = async (path: string): Promise<PlainResponse | { settled: INodeCredentialTestResult }> => {
		const failed = (message: string) => ({ settled: { status: 'Error' as const, message } });
		let answer: PlainResponse;
		try {
			answer = await send({ method: 'GET', url: `${baseUrl}${path}`, headers: { Accept: 'application/json', [SESSION_HEADER]: session }, skipTls });
		} catch (error) {
			return failed(describeConnectionFailure(error, baseUrl));
		}
		const { statusCode, headers, body } = answer;
		if (isSignedOutAnswer(statusCode, headers, body)) {
			return failed(
				pasted
					? `The server refused the pasted session ID (HTTP ${statusCode}): it has expired, was logged out or belongs to another server; paste a fresh one`
					: `Logged in, but the server refused the new session (HTTP ${statusCode}): check that the user may use the REST API`,
			);
		}
		// A redirect is not followed (the session id would go along), and it is not an answer.
		if (statusCode >= 300 && statusCode < 400) {
			return failed(
				`The server redirected the session check to ${describeLocation(String(headers.location ?? ''), baseUrl)} (HTTP ${statusCode}); the session id is not sent on: put the address the server expects in the server URL`,
			);
		}
		return answer;
	};

	// [guess] getAssigned is not in Exotel's published docs; servers without it answer 404/405.
	const campaigns = await ask(ASSIGNED_CAMPAIGNS_PATH);
	if ('settled' in campaigns) return campaigns.settled;
	if (campaigns.statusCode === 200 && Array.isArray(campaigns.body)) {
		const count = campaigns.body.length;
		return { status: 'OK', message: `${loggedIn}; ${count} campaign${count === 1 ? '' : 's'} assigned to this user` };
	}
	if (campaigns.statusCode !== 404 && campaigns.statusCode !== 405) {
		// Any other answer came past the session check (e.g. 512 "user.not.assigned.to.any.campaign").
		// The server's own words may echo the session or the password back: neither is shown.
		const body = describeVendorBody(campaigns.body);
		const said = body === undefined ? undefined : scrubSecrets(body, [session, ...secretValues(credentials)]);
		return { status: 'OK', message: `${loggedIn} (campaign list: HTTP ${campaigns.statusCode}${said ? `, ${said}` : ''})` };
	}

	// No campaign list here: ask the documented download endpoint, with no recording named. A
	// refused session is told apart from the complaint about the missing parameters.
	const download = await ask(DOWNLOAD_VOICE_LOG_PATH);
	if ('settled' in download) return download.settled;
	return { status: 'OK', message: `${loggedIn} (this server has no campaign list: enter campaign IDs by hand)` };
}
