import type { INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection, outputFileField } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { GENESYS_REQUESTS_PER_MINUTE, interactionPath, startGenesysRun } from '../../transport/genesysApi';
import { assertGenesysId } from '../../transport/ids';
import { CONTENT_KINDS, fetchBinaryContent } from './contentFetch';

const showOnlyForDownloadBinary = { resource: ['content'], operation: ['downloadBinary'] };

export const contentDownloadBinaryDescription: INodeProperties[] = [
	outputFileField(showOnlyForDownloadBinary),
	optionsCollection(showOnlyForDownloadBinary, requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)),
];

export const downloadBinaryContent = perItemOperation(startGenesysRun, async (fx, run, itemIndex) => {
	const id = assertGenesysId(fx.getNode(), fx.getNodeParameter('interactionId', itemIndex), 'Interaction ID', itemIndex);
	const binaryPropertyName = fx.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const url = `${run.server.baseUrl}${interactionPath(id, CONTENT_KINDS.binaryContent.segment)}`;
	return [await fetchBinaryContent(fx, run, url, id, binaryPropertyName, itemIndex)];
});
