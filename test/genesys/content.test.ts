import { createHash } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { readBinary } from '../harness/index';
import { description } from '../support/errorDetails';
import { useNockOnly } from '../support/nockChecks';
import { CHAT_XML, CONTENT, GET, genesysCredentials, interactionResource, IXN_ID, runGenesys, UCS } from './fixtures';

useNockOnly();

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const contentPath = (kind: string, id = IXN_ID) => `/interactions/${id}/${kind}`;

describe('Content → Get Plain Text', () => {
	it('returns the plain text of the interaction', async () => {
		nock(UCS).get(contentPath('plain_text')).reply(200, 'Dear support,\nmy parcel is late.', {
			'Content-Type': 'text/plain; charset=utf-8',
		});

		const { items, error } = await runGenesys(CONTENT('getPlainText'));

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			interactionId: IXN_ID,
			text: 'Dear support,\nmy parcel is late.',
			bytes: 32,
			mimeType: 'text/plain',
			metrics: { computed: true, speakers: { unknown: { turns: 2, words: 6 } } },
		});
	});

	it('keeps text that looks like JSON as text', async () => {
		nock(UCS).get(contentPath('plain_text')).reply(200, '12345', { 'Content-Type': 'application/json' });

		const { items } = await runGenesys(CONTENT('getPlainText'));

		expect(items[0].json.text).toBe('12345');
	});

	it('decodes the charset the server names', async () => {
		nock(UCS).get(contentPath('plain_text')).reply(200, Buffer.from([0x63, 0x61, 0x66, 0xe9]), {
			'Content-Type': 'text/plain; charset=ISO-8859-1',
		});

		const { items } = await runGenesys(CONTENT('getPlainText'));

		expect(items[0].json.text).toBe('café');
	});

	it('refuses text larger than 16 MiB and points at the binary download', async () => {
		nock(UCS).get(contentPath('plain_text')).reply(200, Buffer.alloc(16 * 1024 * 1024 + 1, 0x61), {
			'Content-Type': 'text/plain',
		});

		const { error } = await runGenesys(CONTENT('getPlainText'));

		expect(error?.message).toBe(`Genesys Context Services: the content is larger than 16 MiB (interaction ${IXN_ID}, plain text)`);
		expect(description(error)).toContain('Download Binary Content');
	});

	it('maps a 404 to the vendor message with the interaction', async () => {
		nock(UCS).get(contentPath('plain_text')).reply(404, { message: 'No plain text for this interaction', exception: 'x.NotFound' });

		const { error } = await runGenesys(CONTENT('getPlainText'));

		expect(error?.message).toBe(
			`Genesys Context Services: No plain text for this interaction — x.NotFound (HTTP 404, interaction ${IXN_ID}, plain text)`,
		);
	});
});

describe('Content → Get Structured Text', () => {
	it('returns the chat transcript in the shared transcript shape', async () => {
		nock(UCS).get(contentPath('structured_text')).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });

		const { items, error } = await runGenesys(CONTENT('getStructuredText'));

		expect(error).toBeUndefined();
		const transcript = items[0].json;
		expect(transcript).toMatchObject({
			vendor: 'genesysContextServices',
			interactionId: IXN_ID,
			channel: 'chat',
			language: 'en-GB',
			format: 'chatTranscript',
			startedAt: '2024-03-05T07:09:33.000Z',
			sessionId: '0001KaBCDE000001',
			mimeType: 'text/xml',
		});
		expect(transcript.segments).toEqual([
			{ speaker: 'customer', speakerName: 'Maria', start: '2024-03-05T07:09:35.000Z', text: "Hello, my parcel has not arrived & I'm worried.", userId: '00A1', eventId: 2 },
			{ speaker: 'bot', speakerName: 'HelperBot', start: '2024-03-05T07:09:37.000Z', text: 'Let me find an agent <b>for you</b>.', userId: '00B2', eventId: 4 },
			{ speaker: 'agent', speakerName: 'John', start: '2024-03-05T07:09:58.000Z', text: 'Hi Maria, I can help with that.', userId: '00C3', eventId: 8 },
			{ speaker: 'agent', speakerName: 'John', start: '2024-03-05T07:10:00.000Z', text: 'checking the courier system', userId: '00C3', eventId: 9, visibility: 'INT' },
			{ speaker: 'system', speakerName: 'system', start: '2024-03-05T07:10:04.000Z', text: 'The conversation may be recorded.', userId: '00D4', eventId: 11 },
		]);
		expect(transcript.text).toBe(
			[
				"Maria: Hello, my parcel has not arrived & I'm worried.",
				'HelperBot: Let me find an agent <b>for you</b>.',
				'John: Hi Maria, I can help with that.',
				'John: checking the courier system',
				'system: The conversation may be recorded.',
			].join('\n'),
		);
		expect(transcript.parties).toEqual([
			{ userId: '00A1', speaker: 'customer', name: 'Maria', userType: 'CLIENT', joinedAt: '2024-03-05T07:09:33.000Z', leftAt: '2024-03-05T07:11:04.000Z', leftReason: 'removed by other party' },
			{ userId: '00B2', speaker: 'bot', name: 'HelperBot', userType: 'AGENT', joinedAt: '2024-03-05T07:09:36.000Z', leftAt: '2024-03-05T07:09:38.000Z', leftReason: 'left due to disconnect' },
			{ userId: '00C3', speaker: 'agent', name: 'John', personId: 'jdoe', userType: 'AGENT', joinedAt: '2024-03-05T07:09:53.000Z', leftAt: '2024-03-05T07:11:03.000Z', leftReason: 'left' },
			{ userId: '00D4', speaker: 'system', name: 'system', userType: 'EXTERNAL', joinedAt: '2024-03-05T07:10:03.000Z' },
		]);
		expect(transcript.raw).toBeUndefined();
	});

	it('keeps the original XML in raw when asked', async () => {
		nock(UCS).get(contentPath('structured_text')).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });

		const { items } = await runGenesys(CONTENT('getStructuredText', IXN_ID, { options: { includeRaw: true } }));

		expect(items[0].json.raw).toBe(CHAT_XML);
	});

	it('adds notices as system segments when asked', async () => {
		nock(UCS).get(contentPath('structured_text')).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });

		const { items } = await runGenesys(CONTENT('getStructuredText', IXN_ID, { options: { includeNotices: true } }));

		const notices = (items[0].json.segments as Array<Record<string, unknown>>).filter((s) => s.kind === 'notice');
		expect(notices).toEqual([
			{ speaker: 'system', speakerName: 'HelperBot', start: '2024-03-05T07:09:37.000Z', text: 'transfer requested', userId: '00B2', eventId: 5, kind: 'notice' },
		]);
	});

	it('fails clearly, with line and column, on malformed XML', async () => {
		nock(UCS).get(contentPath('structured_text')).reply(200, '<chatTranscript>\n<message><msgText>hi</message>\n</chatTranscript>', {
			'Content-Type': 'text/xml',
		});

		const { error } = await runGenesys(CONTENT('getStructuredText'));

		expect(error?.message).toBe(
			`The structured text of interaction ${IXN_ID} is not well-formed XML: closing tag </message> does not match <msgText> (line 2, column 21)`,
		);
	});

	// How fast it is refused is a performance spec (xmlFuzz.perf.test.ts).
	it('refuses a DOCTYPE with an entity bomb without expanding it', async () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><chatTranscript>&lol2;</chatTranscript>`;
		nock(UCS).get(contentPath('structured_text')).reply(200, bomb, { 'Content-Type': 'text/xml' });

		const { error } = await runGenesys(CONTENT('getStructuredText'));

		expect(error?.message).toContain('DTD declarations (<!DOCTYPE>, <!ENTITY>) are refused');
	});

	it('returns non-XML structured text (an e-mail in HTML) whole, as text and raw', async () => {
		const html = '<html><body><p>Hello</p></body></html>';
		nock(UCS).get(contentPath('structured_text')).reply(200, html, { 'Content-Type': 'text/html; charset=utf-8' });

		const { items } = await runGenesys(CONTENT('getStructuredText'));

		expect(items[0].json).toMatchObject({ channel: 'unknown', format: 'text/html', text: html, raw: html, segments: [] });
	});

	it('keeps the text and the original of an XML document that is not a chat transcript', async () => {
		const xml = '<email><subject>Late parcel</subject><body>Where is it?</body></email>';
		nock(UCS).get(contentPath('structured_text')).reply(200, xml, { 'Content-Type': 'application/xml' });

		const { items } = await runGenesys(CONTENT('getStructuredText'));

		expect(items[0].json).toMatchObject({ format: 'email', text: 'Late parcel\nWhere is it?', raw: xml, segments: [] });
	});
});

describe('Content → Download Binary Content', () => {
	const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64 * 1024, 7)]);

	it('streams the content into a binary item with its mime type, named after the interaction', async () => {
		nock(UCS).get(contentPath('binary_content')).reply(200, pdf, {
			'Content-Type': 'application/pdf',
			'Content-Length': String(pdf.length),
		});

		const { items, error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'attachment' }));

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			interactionId: IXN_ID,
			fileName: `${IXN_ID}.pdf`,
			mimeType: 'application/pdf',
			bytes: pdf.length,
			source: 'genesysContextServices',
		});
		expect(items[0].binary?.attachment).toMatchObject({ mimeType: 'application/pdf', fileName: `${IXN_ID}.pdf` });
		expect(items[0].binary?.attachment.id).toMatch(/^filesystem/);
		expect(sha(await readBinary(items[0], 'attachment'))).toBe(sha(pdf));
	});

	it('refuses a web page answered in place of the content, naming it: nothing is stored', async () => {
		nock(UCS)
			.get(contentPath('binary_content'))
			.reply(200, '<!DOCTYPE html><html><head><title>Gateway login</title></head></html>', { 'Content-Type': 'text/html' });

		const { items, error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }));

		expect(items).toEqual([]);
		expect(error?.message).toContain('expected the file, got an HTML page "Gateway login" (HTTP 200');
	});

	it('uses the file name from Content-Disposition, without its path', async () => {
		nock(UCS).get(contentPath('binary_content')).reply(200, pdf, {
			'Content-Type': 'application/pdf',
			'Content-Disposition': 'attachment; filename="../../invoice 42.pdf"',
		});

		const { items } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }));

		expect(items[0].json.fileName).toBe('invoice 42.pdf');
	});

	it('sends the tenancy headers with the download too', async () => {
		nock(UCS, { reqheaders: { ContactCenterId: '101' } }).get(contentPath('binary_content')).reply(200, pdf);

		const { error } = await runGenesys(CONTENT('downloadBinary', IXN_ID, { binaryPropertyName: 'data' }), {
			credentials: genesysCredentials({ contactCenterId: '101' }),
		});

		expect(error).toBeUndefined();
	});
});

describe('Interaction → Get with Include Content', () => {
	it('follows the content URLs of the resource on the configured server', async () => {
		const pdf = Buffer.from('%PDF-1.4 tiny');
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());
		nock(UCS).get(contentPath('plain_text')).reply(200, 'plain words', { 'Content-Type': 'text/plain' });
		nock(UCS).get(contentPath('structured_text')).reply(200, CHAT_XML, { 'Content-Type': 'text/xml' });
		nock(UCS).get(contentPath('binary_content')).reply(200, pdf, { 'Content-Type': 'application/pdf' });

		const { items, error } = await runGenesys(
			GET(IXN_ID, { includeContent: ['plainText', 'structuredText', 'binaryContent'], binaryPropertyName: 'file' }),
		);

		expect(error).toBeUndefined();
		const [item] = items;
		expect(item.json.plainText).toBe('plain words');
		expect(item.json.transcript).toMatchObject({ channel: 'chat', language: 'en-GB' });
		expect((item.json.transcript as { segments: unknown[] }).segments).toHaveLength(5);
		expect(item.json.binaryContent).toEqual({ fileName: `${IXN_ID}.pdf`, mimeType: 'application/pdf', bytes: pdf.length });
		expect((await readBinary(item, 'file')).equals(pdf)).toBe(true);
	});

	it('fetches only the content asked for', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, interactionResource());
		nock(UCS).get(contentPath('plain_text')).reply(200, 'plain words');

		const { items } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText'] }));

		expect(items[0].json.plainText).toBe('plain words');
		expect(items[0].json.transcript).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
	});

	it('skips content the interaction does not have', async () => {
		const bare = interactionResource();
		delete bare.text;
		delete bare.structured_text;
		delete bare.binary_content;
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, bare);

		const { items, error } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText', 'structuredText', 'binaryContent'] }));

		expect(error).toBeUndefined();
		expect(items[0].json).not.toHaveProperty('plainText');
		expect(items[0].json).not.toHaveProperty('transcript');
	});

	it('uses a transcript the server puts inline instead of a link', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, { ...interactionResource(), structured_text: CHAT_XML });

		const { items } = await runGenesys(GET(IXN_ID, { includeContent: ['structuredText'] }));

		expect((items[0].json.transcript as { segments: unknown[] }).segments).toHaveLength(5);
	});

	it('follows the links of Context Services 8.5 under the GMS base path', async () => {
		const base = 'https://gms.example.com:8443/genesys/1/cs';
		nock('https://gms.example.com:8443').get(`/genesys/1/cs/interactions/${IXN_ID}`).reply(200, interactionResource(IXN_ID, base));
		nock('https://gms.example.com:8443').get(`/genesys/1/cs${contentPath('plain_text')}`).reply(200, 'via gms');

		const { items, error } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText'] }), {
			credentials: genesysCredentials({ baseUrl: base }),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.plainText).toBe('via gms');
	});
});
