import type { IAuthenticateRuleResponseCode } from 'n8n-workflow';

/**
 * A credential Test button must not carry the credential off its host, so its request sets
 * `disableFollowRedirect`; n8n then reports a redirect as a failed test, in these words (it
 * shows only a rule's fixed message, so the status is named and the field to change is too).
 */
export function redirectTestRules(field: string): IAuthenticateRuleResponseCode[] {
	return statusTestRules(
		Object.fromEntries(
			[301, 302, 303, 307, 308].map((value) => [
				value,
				`The server answered the test with a redirect (HTTP ${value}), which is never followed with your credentials: set ${field} to the address it redirects to.`,
			]),
		),
	);
}

/** One Test-button rule per status: n8n shows only the status line of a failed test otherwise. */
export function statusTestRules(messages: Record<number, string>): IAuthenticateRuleResponseCode[] {
	return Object.entries(messages).map(([value, message]) => ({
		type: 'responseCode' as const,
		properties: { value: Number(value), message },
	}));
}
