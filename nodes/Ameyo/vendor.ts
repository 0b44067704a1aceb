import type { VendorIdentity } from '../shared/node/vendorIdentity';

export const AMEYO = {
	id: 'ameyo',
	displayName: 'Ameyo',
	credential: 'ameyoApi',
	packageName: 'n8n-nodes-ameyo',
	readmeSection: 'Ameyo (Exotel)',
} as const satisfies VendorIdentity;
