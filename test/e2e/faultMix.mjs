/**
 * The seeded fault mix of the fault-injection run. For every vendor, every form of fault hits
 * once at a place drawn from the seed (so each vendor meets each form whatever the seed), and a
 * thin layer of the same forms hits at random (seeded too) for bursts and overlaps nobody
 * planned. Waits stay small (Retry-After 1 s) so the run takes minutes; the same seed repeats it.
 */
import { createRandom } from '../simulator/random.mjs';

/** Every form the run injects. */
export function faultForms(foreignUrl) {
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
		// A server that stops sending: before the headers, and in the middle of the body.
		{ fault: 'stall-headers' },
		{ fault: 'stall-body' },
	];
}

/**
 * A Vonage content id (an attachment, say) may itself be a web page, which the node stores as it
 * comes: a proxy's 200 HTML page there cannot be told from the file, so it is sent elsewhere.
 */
const NOT_A_VONAGE_CONTENT_ID = '^(?!/interaction-content/interactions/[^/]+/content/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)';

/** Kore.ai's recordings listing: where a link to an internal name is slipped in. */
const KORE_LISTING = '/v2/recordings$';

/** The sign-in requests: few, and a redirect there would carry the secret itself. */
const SIGN_IN = {
	vonage: '^/Auth/connect/token$',
	ameyo: '^/ameyorestapi/session/userLogin$',
};

/** `count` distinct whole numbers below `below`, drawn from `random`. */
function places(random, count, below) {
	const all = Array.from({ length: below }, (_, i) => i);
	for (let i = all.length - 1; i > 0; i--) {
		const j = random.int(0, i);
		[all[i], all[j]] = [all[j], all[i]];
	}
	return all.slice(0, count);
}

/**
 * @param foreignUrl the foreign host's base URL (redirects point there)
 * @param seed the run's seed
 * @param requestsPerVendor { vendor: n }: a lower bound on the requests each vendor will see
 *        (its inputs), the range the planned places are drawn from
 * @param probability / times the random layer: chance per matching request, hits per form
 */
export function faultMix({ foreignUrl, seed, requestsPerVendor, internalLinks = [], probability = 0.008, times = 2 }) {
	const random = createRandom(seed, 'fault-mix');
	const rules = [];
	for (const [vendor, path] of Object.entries(SIGN_IN)) {
		// The first sign-in is redirected elsewhere; a later one meets a 503.
		rules.push({ vendor, path, fault: 'redirect-foreign', to: foreignUrl, redirectStatus: 307, at: [0] });
		rules.push({ vendor, path, fault: '503', retryAfter: 1, at: [1] });
	}
	for (const [vendor, requests] of Object.entries(requestsPerVendor)) {
		const forms = faultForms(foreignUrl).map((form) => (vendor === 'vonage' && form.fault === 'html200' ? { ...form, path: NOT_A_VONAGE_CONTENT_ID } : form));
		const at = places(random, forms.length, Math.max(forms.length, requests));
		forms.forEach((form, i) => rules.push({ vendor, ...form, at: [at[i]] }));
		for (const form of forms) rules.push({ vendor, ...form, probability, times });
	}
	// Listings whose links name a host that resolves (or leads, wherever it resolves) inside:
	// each base URL at two places of its own among the first listings.
	const listings = requestsPerVendor.kore ?? 0;
	const linkPlaces = places(random, Math.min(listings, internalLinks.length * 2), Math.max(listings, internalLinks.length * 2));
	internalLinks.forEach((to, i) => {
		const at = linkPlaces.slice(i * 2, i * 2 + 2);
		if (at.length > 0) rules.push({ vendor: 'kore', path: KORE_LISTING, fault: 'internal-link', to, at });
	});
	return rules;
}
