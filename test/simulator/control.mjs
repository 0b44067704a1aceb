/**
 * The simulator's own HTTP API under `/__sim/` (for the CLI, the demo and tests in other
 * processes; in-process tests use the startSimulator() handle instead):
 *   GET    /__sim/health                      → { ok: true }
 *   GET    /__sim/credentials | /__sim/catalog
 *   GET    /__sim/stats     POST /__sim/stats/reset
 *   GET    /__sim/faults    POST /__sim/faults (rule | [rules] | { rules })    DELETE /__sim/faults
 *   GET    /__sim/clock     POST /__sim/clock { advanceSeconds }
 *   POST   /__sim/options   { ameyoLoginPage?, genesysBasicAuth?, koreEnforceJti?, … }
 */
import { readBody } from './http.mjs';

export function createControl(sim) {
	async function jsonBody(req) {
		const text = await readBody(req);
		if (text === null) throw new Error('body too large');
		return text.trim() === '' ? {} : JSON.parse(text);
	}

	return async function control(req, reply, url) {
		const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
		try {
			switch (route) {
				case 'GET /__sim/health':
					return reply.json(200, { ok: true });
				case 'GET /__sim/credentials':
					return reply.json(200, sim.credentials);
				case 'GET /__sim/catalog':
					return reply.json(200, sim.catalog);
				case 'GET /__sim/stats':
					return reply.json(200, sim.stats());
				case 'POST /__sim/stats/reset':
					sim.resetStats();
					return reply.json(200, sim.stats());
				case 'GET /__sim/faults':
					return reply.json(200, sim.faults());
				case 'POST /__sim/faults': {
					const body = await jsonBody(req);
					sim.setFaults(Array.isArray(body?.rules) ? body.rules : body);
					return reply.json(200, sim.faults());
				}
				case 'DELETE /__sim/faults':
					sim.clearFaults();
					return reply.json(200, []);
				case 'GET /__sim/clock':
					return reply.json(200, { now: new Date(sim.now()).toISOString() });
				case 'POST /__sim/clock': {
					const body = await jsonBody(req);
					sim.advanceTime(Number(body.advanceSeconds ?? 0));
					return reply.json(200, { now: new Date(sim.now()).toISOString() });
				}
				case 'POST /__sim/options':
					return reply.json(200, sim.setOptions(await jsonBody(req)));
				default:
					return reply.json(404, { message: `No control endpoint ${route}` });
			}
		} catch (error) {
			return reply.json(400, { message: error.message });
		}
	};
}
