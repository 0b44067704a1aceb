import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { redactSecrets } from '../../shared/vendorError';

/**
 * Ameyo session ids look like "d741-6904fad1-ses-<user>-<random>-96338". Servers echo them in
 * error text now and then; they must not reach a message, an output item or a log.
 */
const SESSION_ID_PATTERN = /\b[0-9a-f]{4}-[0-9a-f]{8}-ses-[^\s"'<>,;&]+/gi;

/** The credential values that must never be shown, longest first so overlaps go whole. */
export function secretValues(credentials: ICredentialDataDecryptedObject): string[] {
	return ['token', 'pastedSessionToken', 'sessionToken']
		.map((key) => credentials[key])
		.filter((value): value is string => typeof value === 'string' && value.trim().length >= 4)
		.map((value) => value.trim())
		.sort((a, b) => b.length - a.length);
}

export function scrubSecrets(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
	return redactSecrets(clean.replace(SESSION_ID_PATTERN, '[session id]'));
}
