import { describe, expect, it } from 'vitest';

import { runAsAgentTool } from '../harness/run-as-tool';
import { useNockOnly } from '../support/nockChecks';
import { FAST } from '../support/vendorRun';
import { VonageContactCenter } from '../../nodes/VonageContactCenter/VonageContactCenter.node';
import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { api, GUID, mockToken, vonageCredentials } from '../vonage/fixtures';

useNockOnly();

const payment = {
	transcript: [
		{ speaker: 'Agent', start: 0, end: 2, text: 'The long number, please?' },
		{ speaker: 'Customer', start: 2.5, end: 6, text: '4111 1111 1111 1111 & thanks' },
	],
};

describe('Transcript operations run as an AI Agent tool', () => {
	it('give the agent the formatted, redacted text with the metrics, without segments', async () => {
		mockToken();
		api().get(`/interaction-content/interactions/${GUID}/content/transcript`).reply(200, payment);

		const { observation, items } = await runAsAgentTool({
			nodeType: new VonageContactCenter(),
			credentialTypes: [new VonageContactCenterApi()],
			credentials: vonageCredentials(),
			parameters: { resource: 'content', operation: 'getTranscript', guid: GUID, transcriptKey: 'transcript', options: { ...FAST, redact: true, textFormat: 'slack' } },
		});

		expect(items).toHaveLength(1);
		expect(items[0].json).not.toHaveProperty('segments');
		expect(items[0].json.text).toBe('*Agent:* The long number, please?\n*Customer:* [CARD] &amp; thanks');
		expect(JSON.parse(observation)).toEqual([items[0].json]);
		expect(observation).not.toMatch(/4111/);
	});
});
