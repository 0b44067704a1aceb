import type { IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { apiBaseUrl, tokenUrl } from '../../nodes/VonageContactCenter/transport/endpoints';
import { effectiveUrl } from '../../nodes/shared/http/urlRules';

/** Where the credential's Test button sends its listing once the credential has signed it. */
async function testButtonUrl(credentials: Record<string, string>): Promise<string> {
	const credential = new VonageContactCenterApi();
	const signed = await credential.authenticate({ ...credentials, accessToken: 't' }, credential.test.request as IHttpRequestOptions);
	return effectiveUrl(signed.url, signed.baseURL);
}

describe('Vonage endpoints', () => {
	it.each([
		[{ region: 'emea', apiBaseUrl: '' }, 'https://emea.api.newvoicemedia.com'],
		[{ region: 'nam', apiBaseUrl: '' }, 'https://nam.api.newvoicemedia.com'],
		[{ region: 'apac', apiBaseUrl: '' }, 'https://apac.api.newvoicemedia.com'],
		[{ region: 'emea', apiBaseUrl: 'https://emea.api.cc.vonage.com/' }, 'https://emea.api.cc.vonage.com'],
	])('API base for %o is %s for the nodes and for the Test button', async (credentials, expected) => {
		expect(apiBaseUrl(credentials)).toBe(expected);
		expect(await testButtonUrl(credentials)).toBe(`${expected}/interaction-content/interactions`);
	});

	it('derives the token URL from the region unless overridden', () => {
		expect(tokenUrl({ region: 'nam' })).toBe('https://nam.cc.vonage.com/Auth/connect/token');
		expect(tokenUrl({ region: 'nam', tokenUrl: 'http://127.0.0.1:9/t' })).toBe('http://127.0.0.1:9/t');
	});
});
