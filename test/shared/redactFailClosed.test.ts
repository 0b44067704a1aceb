import nock from 'nock';
import { describe, expect, it } from 'vitest';

import { luhnValid, normalise } from '../../nodes/shared/transcripts/redaction/index';
import { GenesysContextServices } from '../../nodes/GenesysContextServices/GenesysContextServices.node';
import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { runAsAgentTool } from '../harness/run-as-tool';
import { useNockOnly } from '../support/nockChecks';
import { FAST } from '../support/vendorRun';
import { CHAT_XML, CONTENT, GET, genesysCredentials, interactionResource, IXN_ID, runGenesys, UCS } from '../genesys/fixtures';
import { api as koreApi, media, runKore, SESSION, signedUrl, VOICEMAIL_PATH, wav } from '../koreai/fixtures';
import { api as vonageApi, GUID, mockToken, runVonage } from '../vonage/fixtures';

useNockOnly();

/**
 * Every transcript operation, Redact on, fed a card number in every field the vendor sends
 * (and in one the node does not know): no Luhn-valid run of 13–19 digits, in any form, may
 * be anywhere in the output item. The check below is independent of the redaction code's own
 * card finder: it reads every string and every key of the item, and every window of digits.
 */
const CARD = '4111 1111 1111 1111';
const AMEX = '3782-822463-10005';
const ODD = '1234567812345670'; // Luhn-valid with no issuer prefix: the last check must still catch it

function luhnWindows(text: string): string[] {
	const found: string[] = [];
	const digits = normalise(text).text.replace(/(\d)[ .,/-]{1,3}(?=\d)/g, '$1');
	for (const run of digits.match(/\d{13,}/g) ?? []) {
		for (let length = 13; length <= 19; length++) {
			for (let at = 0; at + length <= run.length; at++) {
				if (luhnValid(run.slice(at, at + length))) found.push(run.slice(at, at + length));
			}
		}
	}
	return found;
}

/** Every Luhn-valid window in the item's strings, keys and numbers, with where it was. */
function cardsLeft(value: unknown, path = ''): string[] {
	if (typeof value === 'string') return luhnWindows(value).map((card) => `${path}: ${card}`);
	if (typeof value === 'number') return luhnWindows(String(value)).map((card) => `${path}: ${card}`);
	if (Array.isArray(value)) return value.flatMap((entry, i) => cardsLeft(entry, `${path}[${i}]`));
	if (typeof value === 'object' && value !== null) {
		return Object.entries(value).flatMap(([key, entry]) => [...luhnWindows(key).map((card) => `${path} key: ${card}`), ...cardsLeft(entry, `${path}.${key}`)]);
	}
	return [];
}

const STRICT = { redact: 'strict' };
const ON = { redact: true };

describe('Fail closed: no card number leaves a transcript operation with Redact on', () => {
	it('the check itself finds a card in any form', () => {
		const found = cardsLeft({ a: [{ b: `x${CARD}y` }], [ODD]: 1, n: 4111111111111111, s: 'four one one one one one one one one one one one one one one one' });
		expect(new Set(found.map((where) => where.split(':')[0]))).toEqual(new Set(['.a[0].b', ' key', '.n', '.s']));
	});

	it.each([ON, STRICT])('Vonage Content → Get Transcript (%o)', async (options) => {
		mockToken();
		vonageApi()
			.get(`/interaction-content/interactions/${GUID}/content/transcript`)
			.reply(200, {
				language: 'en-GB',
				unknownField: `card ${CARD}`,
				transcript: [
					{ speaker: 'Agent', speakerName: ODD, start: 0, end: 2, text: `note ${AMEX}`, extra: CARD },
					{ speaker: 'Customer', start: 2, end: 4, text: `it's ${CARD.replace(/ /g, '.')}` },
				],
			});

		const { items, error } = await runVonage({ resource: 'content', operation: 'getTranscript', guid: GUID, transcriptKey: 'transcript', options: { ...FAST, includeRaw: true, ...options } });

		expect(error).toBeUndefined();
		expect(cardsLeft(items[0].json)).toEqual([]);
		expect(items[0].json.redactions).toMatchObject({ card: expect.any(Number) });
	});

	it('Vonage Analysis → Get, with a card in fields the analyzer adds', async () => {
		mockToken();
		vonageApi()
			.get('/conversation-analyzer/interactions')
			.query(true)
			.reply(200, [
				{
					guid: GUID,
					transcript: `Agent: number?\nCustomer: ${CARD}`,
					categories: [{ name: `paid with ${AMEX}` }],
					custom: { nested: [ODD, 4111111111111111] },
				},
			]);

		const { items, error } = await runVonage({ resource: 'analysis', operation: 'get', guidSource: 'items', callGuid: GUID, includeTranscript: true, options: { ...FAST, ...ON } });

		expect(error).toBeUndefined();
		expect(cardsLeft(items[0].json)).toEqual([]);
	});

	it('Kore.ai Voicemail → Get and → Download, with a card in file names and transcription fields', async () => {
		const answer = {
			status: 'success',
			'voicemail recording': [{ fileName: `vm-${ODD}.wav`, fileUrl: signedUrl('/m/vm.wav') }],
			transcriptions: [
				{ _id: 'ms-1', components: [{ _id: 'cp-1', cT: 'text', data: { text: `card ${CARD}` } }], lang: 'en', author: { id: AMEX, type: 'VOICEMAIL' } },
			],
		};
		koreApi().get(VOICEMAIL_PATH).query(true).times(2).reply(200, answer);
		media().get('/m/vm.wav').query(true).reply(200, wav, { 'Content-Type': 'audio/wav' });

		const get = await runKore({ resource: 'voicemail', operation: 'get', sessionId: SESSION }, { options: { includeRaw: true, ...ON } });
		const download = await runKore({ resource: 'voicemail', operation: 'download', sessionId: SESSION }, { options: { includeRaw: true, ...ON } });

		expect(get.error).toBeUndefined();
		expect(download.error).toBeUndefined();
		expect(cardsLeft(get.items[0].json)).toEqual([]);
		expect(cardsLeft(download.items[0].json)).toEqual([]);
	});

	it('Genesys Content → Get Structured Text and → Get Plain Text', async () => {
		const xml = CHAT_XML.replace('userNick="Maria"', `userNick="${ODD}"`).replace(
			'<msgText>Hello, my parcel has not arrived &amp; I&apos;m worried.</msgText>',
			`<msgText>card ${CARD}</msgText>`,
		);
		nock(UCS)
			.get(`/interactions/${IXN_ID}/structured_text`)
			.reply(200, xml, { 'Content-Type': 'text/xml' })
			.get(`/interactions/${IXN_ID}/plain_text`)
			.reply(200, `Dear support, ${AMEX} and ${ODD}`, { 'Content-Type': 'text/plain' });

		const structured = await runGenesys(CONTENT('getStructuredText', IXN_ID, { options: { includeRaw: true, ...ON } }));
		const plain = await runGenesys(CONTENT('getPlainText', IXN_ID, { options: ON }));

		expect(structured.error).toBeUndefined();
		expect(cardsLeft(structured.items[0].json)).toEqual([]);
		expect(cardsLeft(plain.items[0].json)).toEqual([]);
	});
});

describe('Genesys Interaction → Get with the content inline', () => {
	/** A server that puts the content itself in `text` and `structured_text`, not a link to it. */
	function inlineResource() {
		return {
			...interactionResource(),
			text: `Customer: my card is ${CARD} and my SSN 123-45-6789`,
			structured_text: CHAT_XML.replace('<msgText>Hello, my parcel has not arrived &amp; I&apos;m worried.</msgText>', `<msgText>${CARD}</msgText>`),
			subject: `Refund to ${AMEX}`,
			udata: { note: ODD, ChatServerHost: 'SUITE80' },
		};
	}

	it('outputs the inline content only redacted, and no field keeps the card or the SSN', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, inlineResource());

		const { items, error } = await runGenesys(GET(IXN_ID, { includeContent: ['plainText', 'structuredText'], options: ON }));

		expect(error).toBeUndefined();
		const json = items[0].json;
		expect(json.plainText).toBe('Customer: my card is [CARD] and my SSN [SSN]');
		expect(json).not.toHaveProperty('text');
		expect(json).not.toHaveProperty('structured_text');
		expect(cardsLeft(json)).toEqual([]);
		expect(JSON.stringify(json)).not.toMatch(/123-45-6789/);
	});

	it('leaks nothing when an AI Agent runs it as a tool', async () => {
		nock(UCS).get(`/interactions/${IXN_ID}`).reply(200, inlineResource());

		const { observation, items } = await runAsAgentTool({
			nodeType: new GenesysContextServices(),
			credentialTypes: [new GenesysContextServicesApi()],
			credentials: genesysCredentials(),
			parameters: { resource: 'interaction', operation: 'get', interactionId: IXN_ID, includeContent: ['plainText', 'structuredText'], options: { ...FAST, ...ON } },
		});

		expect(items).toHaveLength(1);
		expect(cardsLeft(items[0].json)).toEqual([]);
		expect(luhnWindows(observation)).toEqual([]);
		expect(observation).not.toMatch(/123-45-6789/);
	});
});
