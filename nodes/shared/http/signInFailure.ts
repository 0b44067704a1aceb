/**
 * A sign-in (token request, login) that the vendor turned away for now: 429 or a server error.
 * n8n wraps whatever a credential's preAuthentication throws in a NodeApiError and keeps the
 * original as its `cause`, so the status travels on this error to the request that needed the
 * sign-in, which tries again under the same Max Tries as any other request. Any other failed
 * sign-in (wrong secret, redirect, no token) stays a plain error: trying again cannot help.
 */

/**
 * A sign-in runs in the credential, where the node's Timeout option cannot reach: it gets this
 * fixed wait instead. A token or login answer is small; one that takes longer is not coming.
 */
export const SIGN_IN_TIMEOUT_MS = 30_000;

/** A sign-in request that got no answer within SIGN_IN_TIMEOUT_MS (the HTTP client's timeout codes). */
export function isSignInTimeout(error: unknown): boolean {
	const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
	const code = e?.code ?? e?.cause?.code;
	return code === 'ETIMEDOUT' || code === 'ECONNABORTED' || code === 'ESOCKETTIMEDOUT';
}

interface SignInRefusal {
	signInStatus: number;
	retryAfter?: unknown;
}

function isTemporary(status: number): boolean {
	return status === 429 || (status >= 500 && status !== 501);
}

/** Marks the error of a failed sign-in answered with `status` as temporary when it is. */
export function asSignInFailure<E extends Error>(error: E, status: number, retryAfter?: unknown): E {
	if (isTemporary(status)) Object.assign(error, { signInStatus: status, retryAfter } satisfies SignInRefusal);
	return error;
}

/** The error a credential throws for a failed sign-in answered with `status`. */
export function signInError(message: string, status: number, retryAfter?: unknown): Error {
	return asSignInFailure(new Error(message), status, retryAfter);
}

function refusalOf(value: unknown): SignInRefusal | undefined {
	const status = (value as Partial<SignInRefusal> | undefined)?.signInStatus;
	return typeof status === 'number' ? (value as SignInRefusal) : undefined;
}

/** The temporary refusal behind an error, whether n8n wrapped it or not. */
export function temporarySignInRefusal(error: unknown): SignInRefusal | undefined {
	return refusalOf(error) ?? refusalOf((error as { cause?: unknown } | undefined)?.cause);
}
