import { describe, expect, it } from 'vitest';

import { AmeyoApi } from '../../credentials/AmeyoApi.credentials';
import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { KoreAiSmartAssistApi } from '../../credentials/KoreAiSmartAssistApi.credentials';
import { VonageContactCenterApi } from '../../credentials/VonageContactCenterApi.credentials';
import { AMEYO_SECRET_FIELDS } from '../../nodes/Ameyo/transport/secrets';
import { GENESYS_SECRET_FIELDS } from '../../nodes/GenesysContextServices/transport/genesysApi';
import { KORE_SECRET_FIELDS } from '../../nodes/KoreAiSmartAssist/transport/koreApi';
import { passwordFields } from '../../nodes/shared/http/secretScrubbing';
import { VONAGE_SECRET_FIELDS } from '../../nodes/VonageContactCenter/transport/vonageApi';

/**
 * Each transport names its credential's secret fields itself (importing the credential class
 * would tie the transport to it, and the Ameyo credential to its own network code in a cycle).
 * What the transport names must be exactly what the credential dialog masks.
 */
describe("every transport's secret fields are its credential's masked fields", () => {
	it.each([
		['Vonage Contact Center', VONAGE_SECRET_FIELDS, new VonageContactCenterApi()],
		['Ameyo', AMEYO_SECRET_FIELDS, new AmeyoApi()],
		['Kore.ai SmartAssist', KORE_SECRET_FIELDS, new KoreAiSmartAssistApi()],
		['Genesys Context Services', GENESYS_SECRET_FIELDS, new GenesysContextServicesApi()],
	] as const)('%s', (_, fields, credential) => {
		expect([...fields].sort()).toEqual(passwordFields(credential).sort());
	});
});
