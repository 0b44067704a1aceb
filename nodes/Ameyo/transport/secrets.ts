import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { scrubText, secretValues as credentialSecrets } from '../../shared/http/secretScrubbing';

/**
 * Ameyo session ids look like "d741-6904fad1-ses-<user>-<random>-96338". Servers echo them in
 * error text now and then; they must not reach a message, an output item or a log.
 */
const SESSION_ID_PATTERN = /\b[0-9a-f]{4}-[0-9a-f]{8}-ses-[^\s"'<>,;&]+/gi;

/** The credential's masked fields, whose values never reach a message (a spec holds them to the credential). */
export const AMEYO_SECRET_FIELDS = ['token', 'pastedSessionToken', 'sessionToken'];

/** The credential values that must never be shown (the shared rule: its masked fields). */
export function secretValues(credentials: ICredentialDataDecryptedObject): string[] {
	return credentialSecrets(credentials, AMEYO_SECRET_FIELDS);
}

export function scrubSecrets(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
	return scrubText(clean.replace(SESSION_ID_PATTERN, '[session id]'), []);
}
