#!/usr/bin/env node
/**
 * The simulator as a process (demo, manual runs, tests in another process):
 *
 *   node test/simulator/server.mjs [--port N] [--media-port N] [--interactions N] [--seed N]
 *        [--now ISO|epochMs] [--fault RULE]… [--ameyo-login-page] [--no-genesys-basic] [--verbose]
 *
 * Prints ONE JSON line on stdout when ready: { url, mediaUrl, credentials }. `--fault` takes a
 * JSON rule or the short form vendor/fault[/times] (e.g. vonage/429/3; the vendor `any` or
 * an asterisk matches every vendor); it can repeat.
 * Requests are logged to stderr only with --verbose. Stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';

import { parseFaultArgument } from './faults.mjs';
import { startSimulator } from './index.mjs';

function wholeNumber(name, text) {
	if (text === undefined) return undefined;
	const n = Number(text);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
	return n;
}

function epoch(text) {
	if (text === undefined) return undefined;
	const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
	if (!Number.isFinite(n)) throw new Error('--now must be an ISO date or epoch milliseconds');
	return n;
}

async function main() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'media-port': { type: 'string' },
			interactions: { type: 'string' },
			seed: { type: 'string' },
			now: { type: 'string' },
			fault: { type: 'string', multiple: true },
			'ameyo-login-page': { type: 'boolean' },
			'no-genesys-basic': { type: 'boolean' },
			verbose: { type: 'boolean' },
		},
		strict: true,
	});
	const options = {
		port: wholeNumber('port', values.port),
		mediaPort: wholeNumber('media-port', values['media-port']),
		interactions: wholeNumber('interactions', values.interactions),
		seed: wholeNumber('seed', values.seed),
		now: epoch(values.now),
		faults: (values.fault ?? []).map(parseFaultArgument),
		...(values['ameyo-login-page'] ? { ameyoLoginPage: true } : {}),
		...(values['no-genesys-basic'] ? { genesysBasicAuth: false } : {}),
		...(values.verbose ? { verbose: true } : {}),
	};
	for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];

	const sim = await startSimulator(options);
	process.stdout.write(`${JSON.stringify({ url: sim.url, mediaUrl: sim.mediaUrl, credentials: sim.credentials })}\n`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`simulator: ${error.message}\n`);
	process.exit(1);
});
