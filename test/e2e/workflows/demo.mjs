/**
 * The demo: new recordings → download audio → transcript and sentiment → a message to a
 * Slack-shaped webhook. Vonage Contact Center, because it has all four steps in one API.
 */
import { assertNoTranscriptPii } from '../templates.mjs';
import { chain, manualTrigger, node, outputOf, PACKAGES, withCredential } from './build.mjs';

const TYPE = `${PACKAGES.vonage}.vonageContactCenter`;
const CRED = 'vonageContactCenterApi';

/** The Slack message, as an n8n expression over the analysis item and its paired download. */
const SLACK_BODY = `={{ JSON.stringify({ text: [
  ':telephone_receiver: *New call recording* ' + $json.guid,
  'Sentiment: *' + ($json.sentimentSummary?.overallSentiment ?? 'n/a') + '* · talk time agent ' + ($json.callTimeBreakDown?.agent ?? '?') + ' s / customer ' + ($json.callTimeBreakDown?.customer ?? '?') + ' s',
  'Audio: ' + $('Download Audio').item.json.fileName + ' (' + $('Download Audio').item.json.bytes + ' bytes)',
  '> ' + ($json.normalizedTranscript?.text ?? '').split('\\n').slice(0, 3).join('\\n> ')
].join('\\n') }) }}`;

export function demoWorkflow(credential, slackUrl) {
	const vonage = (name, parameters) =>
		withCredential(node(name, TYPE, { options: {}, ...parameters }), CRED, credential);
	return chain('Demo: new recordings → transcript and sentiment → Slack', [
		manualTrigger(),
		vonage('New Recordings', {
			resource: 'interaction',
			operation: 'search',
			start: '={{ $now.minus({ days: 7 }).toISO() }}',
			end: '={{ $now.toISO() }}',
			returnAll: false,
			limit: 5,
		}),
		vonage('Download Audio', {
			resource: 'content',
			operation: 'downloadAll',
			guid: '={{ $json.guid }}',
			contentTypes: ['callRecording'],
			binaryPropertyName: 'audio',
		}),
		vonage('Transcript and Sentiment', {
			resource: 'analysis',
			operation: 'get',
			guidSource: 'items',
			callGuid: '={{ $json.interactionId }}',
			includeTranscript: true,
			options: { redact: true },
		}),
		node(
			'Post to Slack',
			'n8n-nodes-base.httpRequest',
			{
				method: 'POST',
				url: slackUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: SLACK_BODY,
				options: {},
			},
			{ typeVersion: 4.2 },
		),
	]);
}

export function verifyDemo(run, sim, slack) {
	const posted = outputOf(run, 'Post to Slack');
	const analysed = outputOf(run, 'Transcript and Sentiment');
	if (posted.length === 0 || posted.length !== analysed.length) {
		throw new Error(`expected one Slack post per analysed recording, got ${posted.length} for ${analysed.length}`);
	}
	if (slack && slack.messages.length < posted.length) throw new Error('the Slack webhook did not receive the messages');
	for (const message of slack?.messages ?? []) assertNoTranscriptPii(message.text, 'demo message');
	return `${posted.length} Slack messages, e.g. ${JSON.stringify(slack?.messages[0]?.text ?? '').slice(0, 120)}`;
}
