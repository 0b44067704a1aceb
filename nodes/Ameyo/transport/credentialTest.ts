import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeLocation } from '../../shared/urlRules';
import { describeVendorBody } from '../../shared/vendorError';
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
		return await testCredentials(credentialTestSender(this), credentials);
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

	const ask = async (path: string): Promise<PlainResponse | { failure: string }> =>
		await send({
			method: 'GET',
			url: `${baseUrl}${path}`,
			headers: { Accept: 'application/json', [SESSION_HEADER]: session },
			skipTls,
		}).then(
			(answer) => answer,
			(error: unknown) => ({ failure: describeConnectionFailure(error, baseUrl) }),
		);
	const refused = (answer: PlainResponse): INodeCredentialTestResult => ({
		status: 'Error',
		message: pasted
			? `The server refused the pasted session ID (HTTP ${answer.statusCode}): it has expired, was logged out or belongs to another server; paste a fresh one`
			: `Logged in, but the server refused the new session (HTTP ${answer.statusCode}): check that the user may use the REST API`,
	});

	// A redirect is not followed (the session id would go along), and it is not an answer.
	const redirected = (answer: PlainResponse): INodeCredentialTestResult | undefined =>
		answer.statusCode >= 300 && answer.statusCode < 400
			? {
					status: 'Error',
					message: `The server redirected the session check to ${describeLocation(String(answer.headers.location ?? ''), baseUrl)} (HTTP ${answer.statusCode}); the session id is not sent on: put the address the server expects in the server URL`,
				}
			: undefined;

	// [guess] getAssigned is not in Exotel's published docs; servers without it answer 404/405.
	const campaigns = await ask(ASSIGNED_CAMPAIGNS_PATH);
	if ('failure' in campaigns) return { status: 'Error', message: campaigns.failure };
	if (isSignedOutAnswer(campaigns.statusCode, campaigns.headers, campaigns.body)) return refused(campaigns);
	const campaignsRedirected = redirected(campaigns);
	if (campaignsRedirected) return campaignsRedirected;
	if (campaigns.statusCode === 200 && Array.isArray(campaigns.body)) {
		const count = campaigns.body.length;
		return { status: 'OK', message: `${loggedIn}; ${count} campaign${count === 1 ? '' : 's'} assigned to this user` };
	}
	if (campaigns.statusCode !== 404 && campaigns.statusCode !== 405) {
		// Any other answer came past the session check (e.g. 512 "user.not.assigned.to.any.campaign").
		const said = describeVendorBody(campaigns.body);
		return { status: 'OK', message: `${loggedIn} (campaign list: HTTP ${campaigns.statusCode}${said ? `, ${said}` : ''})` };
	}

	// No campaign list here: ask the documented download endpoint, with no recording named. A
	// refused session is told apart from the complaint about the missing parameters.
	const download = await ask(DOWNLOAD_VOICE_LOG_PATH);
	if ('failure' in download) return { status: 'Error', message: download.failure };
	if (isSignedOutAnswer(download.statusCode, download.headers, download.body)) return refused(download);
	const downloadRedirected = redirected(download);
	if (downloadRedirected) return downloadRedirected;
	return { status: 'OK', message: `${loggedIn} (this server has no campaign list: enter campaign IDs by hand)` };
}
