import type { VendorIdentity } from '../shared/node/vendorIdentity';

export const GENESYS = {
	id: 'genesysContextServices',
	displayName: 'Genesys Context Services',
	credential: 'genesysContextServicesApi',
	packageName: 'n8n-nodes-genesys-context-services',
	readmeSection: 'Genesys Context Services',
} as const satisfies VendorIdentity;
