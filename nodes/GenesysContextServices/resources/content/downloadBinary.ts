import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions, type RequestBehaviour } from '../../../shared/node/requestOptions';
import { optionsCollection, outputFileField } from '../../../shared/node/properties';
import { runForEachItem } from '../../../shared/node/runItems';
import { GENESYS_REQUESTS_PER_MINUTE, interactionPath, startGenesysRun } from '../../transport/genesysApi';
import { assertGenesysId } from '../../transport/ids';
import { CONTENT_KINDS, fetchBinaryContent } from './contentFetch';

const showOnlyForDownloadBinary = { resource: ['content'], operation: ['downloadBinary'] };

export const contentDownloadBinaryDescription: INodeProperties[] = [
	outputFileField(showOnlyForDownloadBinary),
	optionsCollection(showOnlyForDownloadBinary, requestBehaviourOptions(GENESYS_REQUESTS_PER_MINUTE)),
];

export async function downloadBinaryContent(this: IExecuteFunctions) {
	const run = await startGenesysRun(this, this.getNodeParameter('options', 0, {}) as RequestBehaviour);
	return await runForEachItem(this, async (itemIndex) => {
		const id = assertGenesysId(this.getNode(), this.getNodeParameter('interactionId', itemIndex), 'Interaction ID', itemIndex);
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const url = `${run.server.baseUrl}${interactionPath(id, CONTENT_KINDS.binaryContent.segment)}`;
		return [await fetchBinaryContent(this, run, url, id, binaryPropertyName, itemIndex)];
	});
}
