import { Workflow, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { VonageContactCenter } from '../../nodes/VonageContactCenter/VonageContactCenter.node';
import { API_BASE_URL_EXPRESSION, apiBaseUrl, tokenUrl } from '../../nodes/VonageContactCenter/transport/endpoints';

/** The expression used by routing and the credential test must agree with the TS rule. */
function evaluate(credentials: Record<string, string>): string {
	const nodeType = new VonageContactCenter();
	const node: INode = { id: '1', name: 'V', type: 'v', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, API_BASE_URL_EXPRESSION, 'internal', {
		$credentials: credentials,
	}) as string;
}

describe('Vonage endpoints', () => {
	it.each([
		[{ region: 'emea', apiBaseUrl: '' }, 'https://emea.api.newvoicemedia.com'],
		[{ region: 'nam', apiBaseUrl: '' }, 'https://nam.api.newvoicemedia.com'],
		[{ region: 'apac', apiBaseUrl: '' }, 'https://apac.api.newvoicemedia.com'],
		[{ region: 'emea', apiBaseUrl: 'https://emea.api.cc.vonage.com/' }, 'https://emea.api.cc.vonage.com'],
	])('API base for %o is %s in code and in the expression', (credentials, expected) => {
		expect(apiBaseUrl(credentials)).toBe(expected);
		expect(evaluate(credentials)).toBe(expected);
	});

	it('derives the token URL from the region unless overridden', () => {
		expect(tokenUrl({ region: 'nam' })).toBe('https://nam.cc.vonage.com/Auth/connect/token');
		expect(tokenUrl({ region: 'nam', tokenUrl: 'http://127.0.0.1:9/t' })).toBe('http://127.0.0.1:9/t');
	});
});
