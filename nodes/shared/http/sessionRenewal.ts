import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AnswerVerdict, RequestFunctions, SessionRenewal, VendorApi } from './types';

/** The credential as n8n would sign with it, but with the session emptied: see SessionRenewal. */
function withEmptiedSession(
	fx: RequestFunctions,
	api: VendorApi,
	session: SessionRenewal,
	credentials: ICredentialDataDecryptedObject,
): IAdditionalCredentialOptions {
	const type = api.credentialType as string;
	const details = fx.getNode().credentials?.[type];
	return {
		credentialsDecrypted: {
			id: details?.id ?? '',
			name: details?.name ?? type,
			type,
			data: { ...credentials, [session.property]: '' },
		},
	};
}

/**
 * One request's session bookkeeping (see SessionRenewal). A renewal is owed when the stored
 * session is stale before the first send, or once after the vendor says it signed us out; the
 * try that owes it signs with the session emptied, so n8n signs in before sending. A refusal
 * right after a sign-in is final.
 */
export class SessionRenewer {
	private renewed = false;
	private owed = false;

	private constructor(
		private readonly fx: RequestFunctions,
		private readonly api: VendorApi,
		private readonly session: SessionRenewal | undefined,
	) {}

	static async start(fx: RequestFunctions, api: VendorApi): Promise<SessionRenewer> {
		const renewer = new SessionRenewer(fx, api, api.credentialType === undefined ? undefined : api.session);
		const stale = renewer.session?.isStale;
		renewer.owed = renewer.renewed = !!stale && stale(await fx.getCredentials(api.credentialType as string));
		return renewer;
	}

	/** Whether this try signs in again; a try turned away for now hands it back (stillOwed). */
	takeOwed(): boolean {
		const owed = this.owed;
		this.owed = false;
		return owed;
	}

	stillOwed(owed: boolean): void {
		this.owed = owed;
	}

	async credentialOptions(owed: boolean): Promise<IAdditionalCredentialOptions | undefined> {
		if (!owed || !this.session) return undefined;
		return withEmptiedSession(this.fx, this.api, this.session, await this.fx.getCredentials(this.api.credentialType as string));
	}

	signedOut(statusCode: number, verdict: AnswerVerdict): boolean {
		return this.session !== undefined && (statusCode === 401 || verdict === 'signedOut');
	}

	/** True when the request should go again, signed in anew: once, and only where the vendor allows it. */
	renewOnce(): boolean {
		if (!this.api.renewsOn401 || this.renewed) return false;
		this.renewed = this.owed = true;
		return true;
	}

	refusedNote(): string | undefined {
		return [this.renewed ? 'Signing in again did not help.' : undefined, this.session?.refusedNote].filter(Boolean).join(' ') || undefined;
	}
}
