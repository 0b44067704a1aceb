/**
 * The seeded fault mix of the fault-injection run: for every vendor the same forms, each hitting
 * a matching request with a small probability (drawn from the simulator's seeded stream) and a
 * bounded number of times, so the run finishes in minutes and the same seed repeats it.
 */

/** Every form the issue names; bounds keep the waits small (Retry-After 1 s, bursts short). */
function forms(foreignUrl) {
	return [
		{ fault: '429', retryAfter: 1 },
		{ fault: '429', retryAfterDateIn: 1 },
		{ fault: '429', retryAfter: 'none' },
		{ fault: '429', retryAfterRaw: '1.5' },
		{ fault: '429', retryAfterRaw: '-1' },
		{ fault: '429', retryAfterRaw: 'soon' },
		{ fault: '503', retryAfter: 1 },
		{ fault: '500', burst: 2 },
		// Longer than the default Max Tries (4): the input must become an error item, not vanish.
		{ fault: '503', burst: 5 },
		{ fault: 'reset' },
		{ fault: 'short' },
		{ fault: 'redirect-foreign', to: foreignUrl, redirectStatus: 302 },
		{ fault: 'redirect-foreign', to: foreignUrl, redirectStatus: 307 },
		{ fault: 'html200' },
	];
}

/** The sign-in requests, hit more often: they are few, and a redirect there carries the secret. */
const SIGN_IN = {
	vonage: '^/Auth/connect/token$',
	ameyo: '^/ameyorestapi/session/userLogin$',
};

/**
 * @param foreignUrl the foreign host's base URL (redirects point there)
 * @param probability chance per matching request of each form
 * @param times how often each form may hit each vendor
 */
export function faultMix({ foreignUrl, probability = 0.025, times = 4 }) {
	const rules = [];
	for (const [vendor, path] of Object.entries(SIGN_IN)) {
		rules.push({ vendor, path, fault: 'redirect-foreign', to: foreignUrl, redirectStatus: 307, probability: 0.5, times: 1 });
		rules.push({ vendor, path, fault: '503', retryAfter: 1, probability: 0.3, times: 1 });
	}
	for (const vendor of ['vonage', 'ameyo', 'kore', 'genesys']) {
		for (const form of forms(foreignUrl)) rules.push({ vendor, ...form, probability, times });
	}
	return rules;
}
