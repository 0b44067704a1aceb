import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { RequestPacer } from './requestPacer';
import type { RetryPolicy } from './retryPolicy';
import type { FailureContext } from './vendorErrors';

/**
 * What a vendor's transport tells the shared request layer (request.ts), and what a call
 * carries: types only, so the helpers around the send loop (redirects, links, the idle guard)
 * can name them without importing the loop.
 */

export type RequestFunctions =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IPollFunctions;

/** The contexts that can store a file in n8n's binary store: an operation's run and a poll. */
export type FileFunctions = IExecuteFunctions | IPollFunctions;

export interface VendorApi {
	/** Shown in every message, e.g. "Vonage Contact Center". */
	vendor: string;
	/**
	 * The n8n credential that signs each request. Leave it out for URLs that must be fetched
	 * with no credential at all (pre-signed media URLs on another host).
	 */
	credentialType?: string;
	/**
	 * The credential can sign in again (a preAuthentication credential with `session`). Only
	 * then is a 401 (or a signed-out answer) worth one more try.
	 */
	renewsOn401: boolean;
	/**
	 * For token / login-session credentials: where the credential keeps what it signed in with.
	 * A 401, or a signed-out answer (a login page or an error envelope sent with 200 or 403,
	 * see checkAnswer), renews it through that hidden expirable property; see SessionRenewal.
	 */
	session?: SessionRenewal;
	/**
	 * Optional last word on every answer before its status is judged. Return 'signedOut' when
	 * it means the session is gone; throw (a NodeApiError) to fail an answer that the status
	 * calls a success but is not (an empty or HTML body where audio was asked for). It gets the
	 * response itself: error bodies already read as text, a streamed success body still open
	 * (read the start if needed, then put it back with `unshift`); it may correct headers it
	 * has verified (e.g. the Content-Type of sniffed audio). A network error thrown while it
	 * reads counts as a dropped connection.
	 */
	checkAnswer?: (answer: HttpResult<unknown>) => Promise<AnswerVerdict>;
	/**
	 * The credential's masked fields (a constant of the transport, held to the credential's passwordFields by a spec): their values are
	 * scrubbed from every error this layer throws, whatever a server echoed back.
	 */
	secretFields?: string[];
}

export type AnswerVerdict = 'accept' | 'signedOut';

/**
 * Renewing a login session without a 401. n8n runs a credential's preAuthentication when its
 * hidden expirable property is empty (first use) or after a 401. To renew on any other sign,
 * the request is signed with a copy of the credential whose property is emptied: n8n then runs
 * preAuthentication exactly as on first use, stores the new session for every later request
 * and run, and signs this request with it. Nothing is faked, and a real n8n server does the
 * same (CredentialsHelper.preAuthentication checks the same property).
 */
export interface SessionRenewal {
	/** The credential's hidden, expirable property that holds the session. */
	property: string;
	/**
	 * A stored session the credential must not use as it stands (e.g. one issued by another
	 * server before the URL was edited): renewed before the request instead of being sent.
	 */
	isStale?: (credentials: ICredentialDataDecryptedObject) => boolean;
	/** Added to the error when the session is refused and renewing is off or did not help. */
	refusedNote?: string;
}

export interface CallOptions extends FailureContext {
	policy?: RetryPolicy;
	pacer?: RequestPacer;
	/**
	 * Follow redirects by hand, each one checked. Credentialed calls default to
	 * sameOriginRedirects; a call without a credential and without a policy lets n8n follow them.
	 */
	redirects?: RedirectPolicy;
	/**
	 * The tries this request has used so far, shared by every loop that sends it again (the
	 * request loop here, a download restarted after a drop mid-body), so that all of them
	 * together send it at most Max Tries times.
	 */
	tries?: TryCounter;
	/**
	 * For a URL taken from a vendor's answer: checks it, and every hop it redirects to, before
	 * anything is sent there (see vendorLinks); throws to refuse it.
	 */
	linkCheck?: (url: string, redirected: boolean) => Promise<void>;
}

export interface TryCounter {
	used: number;
}

/**
 * Redirects followed by hand rather than by n8n, which would carry some credentials (a custom
 * header, say) to any host a redirect names: each Location is resolved against the URL that
 * answered, passed to `check`, and requested under the same policy, so the credential reaches
 * only URLs `check` lets through.
 */
export interface RedirectPolicy {
	/** Redirects followed before giving up. */
	max: number;
	/** Gets where a redirect leads (absolute); returns the URL to request, or throws to refuse it. */
	check: (url: string, status: number) => string;
}

/** A streamed body: iterable chunks we can also abandon. Structural, so no 'stream' import. */
export interface BodyStream extends AsyncIterable<Buffer | string> {
	destroy(error?: Error): void;
}

export interface HttpResult<T> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}
