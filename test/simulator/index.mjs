/**
 * Loopback vendor simulator: one HTTP server on 127.0.0.1 that behaves like the five vendor APIs
 * (Vonage token + Interaction Content + Conversation Analyzer, Ameyo, Kore.ai, Genesys UCS) as
 * the vendors run them, not as our nodes expect (README.md's vendor sections list the rules),
 * plus a second port for Kore.ai's signed media links. Tests and the demo
 * start and stop it; `server.mjs` is the CLI. Only node: builtins.
 *
 *   const sim = await startSimulator({ seed: 1 });
 *   sim.url, sim.mediaUrl, sim.credentials, sim.catalog, sim.stats(), sim.setFaults([...]), await sim.close()
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import { createAccountLimit } from './accountLimit.mjs';
import { createClock, createTimers } from './clock.mjs';
import { createControl } from './control.mjs';
import { buildCatalog } from './catalog.mjs';
import { credentialsCarried } from './credentialCheck.mjs';
import { createFaults } from './faults.mjs';
import { loadMedia } from './media.mjs';
import { stableSecret } from './random.mjs';
import { createRequestLog } from './requestLog.mjs';
import { createRouter } from './router.mjs';
import { createStats } from './stats.mjs';
import { createAmeyo } from './vendors/ameyo.mjs';
import { buildAmeyoData } from './vendors/ameyoData.mjs';
import { createGenesys } from './vendors/genesys.mjs';
import { buildGenesysData } from './vendors/genesysData.mjs';
import { createKore } from './vendors/kore.mjs';
import { buildKoreData } from './vendors/koreData.mjs';
import { createVonage } from './vendors/vonage.mjs';
import { buildVonageData } from './vendors/vonageData.mjs';

export { largeFileGuid, largeFileGuidBytes, largeFileSha256, largeFileSize } from './media.mjs';
export { signHs256 } from './jwt.mjs';

const HOST = '127.0.0.1';
const MAX_LOGGED = 10_000;

/** Issued secrets by vendor, bounded: a run that never reuses tokens cannot fill memory. */
function createSecretLog() {
	const byVendor = { vonage: new Set(), ameyo: new Set(), kore: new Set() };
	return {
		issued(vendor, value) {
			const set = byVendor[vendor];
			if (set.size < MAX_LOGGED) set.add(value);
		},
		list: () => Object.fromEntries(Object.entries(byVendor).map(([vendor, set]) => [vendor, [...set]])),
	};
}

/** Stalled answers and how long the client kept each one open. */
function createStallLog() {
	const entries = [];
	return {
		begin(info, res) {
			if (entries.length >= MAX_LOGGED) return;
			const entry = { ...info, stalledAt: Date.now(), closedAt: undefined };
			entries.push(entry);
			res.on('close', () => {
				entry.closedAt ??= Date.now();
			});
		},
		list: () => entries.map((e) => ({ ...e })),
	};
}

/** Every secret a request must not carry to the wrong host: the credentials' own, and the issued ones. */
function credentialValues(credentials, secrets) {
	const { vonage, ameyo, kore, genesys } = credentials;
	return [vonage.clientSecret, ameyo.password, kore.clientSecret, genesys.password, ...Object.values(secrets.list()).flat()];
}

/** Options that can change while running (setOptions / POST /__sim/options), with their checks. */
const MUTABLE = {
	tokenTtlSeconds: 'seconds',
	sessionTtlSeconds: 'seconds',
	signedUrlTtlSeconds: 'seconds',
	koreAnalyticsPerMinute: 'count',
	korePlatformPerMinute: 'count',
	vonagePerMinute: 'count',
	ameyoPerMinute: 'count',
	genesysPerMinute: 'count',
	vonagePageSize: 'count',
	ameyoLoginPage: 'boolean',
	genesysBasicAuth: 'boolean',
	koreEnforceJti: 'boolean',
};

function checkOption(name, value) {
	const kind = MUTABLE[name];
	if (!kind) throw new Error(`unknown option ${name}`);
	if (kind === 'boolean' && typeof value !== 'boolean') throw new Error(`${name} must be true or false`);
	if (kind !== 'boolean' && !(Number.isInteger(value) && value >= 0 && value <= 10_000_000)) {
		throw new Error(`${name} must be a whole number ≥ 0`);
	}
	return value;
}

function listen(server, port) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

function closeServer(server) {
	return new Promise((resolve) => {
		if (!server.listening) return resolve();
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

/**
 * @param options.port / options.mediaPort  0 = any free port
 * @param options.seed      same seed → same ids, credentials and files
 * @param options.now       the simulator clock's start (epoch ms); data lies in the 30 days before it
 * @param options.interactions  how many Vonage interactions to generate
 * @param options.faults    fault rules active from the start (see faults.mjs)
 * @param options.log       function(line) for a request log, default none
 * @param options.verbose   true: log requests to stderr (the CLI's --verbose)
 * Other options: signedUrlTtlSeconds (300), ameyoLoginPage (false), genesysBasicAuth (true),
 * koreEnforceJti (false), koreAnalyticsPerMinute (60), korePlatformPerMinute (60), vonagePerMinute,
 * ameyoPerMinute, genesysPerMinute (0: none; accountLimit.mjs), vonagePageSize (0: `limit`).
 */
export async function startSimulator({
	port = 0,
	mediaPort = 0,
	seed = 1,
	now = Date.now(),
	interactions = 40,
	tokenTtlSeconds = 7200,
	sessionTtlSeconds = 1800,
	faults = [],
	log,
	verbose = false,
	koreHost = HOST,
	...rest
} = {}) {
	if (verbose && !log) log = (line) => process.stderr.write(`[sim] ${line}\n`);
	if (!Number.isInteger(interactions) || interactions < 0 || interactions > 100_000) {
		throw new Error('interactions must be a whole number 0–100000');
	}
	if (!Number.isFinite(now)) throw new Error('now must be epoch milliseconds');
	const options = {
		tokenTtlSeconds,
		sessionTtlSeconds,
		signedUrlTtlSeconds: 300,
		koreAnalyticsPerMinute: 60,
		korePlatformPerMinute: 60,
		// One budget per account across every client (accountLimit.mjs); 0: no limit. VCC documents 160.
		vonagePerMinute: 0,
		ameyoPerMinute: 0,
		genesysPerMinute: 0,
		// Items a Vonage search page holds at most, whatever `limit` asks; 0: as many as `limit`.
		vonagePageSize: 0,
		ameyoLoginPage: false,
		genesysBasicAuth: true,
		koreEnforceJti: false,
	};
	for (const [name, value] of Object.entries({ ...rest, tokenTtlSeconds, sessionTtlSeconds })) {
		options[name] = checkOption(name, value);
	}

	const media = await loadMedia();
	const clock = createClock(now);
	const timers = createTimers();
	const stats = createStats();
	const faultRules = createFaults({ seed });
	const secrets = createSecretLog();
	const mediaCredentials = [];
	const stallLog = createStallLog();
	const requestLog = createRequestLog();
	faultRules.set(faults);

	const main = createServer();
	const mediaServer = createServer();
	const boundPort = await listen(main, port);
	let boundMediaPort;
	try {
		boundMediaPort = await listen(mediaServer, mediaPort);
	} catch (error) {
		await closeServer(main);
		throw error;
	}
	const url = `http://${HOST}:${boundPort}`;
	const mediaUrl = `http://${HOST}:${boundMediaPort}`;
	// Kore.ai's credential and its signed links may name this machine by another name
	// (`koreHost`), as a cloud host and its storage have names of their own.
	const koreUrl = `http://${koreHost}:${boundPort}`;
	const koreMediaUrl = `http://${koreHost}:${boundMediaPort}`;

	const campaignId = '110';
	const vonageData = buildVonageData({ seed, now, count: interactions, media });
	const ameyoData = buildAmeyoData({ seed, now, media, campaignId });
	const koreData = buildKoreData({ seed, now });
	const genesysData = buildGenesysData({ seed, now, baseUrl: `${url}/genesys/1/cs` });

	const credentials = {
		vonage: {
			region: 'emea',
			clientId: 'vcc-sim-client',
			clientSecret: stableSecret(seed, 'vonage-client-secret'),
			apiBaseUrl: url,
			tokenUrl: `${url}/Auth/connect/token`,
		},
		ameyo: { baseUrl: url, userId: 'sim.supervisor', password: stableSecret(seed, 'ameyo-password', 16), campaignId },
		kore: { host: koreUrl, ...koreData.credentials },
		genesys: { baseUrl: `${url}/genesys/1/cs`, ...genesysData.credentials },
	};

	const shared = { clock, stats, options, secrets };
	const kore = createKore({ data: koreData, media, ...shared, mediaUrl: () => koreMediaUrl, secret: randomBytes(32) });
	const vendors = {
		vonage: createVonage({ data: vonageData, credentials: credentials.vonage, media, ...shared }),
		ameyo: createAmeyo({ data: ameyoData, credentials: credentials.ameyo, ...shared }),
		kore,
		genesys: createGenesys({ data: genesysData, options }),
	};
	const catalog = buildCatalog({ vonageData, ameyoData, koreData, genesysData, kore, media });

	let closing;
	const sim = {
		url,
		mediaUrl,
		credentials,
		catalog,
		stats: () => stats.snapshot(),
		resetStats: () => stats.reset(),
		setFaults: (rules) => faultRules.set(rules ?? []),
		clearFaults: () => faultRules.clear(),
		faults: () => faultRules.list(),
		/** Every access token, session id and Kore JWT the simulator issued or accepted. */
		issuedSecrets: () => secrets.list(),
		/** The credentials' secret values and every issued one: what must appear nowhere else. */
		secretValues: () => credentialValues(credentials, secrets),
		/**
		 * Every stalled answer ('stall-headers', 'stall-body'): when it stalled and when the client
		 * closed the connection (undefined: still open).
		 */
		stalls: () => stallLog.list(),
		/** Requests to the media host (pre-signed links) that carried a credential: must stay empty. */
		mediaRequestsWithCredentials: () => mediaCredentials.map((r) => ({ ...r })),
		/**
		 * For in-process tests: every vendor request so far (both ports), oldest first, with its
		 * query, headers and what the route added (requestLog.mjs).
		 */
		requests: () => requestLog.list(),
		clearRequests: () => requestLog.clear(),
		/** Calls `listener(entry)` as each request arrives, before it is answered; returns a stop function. */
		onRequest: (listener) => requestLog.listen(listener),
		/** Kore.ai calls a test writes by hand, at its own dates, with scripted answers (vendors/koreCalls.mjs). */
		kore: { setCalls: kore.setCalls, putCall: kore.putCall, recordingFiles: kore.recordingFiles },
		/** Vonage interactions a test writes by hand, with scripted download answers (vendors/vonageInteractions.mjs). */
		vonage: { setInteractions: vendors.vonage.setInteractions, putInteraction: vendors.vonage.putInteraction },
		now: () => clock.now(),
		/** Moves the simulator clock forward: expires tokens, sessions and signed links. */
		advanceTime: (seconds) => clock.advance(seconds * 1000),
		options: () => ({ ...options }),
		setOptions(partial) {
			const checked = Object.fromEntries(Object.entries(partial ?? {}).map(([k, v]) => [k, checkOption(k, v)]));
			Object.assign(options, checked);
			return { ...options };
		},
		close() {
			closing ??= (async () => {
				timers.closeAll();
				await Promise.all([closeServer(main), closeServer(mediaServer)]);
			})();
			return closing;
		},
	};

	const common = { faults: faultRules, stats, timers, log, control: createControl(sim), stalls: stallLog, requestLog };
	const accountLimit = createAccountLimit();
	const perMinute = (vendor) => options[`${vendor}PerMinute`];
	main.on('request', createRouter({ ...common, vendors, accountLimit, perMinute }));
	// The media host serves links signed for anyone who holds them: no request may carry a credential.
	const onMediaRequest = (req, url) => {
		const carried = credentialsCarried({ url: req.url ?? '', headers: req.headers }, credentialValues(credentials, secrets));
		if (carried.length > 0 && mediaCredentials.length < MAX_LOGGED) {
			mediaCredentials.push({ method: req.method, path: url.pathname, carried });
		}
	};
	mediaServer.on('request', createRouter({ ...common, vendors: { kore: kore.links }, fixedVendor: 'kore', onRequest: onMediaRequest }));
	return sim;
}
