import {
	NodeOperationError,
	sleep,
	type NodeApiError,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import type { BodyStream, CallOptions, HttpResult, RequestFunctions, SessionRenewal, VendorApi } from './requestTypes';
import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	isTimeout,
	isTransientNetworkError,
	parseRetryAfter,
	type RetryDecision,
	type RetryPolicy,
} from './retryPolicy';
import { guardIdle, seconds } from './idleGuard';
import { sameOriginRedirects } from './sameOriginRedirects';
import { scrubError, secretValues } from './secrets';
import { temporarySignInRefusal } from './signInFailure';
import { describeUrl, effectiveUrl } from './urlRules';
import {
	ERROR_BODY_PREFIX,
	vendorApiError,
	vendorHttpError,
	vendorNetworkError,
	type FailureContext,
} from './vendorError';

/**
 * Every request of every vendor goes through here: credentials from the n8n credential (never
 * built by hand), the shared retry policy, optional pacing, and one readable error per failure.
 */

export type {
	AnswerVerdict,
	BodyStream,
	CallOptions,
	FileFunctions,
	HttpResult,
	RedirectPolicy,
	RequestFunctions,
	SessionRenewal,
	TryCounter,
	VendorApi,
} from './requestTypes';

interface RawResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

/** Error bodies are read for their message only; anything beyond ERROR_BODY_PREFIX is not a message. */
export async function readSmallBody(stream: BodyStream, limit = ERROR_BODY_PREFIX): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// The connection died while we read an error body: the status code is still the news.
		return Buffer.concat(chunks).toString('utf8');
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream)[Symbol.asyncIterator] === 'function' &&
		typeof (body as BodyStream).destroy === 'function'
	);
}

async function bodyForMessage(body: unknown): Promise<unknown> {
	return isBodyStream(body) ? await readSmallBody(body) : body;
}

interface ThrownHttpError {
	httpCode?: string | null;
	code?: string;
	message?: string;
	cause?: { code?: string; message?: string; response?: { status?: number } };
	errorResponse?: { code?: string; message?: string };
}

function networkCodeOf(error: ThrownHttpError): string | undefined {
	return error.cause?.code ?? error.code ?? error.errorResponse?.code;
}

/**
 * What n8n's client makes of a body it reads whole: JSON when it parses, the text otherwise.
 * Bodies are read here instead, so that every one is timed by the idle guard and an error body
 * is read only as far as a message needs (readSmallBody).
 */
function parsedBody(text: string): unknown {
	if (text.trim() === '') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

async function readWhole(body: BodyStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * The context a credentialed request is sent from, its execution's cancel signal joined with
 * `abort`: n8n replaces a signed request's own abortSignal with the execution's cancel signal,
 * so this is the one way a request given up here (see guardIdle) also has its socket closed.
 */
function withAbort(fx: RequestFunctions, abort: AbortController): RequestFunctions {
	const cancel = 'getExecutionCancelSignal' in fx ? fx.getExecutionCancelSignal() : undefined;
	// AbortSignal.any came with Node 20.3; without it the execution's signal stays as n8n sets it.
	const signal = cancel ? (typeof AbortSignal.any === 'function' ? AbortSignal.any([cancel, abort.signal]) : cancel) : abort.signal;
	const context: RequestFunctions = Object.create(fx, { getExecutionCancelSignal: { value: () => signal } });
	return context;
}

async function send(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	stream: boolean,
	timeoutMs: number,
	credentialOptions?: IAdditionalCredentialOptions,
	finishBy?: number,
): Promise<RawResponse> {
	// Frees the socket of a body that stalls after n8n handed it over (see guardIdle).
	const abort = new AbortController();
	// A poll's answer is not read past the poll's own time, however steadily it trickles in.
	if (finishBy !== undefined) AbortSignal.timeout(Math.max(1, finishBy - Date.now())).addEventListener('abort', () => abort.abort(), { once: true });
	const request: IHttpRequestOptions = {
		// A redirect to another host must not carry our credentials along.
		sendCredentialsOnCrossOriginRedirect: false,
		...options,
		// n8n's client times the connect and the wait for the headers; the body is timed below.
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'stream',
		abortSignal: abort.signal,
		json: stream ? false : (options.json ?? true),
	};
	const response =
		api.credentialType === undefined
			? ((await fx.helpers.httpRequest(request)) as RawResponse)
			: ((await fx.helpers.httpRequestWithAuthentication.call(
					withAbort(fx, abort),
					api.credentialType,
					request,
					credentialOptions,
				)) as RawResponse);
	if (isBodyStream(response.body)) {
		const body = guardIdle(response.body, timeoutMs, () => abort.abort());
		if (stream) response.body = body;
		else response.body = parsedBody(response.statusCode >= 400 ? await readSmallBody(body) : await readWhole(body));
	} else if (!stream && Buffer.isBuffer(response.body)) {
		// n8n 1.x may hand back a Buffer for an empty body.
		response.body = parsedBody(response.body.toString('utf8'));
	}
	return response;
}

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

/** The error itself when this package (or n8n) already wrote it for people: it is passed on as it is. */
export function ownError(error: unknown): Error | undefined {
	const name = (error as { name?: unknown } | undefined)?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError' ? (error as Error) : undefined;
}

async function sendWithPolicy(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
	stream: boolean,
	continuesTry = false,
): Promise<RawResponse> {
	const node: INode = fx.getNode();
	const policy = call.policy ?? DEFAULT_RETRY_POLICY;
	const method = options.method ?? 'GET';
	const context: FailureContext = { vendor: api.vendor, subject: call.subject, itemIndex: call.itemIndex };
	const session = api.credentialType === undefined ? undefined : api.session;
	let renewed = false;
	// The next send signs with the session emptied (see SessionRenewal), so n8n signs in again.
	let emptySession = false;
	// A renewal is not a try of its own: a 401 says nothing about the vendor's health; nor is
	// the next hop of a redirect.
	let freeSend = continuesTry;
	const tries = call.tries ?? { used: 0 };

	if (session?.isStale && session.isStale(await fx.getCredentials(api.credentialType as string))) {
		// Sign in before the first send; a refusal right after that sign-in is final.
		emptySession = true;
		renewed = true;
	}

	/** A dropped connection or a sign-in turned away for now: waits when worth another try, else throws. */
	const retryAfterNetworkFailure = async (error: unknown): Promise<void> => {
		const thrown = error as ThrownHttpError;
		const signIn = temporarySignInRefusal(error);
		const code = signIn ? undefined : networkCodeOf(thrown);
		const detail = thrown.message ?? String(error);
		if (!signIn && !isTransientNetworkError(code, detail)) {
			// Not the network: e.g. the credential's sign-in failed. Its message is already
			// written for people (and free of secrets); add the vendor and the subject.
			throw vendorNetworkError(node, code, detail, context);
		}
		const decision = decideRetry(
			signIn
				? { attempt: tries.used, method, status: signIn.signInStatus, retryAfter: signIn.retryAfter }
				: { attempt: tries.used, method, networkErrorCode: code, networkErrorMessage: thrown.message ?? '' },
			policy,
		);
		if (decision.retry && decision.delayMs >= timeLeft(policy)) throw outOfTimeError(node, options, context);
		if (decision.retry) return await sleep(decision.delayMs);
		const note = decision.reason === 'triesExhausted' ? gaveUpNote(decision, tries.used) : undefined;
		// n8n words a timeout as an abort; its cause keeps the client's own words.
		if (!signIn && (isTimeout(code, detail) || isTimeout(code, thrown.cause?.message))) {
			throw timeoutError(node, options, policy.timeoutMs, context, note);
		}
		throw vendorNetworkError(node, code, detail, context, note);
	};

	for (;;) {
		if (timeLeft(policy) <= 0) throw outOfTimeError(node, options, context);
		if (!freeSend) tries.used++;
		freeSend = false;
		await call.pacer?.wait();
		const renewalOwed: boolean = emptySession;
		emptySession = false;
		let response: RawResponse;
		try {
			const credentialOptions =
				renewalOwed && session ? withEmptiedSession(fx, api, session, await fx.getCredentials(api.credentialType as string)) : undefined;
			// Status codes are judged here, not by n8n, so n8n never re-signs on its own; a renewal
			// is the emptied session property above, which makes n8n sign in before sending.
			response = await send(fx, api, options, stream, Math.min(policy.timeoutMs, timeLeft(policy)), credentialOptions, policy.finishBy);
		} catch (error) {
			// A failed sign-in is not a network failure (it throws here); after a retryable one the
			// sign-in has happened, so the next try goes out with the stored, renewed session. A
			// sign-in turned away for now is owed again: the next try renews if this one was to.
			if (temporarySignInRefusal(error)) emptySession = renewalOwed;
			await retryAfterNetworkFailure(error);
			continue;
		}
		response.headers ??= {};

		const { statusCode } = response;
		// Error bodies are read once, here, for the vendor's check and for the message.
		if (statusCode >= 400) response.body = await bodyForMessage(response.body);

		const checked = api.checkAnswer
			? await api.checkAnswer(response as HttpResult<unknown>).then(
					(verdict) => ({ verdict }),
					(failure: unknown) => ({ failure }),
				)
			: { verdict: 'accept' as const };
		if ('failure' in checked) {
			// The vendor's own verdict on the answer is final.
			const own = ownError(checked.failure);
			if (own) throw own;
			// Anything else broke while the answer was being read: the connection.
			if (statusCode < 400) await bodyForMessage(response.body);
			await retryAfterNetworkFailure(checked.failure);
			continue;
		}
		const { verdict } = checked;
		if (session && (statusCode === 401 || verdict === 'signedOut')) {
			if (statusCode < 400) response.body = await bodyForMessage(response.body);
			if (api.renewsOn401 && !renewed) {
				renewed = true;
				emptySession = true;
				freeSend = true;
				continue;
			}
			const error = vendorHttpError(node, statusCode, response.body, context);
			// The status hint would not fit (a 200 login page, a pasted session nobody can renew).
			error.description =
				[renewed ? 'Signing in again did not help.' : undefined, session.refusedNote].filter(Boolean).join(' ') ||
				undefined;
			throw error;
		}

		if (statusCode < 400) return response;
		// The account's budget is shared with whoever else uses it: the pacer learns its share from 429s.
		if (statusCode === 429) call.pacer?.throttled(parseRetryAfter(response.headers['retry-after'], Date.now()));

		const body = response.body;
		const decision = decideRetry(
			{ attempt: tries.used, method, status: statusCode, retryAfter: response.headers?.['retry-after'] },
			policy,
		);
		if (decision.retry) {
			if (decision.delayMs >= timeLeft(policy)) throw outOfTimeError(node, options, context);
			await sleep(decision.delayMs);
			continue;
		}
		throw vendorHttpError(node, statusCode, body, context, gaveUpNote(decision, tries.used));
	}
}

/** The request a message names: method, origin and path, never a query (it may hold a signature). */
export function requestLabel(options: IHttpRequestOptions): string {
	return `${(options.method ?? 'GET').toUpperCase()} ${describeUrl(effectiveUrl(options.url, options.baseURL))}`;
}

/** What is left of the time the policy gives a request in all (see RetryPolicy.finishBy). */
function timeLeft(policy: RetryPolicy): number {
	return policy.finishBy === undefined ? Infinity : policy.finishBy - Date.now();
}

/** A poll's request that would run on past the poll's own time: failed like a timeout, so the poll keeps its place. */
function outOfTimeError(node: INode, options: IHttpRequestOptions, context: FailureContext): NodeApiError {
	return vendorApiError(node, { networkError: 'ETIMEDOUT', message: 'out of time for this poll' }, {
		message: `${context.vendor}: out of time for this poll (${requestLabel(options)}${context.subject ? `, ${context.subject}` : ''})`,
		description: 'The request would have run on past the time n8n gives one poll; the next poll tries again from the same place.',
		itemIndex: context.itemIndex,
	});
}

/** A try that waited out the Timeout option: which request, and how long it waited. */
function timeoutError(
	node: INode,
	options: IHttpRequestOptions,
	timeoutMs: number,
	context: FailureContext,
	note?: string,
): NodeApiError {
	const subject = context.subject ? `, ${context.subject}` : '';
	return vendorApiError(node, { networkError: 'ETIMEDOUT', message: `no answer within ${seconds(timeoutMs)}` }, {
		message: `${context.vendor}: no answer within ${seconds(timeoutMs)} (${requestLabel(options)}${subject})`,
		description: [note, 'The server accepted no connection, or sent nothing, for as long as the Timeout option allows.']
			.filter(Boolean)
			.join(' '),
		itemIndex: context.itemIndex,
	});
}

/** Why a request stopped being retried, for the error's description. */
function gaveUpNote(decision: Exclude<RetryDecision, { retry: true }>, tries: number): string | undefined {
	if (decision.reason === 'triesExhausted') return `Gave up after ${tries} tries.`;
	if (decision.reason === 'retryAfterTooLong') {
		return `The server asked to wait ${Math.ceil((decision.delayMs ?? 0) / 1000)} s, longer than this node waits.`;
	}
	return undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** https to http: whatever the URL carries (a signature, a session) would travel in clear text. */
function isDowngrade(from: string, to: string): boolean {
	return URL.canParse(from) && URL.canParse(to) && new URL(from).protocol === 'https:' && new URL(to).protocol === 'http:';
}

function downgradeError(node: INode, next: string, status: number, call: CallOptions): NodeApiError {
	const subject = call.subject ? `, ${call.subject}` : '';
	return vendorApiError(node, { status, location: describeUrl(next) }, {
		message: `${call.vendor}: a redirect from https to http (${describeUrl(next)}) was refused (HTTP ${status}${subject})`,
		description: 'A redirect may not leave https: the link\'s signature would travel unencrypted. Nothing was requested there.',
		httpCode: String(status),
		itemIndex: call.itemIndex,
	});
}

/**
 * sendWithPolicy, with redirects followed by hand: the call's RedirectPolicy, or for a
 * credentialed call sameOriginRedirects. Each hop continues the same try.
 */
async function sendFollowingRedirects(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
	stream: boolean,
): Promise<RawResponse> {
	const start = effectiveUrl(options.url, options.baseURL);
	await call.linkCheck?.(start, false);
	const redirects =
		call.redirects ?? (api.credentialType === undefined ? undefined : sameOriginRedirects(fx.getNode(), start, call));
	if (!redirects) return await sendWithPolicy(fx, api, options, call, stream);
	const tries = call.tries ?? { used: 0 };
	let hopOptions: IHttpRequestOptions = { ...options, disableFollowRedirect: true };
	let current = start;
	for (let hop = 0; ; hop++) {
		const response = await sendWithPolicy(fx, api, hopOptions, { ...call, tries }, stream, hop > 0);
		const status = response.statusCode;
		if (status < 300 || status >= 400) return response;
		if (isBodyStream(response.body)) response.body.destroy();
		const location = response.headers?.location;
		if (!REDIRECT_STATUSES.has(status) || typeof location !== 'string' || location === '') {
			// Not a success and not somewhere to go: never data.
			throw vendorApiError(fx.getNode(), { status }, {
				message: `${call.vendor}: HTTP ${status} without a Location${call.subject ? ` (${call.subject})` : ''}`,
				httpCode: String(status),
				itemIndex: call.itemIndex,
			});
		}
		if (hop >= redirects.max) {
			throw new NodeOperationError(fx.getNode(), `${call.vendor}: more than ${redirects.max} redirects`, {
				itemIndex: call.itemIndex,
			});
		}
		const next = redirects.check(URL.canParse(location, current) ? new URL(location, current).href : location, status);
		await call.linkCheck?.(next, true);
		if (isDowngrade(current, next)) throw downgradeError(fx.getNode(), next, status, call);
		current = next;
		// The Location is the whole next URL: no base URL or query of the first request is added to it.
		const method = (hopOptions.method ?? 'GET').toUpperCase();
		const becomesGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
		hopOptions = {
			...hopOptions,
			url: current,
			baseURL: undefined,
			qs: undefined,
			...(becomesGet ? { method: 'GET' as const, body: undefined } : {}),
		};
	}
}

/**
 * Runs one request, scrubbing the credential's own secret values (VendorApi.secretFields) from
 * whatever error it ends with.
 */
export async function withSecretsScrubbed<T>(fx: RequestFunctions, api: VendorApi, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		let secrets: string[] = [];
		if (api.credentialType !== undefined && api.secretFields?.length) {
			try {
				secrets = secretValues(await fx.getCredentials(api.credentialType), api.secretFields);
			} catch {
				// No credential to read: the pattern-based redaction still runs.
			}
		}
		throw scrubError(error, secrets);
	}
}

/** A JSON (or text) request under the shared policy; throws one readable error on failure. */
export async function requestJson<T = unknown>(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<T>> {
	const response = await withSecretsScrubbed(fx, api, async () => await sendFollowingRedirects(fx, api, options, call, false));
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body as T };
}

/**
 * Opens a streamed download under the shared policy. Retries happen before the first byte is
 * handed over; the caller owns the stream once this returns.
 */
export async function requestStream(
	fx: RequestFunctions,
	api: VendorApi,
	options: IHttpRequestOptions,
	call: CallOptions,
): Promise<HttpResult<BodyStream>> {
	const response = await withSecretsScrubbed(fx, api, async () => await sendFollowingRedirects(fx, api, options, call, true));
	if (!isBodyStream(response.body)) {
		// n8n 1.x may hand back a Buffer for an empty body; treat it as a one-chunk stream.
		const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''));
		const single: BodyStream = {
			async *[Symbol.asyncIterator]() {
				yield buffer;
			},
			destroy() {},
		};
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: single };
	}
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
}
