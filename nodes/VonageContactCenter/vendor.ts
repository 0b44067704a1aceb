import type { VendorIdentity } from '../shared/node/vendorIdentity';

export const VONAGE = {
	id: 'vonageContactCenter',
	displayName: 'Vonage Contact Center',
	credential: 'vonageContactCenterApi',
	packageName: 'n8n-nodes-vonage-contact-center',
	readmeSection: 'Vonage Contact Center',
} as const satisfies VendorIdentity;
