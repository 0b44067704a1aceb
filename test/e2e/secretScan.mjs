/**
 * Looks for credential values where none may be: n8n's execution data (run output and its
 * database), error items, n8n's logs and its binary store. The credentials' own secrets are
 * searched as they are; the many secrets the simulator issued (VCC access tokens, Ameyo session
 * ids, the Kore.ai JWTs it accepted) are found by their shape and then looked up, so thousands
 * of them cost one pass over each file.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { sha256 } from './faultTally.mjs';

const ISSUED_SHAPES = [/\b[0-9a-f]{48}\b/g, /[A-Za-z0-9]+-[0-9a-f]{8}-ses-[A-Za-z0-9.]+-[A-Za-z0-9]+-\d{4}/g, /eyJ[\w-]*\.[\w-]*\.[\w-]*/g];

/** The secrets of the four credentials and every one the simulator issued. */
export function secretsOf(sim) {
	const { vonage, ameyo, kore, genesys } = sim.credentials;
	const fixed = [
		['Vonage client secret', vonage.clientSecret],
		['Ameyo password', ameyo.password],
		['Kore.ai client secret', kore.clientSecret],
		['Genesys password', genesys.password],
		['Genesys Basic header', Buffer.from(`${genesys.username}:${genesys.password}`).toString('base64')],
	];
	const issued = new Map();
	const names = { vonage: 'Vonage access token', ameyo: 'Ameyo session id', kore: 'Kore.ai JWT' };
	for (const [vendor, values] of Object.entries(sim.issuedSecrets())) for (const v of values) issued.set(v, names[vendor]);
	return { fixed, issued };
}

/** The secrets found in one text: [label]. */
export function secretsIn(text, { fixed, issued }) {
	const found = new Set();
	for (const [label, value] of fixed) if (text.includes(value)) found.add(label);
	for (const shape of ISSUED_SHAPES) {
		for (const match of text.matchAll(shape)) {
			const label = issued.get(match[0]);
			if (label) found.add(label);
		}
	}
	return [...found];
}

async function filesUnder(dir) {
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true, recursive: true });
	} catch {
		return [];
	}
	return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)).sort();
}

/**
 * @param texts { place: text } (run output, logs)
 * @param userFolder n8n's user folder: its database and binary store are read as files
 * @param servedSha256 hashes of files the simulator served (stored copies of them hold no secret)
 * @returns [{ place, secrets: [label] }] for every place where one was found
 */
export async function scanForSecrets({ texts, userFolder, servedSha256, secrets }) {
	const findings = [];
	const check = (place, text) => {
		const found = secretsIn(text, secrets);
		if (found.length > 0) findings.push({ place, secrets: found });
	};
	for (const [place, text] of Object.entries(texts)) check(place, text);
	// Everything n8n wrote: database (execution data), event log, binary store, settings; not the
	// installed package. Stored copies of served files are known bytes and are skipped.
	const n8nDir = join(userFolder, '.n8n');
	let scanned = 0;
	for (const file of await filesUnder(n8nDir)) {
		const relative = file.slice(n8nDir.length + 1);
		if (relative.startsWith('nodes/') || (await stat(file)).size > 256 * 1024 * 1024) continue;
		const bytes = await readFile(file);
		if (servedSha256.has(sha256(bytes))) continue;
		scanned += 1;
		check(`n8n user folder: ${relative}`, bytes.toString('latin1'));
	}
	return { findings, filesScanned: scanned };
}
