import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { searchCampaigns } from './editorHelpers';
import { api, CAMPAIGNS_PATH, loggedInCredentials, session } from './fixtures';

useNockOnly();

describe('Campaign picker: a 200 that is not a list of campaigns', () => {
	it.each([
		['null', 'null', { 'Content-Type': 'application/json' }, 'got null'],
		['an object where the list is documented', { campaignId: 7, campaignName: 'Collections' }, {}, 'got an object with the fields campaignId, campaignName'],
		['plain text', 'maintenance window', { 'Content-Type': 'text/plain' }, 'got the text "maintenance window"'],
	])('is an error naming what arrived for %s, not an empty picker', async (_name, body, headers, arrival) => {
		api(session(1)).get(CAMPAIGNS_PATH).reply(200, body as string, headers);

		const { result, error } = await searchCampaigns(loggedInCredentials(session(1)));

		expect(result).toBeUndefined();
		expect(error?.message).toBe(`Ameyo: expected a list of campaigns, ${arrival} (HTTP 200, assigned campaigns)`);
	});
});
