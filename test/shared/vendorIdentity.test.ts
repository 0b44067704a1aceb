/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a spec, never shipped: it reads the repository's own files */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { AmeyoApi } from '../../credentials/AmeyoApi.credentials';
import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { Ameyo } from '../../nodes/Ameyo/Ameyo.node';
import { AMEYO } from '../../nodes/Ameyo/vendor';
import { GenesysContextServices } from '../../nodes/GenesysContextServices/GenesysContextServices.node';
import { GENESYS } from '../../nodes/GenesysContextServices/vendor';
import { KoreAiSmartAssist } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssist.node';
import { KoreAiSmartAssistTrigger } from '../../nodes/KoreAiSmartAssist/KoreAiSmartAssistTrigger.node';
import { KORE } from '../../nodes/KoreAiSmartAssist/vendor';
import { VonageContactCenter } from '../../nodes/VonageContactCenter/VonageContactCenter.node';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { VONAGE } from '../../nodes/VonageContactCenter/vendor';

const REPO = join(__dirname, '..', '..');

interface Manifest {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/**
 * Each vendor is declared once, in nodes/<Vendor>/vendor.ts. The places n8n's linter needs a
 * literal (a credential's `name`, a node's credential reference) repeat it, and are held to it here;
 * the package manifest and the README section are found from it.
 */
describe.each([
	{ vendor: VONAGE, credential: new VonageContactCenterApi() as ICredentialType, nodes: [new VonageContactCenter(), new VonageContactCenterTrigger()] as INodeType[] },
	{ vendor: AMEYO, credential: new AmeyoApi(), nodes: [new Ameyo()] },
	{ vendor: KORE, credential: new KoreAiSmartAssistApi(), nodes: [new KoreAiSmartAssist(), new KoreAiSmartAssistTrigger()] },
	{ vendor: GENESYS, credential: new GenesysContextServicesApi(), nodes: [new GenesysContextServices()] },
])('$vendor.displayName is one identity', ({ vendor, credential, nodes }) => {
	const manifest = JSON.parse(readFileSync(join(REPO, 'packages', vendor.packageName, 'package.json'), 'utf8')) as Manifest;

	it('names its credential type as the credential class does', () => {
		expect(credential.name).toBe(vendor.credential);
	});

	it('is the credential every one of its nodes asks for', () => {
		for (const node of nodes) expect(node.description.credentials?.map((c) => c.name)).toEqual([vendor.credential]);
	});

	it('ships in the package it names, with its nodes and its credential', () => {
		expect(manifest.name).toBe(vendor.packageName);
		expect(manifest.n8n.credentials).toEqual([`dist/credentials/${credential.constructor.name}.credentials.js`]);
		expect(manifest.n8n.nodes).toHaveLength(nodes.length);
	});

	it('has the README section its package README is cut from', () => {
		const headings = readFileSync(join(REPO, 'README.md'), 'utf8').match(/^## .+$/gm) ?? [];
		expect(headings).toContain(`## ${vendor.readmeSection}`);
	});
});
