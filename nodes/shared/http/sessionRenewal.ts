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
 * try that owes it signs with the session emptied, so n8n signs in before sending. A renewal is
 * never tried twice for one request: a refusal right after a sign-in is final.
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
		if (stale && stale(await fx.getCredentials(api.credentialType as string))) {
			// Sign in before the first send.
			renewer.owed = true;
			renewer.renewed = true;
		}
		return renewer;
	}

	/** Whether the next try signs in again; asking clears it (see stillOwed). */
	takeOwed(): boolean {
		const owed = this.owed;
		this.owed = false;
		return owed;
	}

	/** A sign-in turned away for now: the next try renews if this one was to. */
	stillOwed(owed: boolean): void {
		this.owed = owed;
	}

	/** What the try is signed with: the credential with its session emptied when it owes a renewal. */
	async credentialOptions(owed: boolean): Promise<IAdditionalCredentialOptions | undefined> {
		if (!owed || !this.session) return undefined;
		return withEmptiedSession(this.fx, this.api, this.session, await this.fx.getCredentials(this.api.credentialType as string));
	}

	/** The vendor says the session is not (or no longer) valid. */
	signedOut(statusCode: number, verdict: AnswerVerdict): boolean {
		return this.session !== undefined && (statusCode === 401 || verdict === 'signedOut');
	}

	/** Owes a renewal when the vendor allows one and none was tried yet; true when the request should go again. */
	renewOnce(): boolean {
		if (!this.api.renewsOn401 || this.renewed) return false;
		this.renewed = true;
		this.owed = true;
		return true;
	}

	/** The description of a refusal no renewal fixes. */
	refusedNote(): string | undefined {
		return [this.renewed ? 'Signing in again did not help.' : undefined, this.session?.refusedNote].filter(Boolean).join(' ') || undefined;
	}
}
