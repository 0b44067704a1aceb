/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark code, never shipped: it needs node:http */
/**
 * Child process: "store ceiling". A plain http.get of the same URL (same headers) whose raw
 * http.IncomingMessage goes straight into n8n-core's own prepareBinaryData, with the same
 * filesystem BinaryDataService setup as the node harness. No node, no engine, no axios:
 * the fastest any node can get a response into n8n's binary store.
 *
 * Env: BENCH_BASE_URL, BENCH_GUID, BENCH_WARMUP_GUID, BENCH_ACCEPT.
 */
import { get, type IncomingMessage } from 'node:http';
import { prepareBinaryData } from 'n8n-core';

import { ensureContainer } from '../harness/container';
import { checksumStored, env, measure, report, runChild } from './child-common';

const baseUrl = env('BENCH_BASE_URL');
let executionCounter = 0;

async function fetchToken(): Promise<string> {
	const response = await fetch(`${baseUrl}/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: 'bench-client',
			client_secret: 'bench-secret',
		}).toString(),
	});
	if (!response.ok) throw new Error(`Token request failed: HTTP ${response.status}`);
	return ((await response.json()) as { access_token: string }).access_token;
}

function open(guid: string, token: string): Promise<IncomingMessage> {
	const url = `${baseUrl}/interaction-content/interactions/${guid}/content/callRecording`;
	return new Promise((resolve, reject) => {
		get(url, { headers: { Accept: env('BENCH_ACCEPT'), Authorization: `Bearer ${token}` } }, (response) => {
			if (response.statusCode === 200) return resolve(response);
			response.resume();
			reject(new Error(`GET ${url}: HTTP ${response.statusCode}`));
		}).on('error', reject);
	});
}

async function download(guid: string, token: string) {
	const response = await open(guid, token);
	return await prepareBinaryData(response, String(++executionCounter), 'bench-workflow');
}

runChild(async () => {
	await ensureContainer();
	const token = await fetchToken();
	await checksumStored(await download(env('BENCH_WARMUP_GUID'), token)); // warm-up, as in measure-node

	const { m, result: binary } = await measure(() => download(env('BENCH_GUID'), token));
	const stored = await checksumStored(binary);
	report({ ...m, ...stored });
});
