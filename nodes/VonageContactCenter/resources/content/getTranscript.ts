import type { INodeProperties } from 'n8n-workflow';

import { expectJsonDocument } from '../../../shared/http/expectedAnswers';
import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { normaliseTranscript } from '../../../shared/transcripts/model';
import { redactOption, sealRedacted, textFormatOption, transcriptChoice, transcriptOutput } from '../../../shared/transcripts/output';
import { requestJson } from '../../../shared/http/request';
import { contentPath, startVonageRun, vonageGet, VONAGE_API, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';
import { interactionGuidParameter } from './contentFile';
import { VONAGE } from '../../vendor';

const showOnlyForGetTranscript = { resource: ['content'], operation: ['getTranscript'] };

export const contentGetTranscriptDescription: INodeProperties[] = [
	{
		displayName: 'Transcript',
		name: 'transcriptKey',
		type: 'options',
		options: [
			{ name: 'Call Transcript', value: 'transcript' },
			{ name: 'Chat Transcript', value: 'chatTranscript' },
		],
		default: 'transcript',
		displayOptions: { show: showOnlyForGetTranscript },
	},
	optionsCollection(showOnlyForGetTranscript, [
		{
			displayName: 'Include Raw Transcript',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to keep the vendor\'s original document in the "raw" field',
		},
		redactOption,
		textFormatOption,
		...requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	]),
];

export const getTranscript = perItemOperation(startVonageRun, async (fx, run, itemIndex) => {
	const guid = interactionGuidParameter(fx, itemIndex);
	const key = fx.getNodeParameter('transcriptKey', itemIndex) as 'transcript' | 'chatTranscript';
	const { includeRaw } = fx.getNodeParameter('options', itemIndex, {}) as { includeRaw?: boolean };
	const context = { vendor: VONAGE_API.vendor, itemIndex, subject: `interaction ${guid}, content ${key}` };
	const { statusCode, body } = await requestJson<unknown>(fx, VONAGE_API, vonageGet(run, contentPath(guid, key)), {
		...run.call,
		...context,
	});
	// Transcript files are JSON; anything else (a proxy page, text, null) is not fx transcript.
	const document = expectJsonDocument(fx.getNode(), body, 'a JSON transcript', { ...context, statusCode });
	const transcript = normaliseTranscript({
		vendor: VONAGE.id,
		interactionId: guid,
		channel: key === 'chatTranscript' ? 'chat' : 'voice',
		document,
		includeRaw: includeRaw === true,
	});
	const choice = transcriptChoice(fx, itemIndex);
	return [{ json: sealRedacted(transcriptOutput(transcript, choice), choice, [guid]) }];
});
