import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import example from './example-workflow.json';
import { CHAT_XML, CUSTOMER_ID, interactionResource, IXN_ID, runGenesys, UCS } from './fixtures';

/** The README's example workflow: its Genesys nodes run as written, one after the other. */

useNockOnly();

const genesysNode = (name: string) => {
	const node = example.nodes.find((n) => n.name === name);
	if (!node || node.type !== 'n8n-nodes-genesys-context-services.genesysContextServices') throw new Error(`no Genesys node ${name}`);
	return node.parameters as INodeParameters;
};

describe('the README example workflow', () => {
	it('lists the customer\'s interactions, then reads the chat transcript of each chat', async () => {
		nock(UCS).get(`/customers/${CUSTOMER_ID}/interactions`).reply(200, [interactionResource()]);
		nock(UCS).get(`/interactions/${IXN_ID}/structured_text`).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });

		const listed = await runGenesys(genesysNode('Interactions of the customer'));
		const chats = listed.items.filter((item) => item.json.entity_type_name === 'chat');
		const transcripts = await runGenesys(genesysNode('Chat transcript'), { inputItems: chats.map(({ json }) => ({ json })) });

		expect(listed.error).toBeUndefined();
		expect(transcripts.error).toBeUndefined();
		expect(transcripts.items[0].json).toMatchObject({ interactionId: IXN_ID, channel: 'chat', language: 'en-GB' });
	});
});
