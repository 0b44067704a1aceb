import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { checkHostField } from '../../shared/http/urlRules';

/**
 * Where the Kore.ai APIs live. One rule, used by the credential (Test button) and every request
 * the nodes build: a named cloud host, or a custom base URL
 * for regional, UAT and on-prem installations.
 */

export const KORE_HOSTS = [
	{ name: 'platform.kore.ai (XO Platform)', value: 'platform.kore.ai' },
	{ name: 'smartassist.kore.ai (SmartAssist)', value: 'smartassist.kore.ai' },
	{ name: 'bots.kore.ai', value: 'bots.kore.ai' },
	{ name: 'Custom (Regional, UAT or On-Prem)', value: 'custom' },
];

export type KoreBaseUrl = { baseUrl: string } | { problem: string };

/**
 * The base URL requests go to, or what is wrong with the configured host. A custom host may
 * carry a scheme, a port and a path prefix (on-prem behind a proxy) but nothing that could
 * smuggle credentials or a second host in.
 */
export function koreBaseUrl(credentials: ICredentialDataDecryptedObject): KoreBaseUrl {
	const custom = credentials.host === 'custom';
	const chosen = custom ? credentials.customHost : credentials.host;
	const checked = checkHostField(chosen, {
		field: custom ? 'Custom Host' : 'Host',
		example: 'https://kore.example.com',
		assumeHttps: true,
	});
	if (!checked.ok) return { problem: `Kore.ai SmartAssist credential: ${checked.problem}` };
	const text = String(chosen).trim().replace(/\/+$/, '');
	return { baseUrl: /^https?:\/\//i.test(text) ? text : `https://${text}` };
}
