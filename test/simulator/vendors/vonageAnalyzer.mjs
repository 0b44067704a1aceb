/**
 * VCC Conversation Analyzer: `GET /conversation-analyzer/interactions?calls=g1,…&transcript=`
 * (at most 50 GUIDs) and `GET /conversation-analyzer/interactions/{guid}`. Its errors use ASP.NET
 * API Versioning's envelope `{ error: { code, message } }`, not Interaction Content's
 * `{ message }`. Unknown GUIDs are left out of the list and 404 on their own; chats and voicemails
 * have no analysis.
 */
const MAX_CALLS = 50;
const VERSION = /^application\/vnd\.newvoicemedia\.v(\d+)\+json$/;
const SUPPORTED = ['2', '3'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createVonageAnalyzer({ data, checkBearer }) {
	const errorBody = (status, message, code) => ({
		error: {
			code: code ?? { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests' }[status] ?? 'InternalServerError',
			message,
		},
	});
	const fail = (reply, status, message, code) => reply.json(status, errorBody(status, message, code));

	/** Returns the API version asked for ('2' | '3'), or null after answering the error. */
	function guard({ req, reply, path }) {
		const bearer = checkBearer(req);
		if (bearer === 'unauthorized') return fail(reply, 401, 'Authorization has been denied for this request.');
		if (bearer === 'forbidden') return fail(reply, 403, 'The access token does not grant interaction-content:read.');
		const versions = String(req.headers.accept ?? '')
			.split(',')
			.map((t) => VERSION.exec(t.split(';')[0].trim().toLowerCase())?.[1])
			.filter(Boolean);
		if (versions.length === 0) {
			return fail(reply, 400, 'An API version is required, but was not specified.', 'ApiVersionUnspecified');
		}
		const version = versions.find((v) => SUPPORTED.includes(v));
		if (!version) {
			return fail(
				reply,
				400,
				`The HTTP resource that matches the request URI '${path}' does not support the API version '${versions[0]}'.`,
				'UnsupportedApiVersion',
			);
		}
		return version;
	}

	function present(item, version, withTranscript) {
		const out = { ...item, transcript: withTranscript ? item.transcript : null };
		if (version !== '3') delete out.language; // `language` arrived with v3
		return out;
	}

	const wantsTranscript = (query) => (query.get('transcript') ?? '').toLowerCase() === 'true';

	function list(r) {
		const version = guard(r);
		if (typeof version !== 'string') return;
		const calls = (r.query.get('calls') ?? '').split(',').map((g) => g.trim()).filter(Boolean);
		if (calls.length === 0) return fail(r.reply, 400, "The 'calls' parameter is required: a comma-separated list of call GUIDs.");
		if (calls.length > MAX_CALLS) {
			return fail(r.reply, 400, `A maximum of ${MAX_CALLS} calls can be requested at once; ${calls.length} were given.`);
		}
		// Documented: invalid GUIDs "may give 404 or 500"; the list endpoint fails as a whole.
		const invalid = calls.find((g) => !GUID.test(g));
		if (invalid) return fail(r.reply, 500, 'An unexpected error occurred.');
		const items = calls
			.map((g) => data.analysis.get(g.toLowerCase()))
			.filter(Boolean)
			.map((item) => present(item, version, wantsTranscript(r.query)));
		return r.reply.json(200, items);
	}

	function one(r) {
		const version = guard(r);
		if (typeof version !== 'string') return;
		const item = data.analysis.get(r.params.guid.toLowerCase());
		if (!item) return fail(r.reply, 404, `No analysis found for interaction '${r.params.guid}'.`);
		return r.reply.json(200, present(item, version, wantsTranscript(r.query)));
	}

	return {
		errorBody: (status, message) => errorBody(status, message),
		routes: [
			{ method: 'GET', path: /^\/conversation-analyzer\/interactions\/?$/, name: 'analyzer.calls', handle: list },
			{ method: 'GET', path: /^\/conversation-analyzer\/interactions\/(?<guid>[^/]+)$/, name: 'analyzer.call', handle: one },
		],
	};
}
