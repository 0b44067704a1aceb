import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import {
	plainTextMetrics,
	plainTextOutput,
	redactionLevel,
	redactOption,
	sealRedacted,
	textFormatOption,
	transcriptChoice,
} from '../../../shared/transcripts/output';
import { GENESYS_REQUESTS_PER_MINUTE, interactionPath, startGenesysRun } from '../../transport/genesysApi';
import { assertGenesysId } from '../../transport/ids';
import { CONTENT_KINDS, fetchPlainText } from './contentFetch';

const showOnlyForGetPlainText = { resource: ['content'], operation: ['getPlainText'] };

export const contentGetPlainTextDescription: INodeProperties[] = [
	optionsCollection(showOnlyForGetPlainText, [redactOption, textFormatOption, ...requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)]),
];

export const getPlainText = perItemOperation(startGenesysRun, async (fx, run, itemIndex) => {
	const id = assertGenesysId(fx.getNode(), fx.getNodeParameter('interactionId', itemIndex), 'Interaction ID', itemIndex);
	const url = `${run.server.baseUrl}${interactionPath(id, CONTENT_KINDS.plainText.segment)}`;
	const choice = transcriptChoice(fx, itemIndex);
	const json = await fetchPlainText(fx, run, url, id, itemIndex);
	const metrics = plainTextMetrics(String(json.text));
	const redact = redactionLevel(choice) !== 'off';
	const output: IDataObject = { ...json, ...plainTextOutput(String(json.text), choice), ...(redact ? { redacted: true } : {}), metrics };
	// bytes describes what Genesys sent, not the redacted text.
	if (redact) delete output.bytes;
	return [{ json: sealRedacted(output, choice, [id]) }];
});
