import type { VendorIdentity } from '../shared/node/vendorIdentity';

export const KORE = {
	id: 'koreAiSmartAssist',
	displayName: 'Kore.ai SmartAssist',
	credential: 'koreAiSmartAssistApi',
	packageName: 'n8n-nodes-kore-ai-smartassist',
	readmeSection: 'Kore.ai SmartAssist',
} as const satisfies VendorIdentity;
