import type { INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { redactOption, sealRedacted, textFormatOption } from '../../../shared/transcripts/output';
import { GENESYS_REQUESTS_PER_MINUTE, interactionPath, startGenesysRun } from '../../transport/genesysApi';
import { assertGenesysId } from '../../transport/ids';
import { CONTENT_KINDS, fetchStructuredText, structuredTextOutput, type TranscriptOptions } from './contentFetch';

const showOnlyForGetStructuredText = { resource: ['content'], operation: ['getStructuredText'] };

/** Shared with Interaction → Get, whose "Include Content" can return the same transcript. */
export const transcriptOptions: INodeProperties[] = [
	{
		displayName: 'Include Notices',
		name: 'includeNotices',
		type: 'boolean',
		default: false,
		description:
			'Whether to add chat notices (system and custom notices, often copies of bot messages) as system segments',
	},
	{
		displayName: 'Include Raw Text',
		name: 'includeRaw',
		type: 'boolean',
		default: false,
		description: 'Whether to keep the original structured text (XML) in the "raw" field',
	},
	redactOption,
	textFormatOption,
];

export const contentGetStructuredTextDescription: INodeProperties[] = [
	optionsCollection(showOnlyForGetStructuredText, [...transcriptOptions, ...requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)]),
];

export const getStructuredText = perItemOperation(startGenesysRun, async (fx, run, itemIndex) => {
	const id = assertGenesysId(fx.getNode(), fx.getNodeParameter('interactionId', itemIndex), 'Interaction ID', itemIndex);
	const options = fx.getNodeParameter('options', itemIndex, {}) as TranscriptOptions;
	const url = `${run.server.baseUrl}${interactionPath(id, CONTENT_KINDS.structuredText.segment)}`;
	const transcript = await fetchStructuredText(fx, run, url, id, options, itemIndex);
	return [{ json: sealRedacted(structuredTextOutput(fx, transcript, itemIndex), options, [id]) }];
});
