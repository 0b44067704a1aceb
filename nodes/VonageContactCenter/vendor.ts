/**
 * Who this vendor is, written once:
 * - `id`: the machine name items carry as `source` (and transcripts as `vendor`);
 * - `displayName`: the name every message starts with;
 * - `credential`: the name of its n8n credential type;
 * - `packageName`: the package it ships in (its manifest is packages/<packageName>/package.json);
 * - `readmeSection`: the README.md heading the package README is cut from (gulpfile.js).
 */
export const VONAGE = {
	id: 'vonageContactCenter',
	displayName: 'Vonage Contact Center',
	credential: 'vonageContactCenterApi',
	packageName: 'n8n-nodes-vonage-contact-center',
	readmeSection: 'Vonage Contact Center',
} as const;
