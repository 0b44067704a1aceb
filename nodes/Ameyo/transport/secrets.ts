import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { AmeyoApi } from '../../../credentials/AmeyoApi.credentials';
import { passwordFields, scrubText, secretValues as credentialSecrets } from '../../shared/secrets';

/**
 * Ameyo session ids look like "d741-6904fad1-ses-<user>-<random>-96338". Servers echo them in
 * error text now and then; they must not reach a message, an output item or a log.
 */
const SESSION_ID_PATTERN = /\b[0-9a-f]{4}-[0-9a-f]{8}-ses-[^\s"'<>,;&]+/gi;

let fields: string[] | undefined;

/** The Ameyo credential's masked fields; read on first use (the credential imports this module). */
export function ameyoSecretFields(): string[] {
	fields ??= passwordFields(new AmeyoApi());
	return fields;
}

/** The credential values that must never be shown (the shared rule: its masked fields). */
export function secretValues(credentials: ICredentialDataDecryptedObject): string[] {
	return credentialSecrets(credentials, ameyoSecretFields());
}

export function scrubSecrets(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
	return scrubText(clean.replace(SESSION_ID_PATTERN, '[session id]'), []);
}
