import { Workflow, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { KoreAiSmartAssist } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssist.node';
import { koreBaseUrl } from '../../nodes/KoreAiSmartAssist/transport/hosts';
import { effectiveUrl } from '../../nodes/shared/http/urlRules';

/** Evaluates a credential expression the way n8n does for requestDefaults and the Test button. */
function evaluate(expression: string, credentials: Record<string, string>): string {
	const nodeType = new KoreAiSmartAssist();
	const node: INode = { id: '1', name: 'K', type: 'k', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {
		$credentials: credentials,
	}) as string;
}

/** Where the Test button's request goes once the credential has signed it. */
async function testButtonUrl(credentials: Record<string, string>): Promise<string> {
	const credential = new KoreAiSmartAssistApi();
	const request = { ...credential.test.request, url: evaluate(credential.test.request.url as string, credentials) };
	const signed = await (credential.authenticate as (c: object, r: object) => Promise<typeof request>)(
		{ clientId: 'cs-1', clientSecret: 'secret-1', ...credentials },
		request,
	);
	return effectiveUrl(signed.url, signed.baseURL);
}

describe('Kore.ai hosts', () => {
	it.each([
		[{ host: 'platform.kore.ai', customHost: '' }, 'https://platform.kore.ai'],
		[{ host: 'smartassist.kore.ai', customHost: '' }, 'https://smartassist.kore.ai'],
		[{ host: 'bots.kore.ai', customHost: '' }, 'https://bots.kore.ai'],
		[{ host: 'custom', customHost: 'https://kore.onprem.example:8443/' }, 'https://kore.onprem.example:8443'],
		[{ host: 'custom', customHost: 'eu-platform.kore.ai' }, 'https://eu-platform.kore.ai'],
		[{ host: 'custom', customHost: 'http://10.0.0.5:8080/kore' }, 'http://10.0.0.5:8080/kore'],
	])('base URL for %o is %s for the nodes and for the Test button', async (credentials, expected) => {
		expect(koreBaseUrl(credentials)).toEqual({ baseUrl: expected });
		expect(await testButtonUrl({ ...credentials, botId: 'st-1' })).toBe(`${expected}/api/public/bot/st-1/v2/recordings`);
	});

	it.each([
		['', 'The Custom Host is empty'],
		['https://user:pw@kore.example', 'The Custom Host must not contain a user name or password'],
		['https://kore.example/?x=1', 'The Custom Host must not contain a query'],
		['https://kore.example/#top', 'The Custom Host must not contain a query'],
		['ftp://kore.example', 'The Custom Host "ftp://kore.example" must start with https:// or http://'],
		['https://exa mple', 'The Custom Host "https://exa mple" is not a URL'],
	])('refuses the custom host %j', (customHost, message) => {
		expect(koreBaseUrl({ host: 'custom', customHost })).toEqual({ problem: expect.stringContaining(message) });
	});
});

describe('credential Test button', () => {
	const { test } = new KoreAiSmartAssistApi();

	it('asks the default bot for a recording at the configured host', async () => {
		const credentials = { host: 'smartassist.kore.ai', customHost: '', botId: ' st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2 ' };

		expect(await testButtonUrl(credentials)).toBe(
			'https://smartassist.kore.ai/api/public/bot/st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2/v2/recordings',
		);
		expect(test.request.qs).toEqual({ sessionId: 'n8n-credential-test' });
	});

	it('cannot be steered to another path by the bot id', () => {
		const url = evaluate(test.request.url as string, { host: 'platform.kore.ai', customHost: '', botId: '../../admin' });

		expect(url).toBe('/api/public/bot/..%2F..%2Fadmin/v2/recordings');
	});

	it('explains a 401 and a 403 in terms of the API scope and publishing', () => {
		const messages = Object.fromEntries(
			(test.rules ?? []).map((rule) => [rule.properties.value, String(rule.properties.message)]),
		);

		expect(messages[401]).toContain('Check the Client ID, Client Secret and host');
		expect(messages[401]).toContain('"SmartAssist Recordings" scope');
		expect(messages[401]).toContain('then publish the bot');
		expect(messages[403]).toContain('then publish the bot');
		expect(messages[404]).toContain('Default Bot / Stream ID');
	});
});
