import { sleep, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import type { CallOptions, HttpResult, RequestFunctions, VendorApi } from './types';
import { bodyForMessage, type RawResponse } from './responseBodies';
import { decideRetry, DEFAULT_RETRY_POLICY, isTimeout, isTransientNetworkError, parseRetryAfter } from './retryPolicy';
import { gaveUpNote, outOfTimeError, timeLeft, timeoutError } from './sendErrors';
import { sendOnce } from './sendOnce';
import { SessionRenewer } from './sessionRenewal';
import { temporarySignInRefusal } from './signInFailure';
import { ownError, vendorHttpError, vendorNetworkError, type FailureContext } from './vendorErrors';

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
 * One request under the shared policy: tries counted against Max Tries, the pacer waited for,
 * a session renewed once (sessionRenewal.ts), and one readable error when it gives up.
 */
export async function sendWithRetries(
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
	const renewal = await SessionRenewer.start(fx, api);
	// A renewal is not a try of its own: a 401 says nothing about the vendor's health; nor is
	// the next hop of a redirect.
	let freeSend = continuesTry;
	const tries = call.tries ?? { used: 0 };

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
		const renewalOwed = renewal.takeOwed();
		let response: RawResponse;
		try {
			const credentialOptions = await renewal.credentialOptions(renewalOwed);
			// Status codes are judged here, not by n8n, so n8n never re-signs on its own; a renewal
			// is the emptied session property above, which makes n8n sign in before sending.
			response = await sendOnce(fx, api, options, stream, Math.min(policy.timeoutMs, timeLeft(policy)), credentialOptions, policy.finishBy);
		} catch (error) {
			// A failed sign-in is not a network failure (it throws here); after a retryable one the
			// sign-in has happened, so the next try goes out with the stored, renewed session. A
			// sign-in turned away for now is owed again: the next try renews if this one was to.
			if (temporarySignInRefusal(error)) renewal.stillOwed(renewalOwed);
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
		if (renewal.signedOut(statusCode, verdict)) {
			if (statusCode < 400) response.body = await bodyForMessage(response.body);
			if (renewal.renewOnce()) {
				freeSend = true;
				continue;
			}
			const error = vendorHttpError(node, statusCode, response.body, context);
			// The status hint would not fit (a 200 login page, a pasted session nobody can renew).
			error.description = renewal.refusedNote();
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
