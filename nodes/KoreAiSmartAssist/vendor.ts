/**
 * Who this vendor is, written once:
 * - `id`: the machine name items carry as `source` (and transcripts as `vendor`);
 * - `displayName`: the name every message starts with;
 * - `credential`: the name of its n8n credential type;
 * - `packageName`: the package it ships in (its manifest is packages/<packageName>/package.json);
 * - `readmeSection`: the README.md heading the package README is cut from (gulpfile.js).
 */
export const KORE = {
	id: 'koreAiSmartAssist',
	displayName: 'Kore.ai SmartAssist',
	credential: 'koreAiSmartAssistApi',
	packageName: 'n8n-nodes-kore-ai-smartassist',
	readmeSection: 'Kore.ai SmartAssist',
} as const;
