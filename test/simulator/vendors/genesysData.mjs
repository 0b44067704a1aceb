/**
 * Genesys Context Services / UCS data: customers and services with chat, e-mail, SMS and voice
 * interactions shaped like the documented interaction resource. Content URLs are absolute, as
 * UCS returns them; one interaction's URLs point at a foreign host (clients must refuse to send
 * their credentials there) and the voice interaction has no content (audio lives in GIR).
 */
import { buildPdf, describeFile, documentFile } from '../media.mjs';
import { createRandom, stableSecret } from '../random.mjs';
import { AGENTS, CHAT_SCRIPTS, CUSTOMERS } from './conversations.mjs';
import { chatPlainText, chatTranscriptXml } from './genesysChatXml.mjs';

const DAY = 86_400_000;
const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const FOREIGN_HOST = 'http://evil.example.invalid';

const KINDS = ['chat', 'email', 'chat', 'sms', 'email', 'chat', 'voice', 'chat', 'email', 'chat', 'sms', 'chat', 'email', 'chat', 'chat', 'email'];
const ENTITY_TYPE = { email: 0, chat: 2, voice: 3, sms: 7 };
const ts = (ms) => new Date(ms).toISOString();

function emailParts(customer, agent, index) {
	const subject = ['Refund for order 4471', 'Where is my parcel?', 'Invoice request', 'Change of address', 'Complaint about delivery'][index % 5];
	const text = `Hello,\n\n${subject}: could you please help me with this? My order number is ${4400 + index * 7}.\n\nKind regards,\n${customer}\n`;
	const html = `<html><body><p>Hello,</p><p>${subject}: could you please help me with this? My order number is ${4400 + index * 7}.</p><p>Kind regards,<br>${customer}</p><p style="color:#888">Replied by ${agent.name}</p></body></html>\n`;
	return { subject, text, html };
}

export function buildGenesysData({ seed, now, baseUrl }) {
	const random = createRandom(seed, 'genesys');
	const id = () => `000${random.chars(13, ID_ALPHABET)}`;
	const credentials = {
		contactCenterId: random.uuid(),
		groupId: random.uuid(),
		username: 'gms-api',
		password: stableSecret(seed, 'genesys-password', 20),
	};
	const customers = CUSTOMERS.slice(0, 5).map((name) => ({ customerId: id(), name }));
	const services = [101, 102, 103].map((n) => ({ serviceId: String(n + random.int(0, 50) * 10) }));
	const interactions = [];
	KINDS.forEach((kind, i) => {
		const interactionId = id();
		const customer = customers[i % customers.length];
		const agent = AGENTS[i % AGENTS.length];
		const startMs = Math.floor((now - 30 * DAY + ((i + random.next() * 0.8) / KINDS.length) * 29 * DAY) / 1000) * 1000;
		const foreign = i === 7;
		const contents = {};
		let subject;
		let mime;
		if (kind === 'chat') {
			const script = CHAT_SCRIPTS[i % CHAT_SCRIPTS.length];
			const parties = {
				customer: { userId: random.hex(16).toUpperCase(), nick: customer.name },
				agent: { userId: random.hex(16).toUpperCase(), nick: agent.name.split(' ')[0], personId: agent.name.toLowerCase().replace(' ', '.') },
				system: { userId: random.hex(16).toUpperCase() },
			};
			const xml = chatTranscriptXml({ startAt: ts(startMs).replace('.000Z', 'Z'), sessionId: interactionId, script, parties, udata: { FirstName: customer.name.split(' ')[0], MediaType: 'chat', ServiceType: 'default' } });
			contents.plain_text = documentFile(chatPlainText({ script, parties }), 'text/plain; charset=utf-8');
			contents.structured_text = documentFile(xml, 'text/xml; charset=utf-8');
			mime = 'text/xml';
			subject = 'Web chat';
		} else if (kind === 'email') {
			const parts = emailParts(customer.name, agent, i);
			contents.plain_text = documentFile(parts.text, 'text/plain; charset=utf-8');
			contents.structured_text = documentFile(parts.html, 'text/html; charset=utf-8');
			if (i % 2 === 0) contents.binary_content = buildPdf([`Invoice ${4400 + i * 7}`, `Customer: ${customer.name}`, 'Amount: 42.00 EUR']);
			mime = 'text/html';
			subject = parts.subject;
		} else if (kind === 'sms') {
			contents.plain_text = documentFile('Hi, is my parcel arriving today? Thanks\n', 'text/plain; charset=utf-8');
			subject = 'SMS chat';
		} else {
			subject = 'Inbound call';
		}
		const host = foreign ? FOREIGN_HOST : baseUrl.replace(/\/genesys\/1\/cs$/, '');
		const url = (part) => `${host}/genesys/1/cs/interactions/${interactionId}/${part}`;
		const resource = {
			external_id: random.hex(16).toUpperCase(),
			established_date: ts(startMs + 5000),
			...(contents.plain_text ? { text: url('plain_text') } : {}),
			media_type: kind === 'sms' ? 'sms' : kind,
			udata: { RTargetAgentSelected: agent.id, RTenant: 'defaultTenant', ServiceType: 'default', CustomerSegment: random.pick(['default', 'gold']) },
			...(contents.binary_content ? { binary_content: url('binary_content') } : {}),
			...(contents.structured_text ? { structured_text: url('structured_text') } : {}),
			status: i === KINDS.length - 1 ? 2 : 3,
			subject,
			timeshift: 1,
			type: 'Inbound',
			interaction_id: interactionId,
			allow_children: true,
			end_date: ts(startMs + random.int(60, 900) * 1000),
			owner_id: 124,
			sub_type: 'InboundNew',
			released_date: ts(startMs + random.int(900, 1200) * 1000),
			entity_type: ENTITY_TYPE[kind],
			creator_app_id: 175,
			thread_id: interactionId.slice(0, 12) + random.chars(4, ID_ALPHABET),
			start_date: ts(startMs),
			...(mime ? { structured_text_mime: mime } : {}),
			customer_id: customer.customerId,
		};
		interactions.push({ interactionId, kind, customerId: customer.customerId, serviceId: services[i % services.length].serviceId, resource, contents, foreign });
	});
	const byId = new Map(interactions.map((x) => [x.interactionId, x]));
	const idsOf = (pred) => interactions.filter(pred).map((x) => x.interactionId);
	return {
		credentials,
		interactions,
		byId,
		customers,
		services,
		catalog: {
			contactCenterId: credentials.contactCenterId,
			customers: customers.map((c) => ({ ...c, interactionIds: idsOf((x) => x.customerId === c.customerId) })),
			services: services.map((s) => ({ ...s, interactionIds: idsOf((x) => x.serviceId === s.serviceId) })),
			interactions: interactions.map((x) => ({
				interactionId: x.interactionId,
				mediaType: x.resource.media_type,
				customerId: x.customerId,
				serviceId: x.serviceId,
				content: Object.fromEntries(Object.entries(x.contents).map(([k, f]) => [k, describeFile(f)])),
				...(x.foreign ? { foreignHost: FOREIGN_HOST } : {}),
			})),
			foreignHostInteractionId: interactions.find((x) => x.foreign).interactionId,
			noContentInteractionId: interactions.find((x) => x.kind === 'voice').interactionId,
		},
	};
}
