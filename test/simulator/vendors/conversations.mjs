/**
 * The words behind the served media and the chats. Every call recording is the same audio file
 * (media/call-recording.wav: a customer whose parcel is late), so every call transcript tells that
 * conversation, with turn times that follow the audio; chats draw from a few short scripts.
 * Customers read out card numbers, e-mail addresses and phone numbers, as they do on real calls:
 * the text goes beyond the audio there, so that redaction has real PII to remove end to end.
 */

/** The PII the transcripts below contain, for checks that none of it reaches a Slack message. */
export const TRANSCRIPT_PII = {
	cards: ['4111 1111 1111 1111', '5500 0000 0000 0004', '4012 8888 8888 1881'],
	emails: ['maria.lopez@example.com', 'chen.wei@example.org', 'fatima.khan@example.net'],
	phones: ['+1 415 555 0134', '020 7946 0958', '07700 900123', '+44 7700 900456'],
};

/** Turns of media/call-recording.wav (23.3 s): [speaker, start s, end s, words]. */
export const CALL_TURNS = [
	['agent', 0.0, 3.2, 'Thank you for calling. How can I help you today?'],
	['customer', 3.6, 9.3, 'Hi. My parcel was due on Monday and it still has not arrived. I paid with my card, 4111 1111 1111 1111. What happened?'],
	['agent', 9.4, 11.4, 'Let me check that for you.'],
	['agent', 11.8, 13.2, "I'm sorry about that."],
	['agent', 13.8, 17.9, 'It was held at the warehouse, and it will arrive tomorrow.'],
	['customer', 18.3, 20.3, "That's really good news, thank you. Send the tracking number to maria.lopez@example.com, or text me on +1 415 555 0134."],
	['agent', 20.5, 23.2, "You're welcome. Have a nice day."],
];
export const CALL_SECONDS = 23.3;

/** media/voicemail.wav (8.7 s). */
export const VOICEMAIL_TEXT = 'Hi, this is a message about my order. Please call me back on +44 7700 900456 when you can. Thank you.';

/** Chat scripts: [speaker, seconds after start, text]. `&` and `<` are there on purpose (escaping). */
export const CHAT_SCRIPTS = [
	[
		['customer', 0, 'Hello, I was charged twice for order 4471 on my card 5500 0000 0000 0004.'],
		['agent', 24, 'Hi, sorry about that! Let me look at the payment.'],
		['agent', 71, 'I can see both charges. I have refunded the second one & it shows in 3-5 days. The receipt went to chen.wei@example.org.'],
		['customer', 95, 'Great, thanks for the quick help.'],
		['agent', 110, 'You are welcome. Anything else I can do?'],
		['customer', 131, 'No, that is all. Bye!'],
	],
	[
		['customer', 0, 'Can I change the delivery address for my parcel?'],
		['agent', 40, 'Yes, if it has not left the warehouse yet. What is the order number?'],
		['customer', 62, 'It is 88-1203. The driver can call me on 020 7946 0958.'],
		['agent', 105, 'Done: the new address is saved and the parcel ships tomorrow.'],
		['customer', 121, 'Perfect <3 thank you'],
	],
	[
		['customer', 0, 'My router keeps dropping the connection every evening.'],
		['agent', 33, 'That sounds frustrating. Have you restarted it since it started?'],
		['customer', 58, 'Yes, twice. No change. My e-mail is fatima.khan@example.net and my mobile 07700 900123.'],
		['agent', 120, 'I have pushed a firmware update to it. Please restart it once more in ten minutes.'],
		['customer', 160, 'OK, I will try that tonight. If it fails again I will pay for the new one with 4012 8888 8888 1881.'],
	],
];

export const AGENTS = [
	{ id: '1342', name: 'Sam Carter' },
	{ id: '1407', name: 'Priya Nair' },
	{ id: '1519', name: 'Lucas Martin' },
	{ id: '1622', name: 'Aiko Tanaka' },
];

export const CUSTOMERS = ['Maria Lopez', 'John Smith', 'Chen Wei', 'Fatima Khan', 'Olivia Brown', 'Noah Wilson'];

/** The Conversation Analyzer's transcript: one line per turn, no speaker names (as in its docs). */
export function analyzerTranscript() {
	return CALL_TURNS.map(([, , , words]) => words).join('\n');
}
