import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { passwordFields, scrubError, secretValues } from '../../nodes/shared/http/secretScrubbing';
import {
	api as ameyoApi,
	DOWNLOAD as AMEYO_DOWNLOAD,
	DOWNLOAD_PATH as AMEYO_DOWNLOAD_PATH,
	loggedInCredentials,
	runAmeyo,
	session,
	visibleText,
} from '../ameyo/fixtures';
import { BASIC_PASSWORD, GET as GENESYS_GET, genesysCredentials, IXN_ID, PROXY_KEY, runGenesys, UCS } from '../genesys/fixtures';
import { api as koreApi, CLIENT_SECRET as KORE_SECRET, GET_RECORDING, RECORDINGS_PATH, runKore, SESSION } from '../koreai/fixtures';
import { useNockOnly } from '../support/nockChecks';
import { CLIENT_SECRET as VONAGE_SECRET, DOWNLOAD_RECORDING, INTERACTION_PATH, api as vonageApi, mockToken, runVonage } from '../vonage/fixtures';

useNockOnly();

/** A proxy that repeats what it was given, in words no pattern would recognise as a secret. */
const echo = (...values: string[]) => ({ message: `upstream refused; it was handed ${values.join(' and ')} here` });

describe('the credential\'s own secret values are scrubbed from errors', () => {
	it('Vonage: the client secret and the access token a proxy echoes', async () => {
		mockToken('vonage-access-token-7');
		vonageApi('vonage-access-token-7')
			.get(`${INTERACTION_PATH}/content/callRecording`)
			.reply(400, echo(VONAGE_SECRET, 'vonage-access-token-7'));

		const { items } = await runVonage(DOWNLOAD_RECORDING, { continueOnFail: true });

		expect(items[0].json.error).toContain('upstream refused; it was handed [redacted] and [redacted] here');
		const shown = JSON.stringify(items);
		expect(shown).not.toContain(VONAGE_SECRET);
		expect(shown).not.toContain('vonage-access-token-7');
	});

	it('Genesys: a Basic password and a custom header value', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(400, echo(BASIC_PASSWORD));
		const basic = await runGenesys(GENESYS_GET(), {
			credentials: genesysCredentials({ authentication: 'basicAuth', user: 'u', password: BASIC_PASSWORD }),
		});
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(403, echo(PROXY_KEY));
		const header = await runGenesys(GENESYS_GET(), {
			credentials: genesysCredentials({ authentication: 'headerAuth', headerName: 'X-Api-Key', headerSecret: PROXY_KEY }),
		});

		expect(basic.error?.message).toContain('it was handed [redacted] here');
		expect(visibleText(basic.error)).not.toContain(BASIC_PASSWORD);
		expect(header.error?.message).toContain('it was handed [redacted] here');
		expect(visibleText(header.error)).not.toContain(PROXY_KEY);
	});

	it('Kore.ai: the client secret', async () => {
		koreApi().get(RECORDINGS_PATH).query({ sessionId: SESSION }).reply(400, echo(KORE_SECRET));

		const { error } = await runKore(GET_RECORDING);

		expect(error?.message).toContain('it was handed [redacted] here');
		expect(visibleText(error)).not.toContain(KORE_SECRET);
	});

	it('Ameyo: a redirect is shown as origin and path, without the query that holds the session id', async () => {
		ameyoApi(session(1))
			.get(AMEYO_DOWNLOAD_PATH)
			.query(true)
			.reply(302, '', { Location: `https://files.example.net/recordings/x.mp3?sid=${encodeURIComponent(session(1))}&k=opaque-key-9` });

		const { error } = await runAmeyo(AMEYO_DOWNLOAD, { credentials: loggedInCredentials(session(1)) });

		expect(error?.message).toContain('the server redirected to https://files.example.net/recordings/x.mp3 (HTTP 302');
		expect(visibleText(error)).not.toContain('opaque-key-9');
		expect(visibleText(error)).not.toContain(session(1));
	});
});

describe('which values are secret', () => {
	it('is decided once: the fields the credential masks', async () => {
		const { VonageContactCenterApi } = await import('../../credentials/VonageContactCenterApi.credentials');
		const { GenesysContextServicesApi } = await import('../../credentials/GenesysContextServicesApi.credentials');

		expect(passwordFields(new VonageContactCenterApi())).toEqual(['clientSecret', 'accessToken']);
		expect(passwordFields(new GenesysContextServicesApi())).toEqual(['password', 'headerSecret']);
	});

	it('scrubs the longest value first and leaves values too short to be secrets alone', () => {
		const secrets = secretValues({ a: 'abc', b: 'long-secret', c: 'long-secret-and-more' }, ['a', 'b', 'c']);
		const error = scrubError(new Error('abc saw long-secret-and-more'), secrets);

		expect(secrets).toEqual(['long-secret-and-more', 'long-secret']);
		expect(error.message).toBe('abc saw [redacted]');
	});
});
