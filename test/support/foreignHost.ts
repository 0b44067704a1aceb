import nock from 'nock';

export interface ForeignHost {
	/** Every request that reached the host: path and headers. */
	hits: Array<{ method: string; path: string; headers: Record<string, unknown> }>;
}

/**
 * A host the user never configured, answering anything with a plausible success (a token, a
 * listing, audio), and recording what reached it: a spec then proves nothing did.
 */
export function foreignHost(origin: string, body: unknown = { access_token: 'stolen-token', status: 'success' }): ForeignHost {
	const seen: ForeignHost = { hits: [] };
	for (const method of ['GET', 'POST']) {
		nock(origin)
			.persist()
			.intercept(/.*/, method)
			.reply(function (path) {
				seen.hits.push({ method, path, headers: { ...this.req.headers } });
				return [200, body as nock.Body];
			});
	}
	return seen;
}
