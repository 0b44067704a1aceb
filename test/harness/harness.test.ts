/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped */
/**
 * Self-test of the node test harness, against fixture nodes (not the package's real nodes).
 */
import nock from 'nock';
import { Container } from '@n8n/di';
import { readFileSync } from 'node:fs';
import { BinaryDataService } from 'n8n-core';
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useNockOnly } from '../support/nockChecks';
import { FakeApiKeyApi } from './fixtures/fake-api-key.credentials';
import { FAKE_BASE_URL, FakeSessionApi } from './fixtures/fake-session-api.credentials';
import { FakeKeyService, FakeService } from './fixtures/fake-service.node';
import { binaryStorageDir, readBinary, runNode } from './index';

const sessionCredentials = (sessionToken = 'tok-0') => ({
	fakeSessionApi: { username: 'u', password: 'p', sessionToken },
});
const base = { nodeType: new FakeService(), credentialTypes: [new FakeSessionApi()] };

useNockOnly();

describe('runNode harness', () => {
	it('runs a declarative GET and returns JSON items (generic auth header applied)', async () => {
		nock(FAKE_BASE_URL)
			.get('/records')
			.matchHeader('authorization', 'Bearer tok-0')
			.reply(200, [{ id: 'a' }, { id: 'b' }]);

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'list' },
			credentials: sessionCredentials(),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(result.preAuthenticationCalls).toEqual({});
	});

	it('applies a function authenticate and supports versioned descriptions', async () => {
		nock(FAKE_BASE_URL).get('/ping').matchHeader('x-api-key', 'signed:k1').reply(200, { ok: true });

		const result = await runNode({
			nodeType: new FakeKeyService(),
			credentialTypes: [new FakeApiKeyApi()],
			parameters: { operation: 'ping' },
			credentials: { fakeApiKeyApi: { apiKey: 'k1' } },
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ ok: true });
	});

	it('streams a customOperations download into the filesystem binary store', async () => {
		const audio = Buffer.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 5, 0, 255]);
		nock(FAKE_BASE_URL)
			.get('/records/r1/audio')
			.matchHeader('authorization', 'Bearer tok-0')
			.reply(200, audio, { 'Content-Type': 'audio/wav' });

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'download', recordId: 'r1' },
			credentials: sessionCredentials(),
		});

		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary?.data;
		expect(binary).toMatchObject({ fileName: 'a.wav', mimeType: 'audio/wav', bytes: audio.length });
		expect(binary?.id).toMatch(/^filesystem-v2:/);
		// Stored by id: the data field holds only the mode marker, never the base64 payload.
		expect(binary?.data).toBe('filesystem-v2');
		expect(await readBinary(result.items[0])).toEqual(audio);
		// ...and the bytes really are a file inside the harness's store directory.
		const filePath = Container.get(BinaryDataService).getPath(binary?.id as string);
		expect(filePath.startsWith(binaryStorageDir())).toBe(true);
		expect(readFileSync(filePath)).toEqual(audio);
	});

	it('runs preAuthentication when the token is empty, and again (once) after a 401', async () => {
		nock(FAKE_BASE_URL)
			.post('/login', { username: 'u', password: 'p' })
			.reply(200, { token: 'tok-1' })
			.get('/records/r1')
			.matchHeader('authorization', 'Bearer tok-1')
			.reply(401, { message: 'session expired' })
			.post('/login')
			.reply(200, { token: 'tok-2' })
			.get('/records/r1')
			.matchHeader('authorization', 'Bearer tok-2')
			.reply(200, { id: 'r1' });

		const credentials = sessionCredentials('');
		const first = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'get', recordId: 'r1' },
			credentials,
		});

		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json)).toEqual([{ id: 'r1' }]);
		expect(first.preAuthenticationCalls).toEqual({ fakeSessionApi: 2 });
		expect(first.credentialStore.fakeSessionApi.sessionToken).toBe('tok-2');
		// The caller's object is the store, so a later run reuses the persisted token.
		expect(first.credentialStore).toBe(credentials);

		nock(FAKE_BASE_URL)
			.get('/records/r1')
			.matchHeader('authorization', 'Bearer tok-2')
			.reply(200, { id: 'r1' });
		const second = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'get', recordId: 'r1' },
			credentials,
		});
		expect(second.error).toBeUndefined();
		expect(second.preAuthenticationCalls).toEqual({});
	});

	it('re-authenticates after a 401 on a streamed customOperations download too', async () => {
		nock(FAKE_BASE_URL)
			.get('/records/r1/audio')
			.matchHeader('authorization', 'Bearer stale')
			.reply(401)
			.post('/login')
			.reply(200, { token: 'fresh' })
			.get('/records/r1/audio')
			.matchHeader('authorization', 'Bearer fresh')
			.reply(200, Buffer.from('RIFF'));

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'download', recordId: 'r1' },
			credentials: sessionCredentials('stale'),
		});

		expect(result.error).toBeUndefined();
		expect(result.preAuthenticationCalls).toEqual({ fakeSessionApi: 1 });
		expect((await readBinary(result.items[0])).toString()).toBe('RIFF');
	});

	it('calls preAuthentication exactly once for a first request with an empty token', async () => {
		nock(FAKE_BASE_URL)
			.post('/login')
			.reply(200, { token: 'tok-9' })
			.get('/records')
			.matchHeader('authorization', 'Bearer tok-9')
			.reply(200, []);

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'list' },
			credentials: sessionCredentials(''),
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(result.preAuthenticationCalls).toEqual({ fakeSessionApi: 1 });
	});

	it('returns the node error as a NodeApiError when the request fails', async () => {
		nock(FAKE_BASE_URL).get('/records/x').reply(500, { message: 'boom' });

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'get', recordId: 'x' },
			credentials: sessionCredentials(),
		});

		// Only one n8n-workflow copy is loaded (vitest alias), so instanceof holds; and it is the
		// error the node threw (with its cause), not the engine's plain-object copy.
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('500');
		expect(result.error?.cause).toBeInstanceOf(Error);
		expect(result.items).toEqual([]);
	});

	it('continueOnFail turns the failure into an error item', async () => {
		nock(FAKE_BASE_URL).get('/records/x').reply(500, { message: 'boom' });

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'get', recordId: 'x' },
			credentials: sessionCredentials(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBeDefined();
	});

	it('sets pairedItem of every output item to its input index', async () => {
		const ids = ['r0', 'r1', 'r2'];
		for (const id of ids) {
			nock(FAKE_BASE_URL).get(`/records/${id}`).reply(200, { id });
		}

		const result = await runNode({
			...base,
			parameters: { resource: 'record', operation: 'get', recordId: '={{ $json.id }}' },
			credentials: sessionCredentials(),
			inputItems: ids.map((id) => ({ json: { id } })),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['r0', { item: 0 }],
			['r1', { item: 1 }],
			['r2', { item: 2 }],
		]);
	});
});
