import type { INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection } from '../../../shared/node/properties';
import { perItemOperation } from '../../../shared/node/operation';
import { assertGuid } from '../../../shared/node/inputChecks';
import { requestJson } from '../../../shared/http/request';
import { interactionPath, startVonageRun, vonageGet, VONAGE_API, VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';
import { interactionGuidProperty } from '../../properties';
import { readInteraction } from './interactionAnswer';

const showOnlyForInteractionGet = { resource: ['interaction'], operation: ['get'] };

export const interactionGetDescription: INodeProperties[] = [
	interactionGuidProperty(showOnlyForInteractionGet, 'The interaction to get, with the list of its content files'),
	optionsCollection(showOnlyForInteractionGet, requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE)),
];

export const getInteraction = perItemOperation(startVonageRun, async (fx, run, itemIndex) => {
	// Checked before the request: a malformed GUID never leaves n8n.
	const guid = assertGuid(fx.getNode(), fx.getNodeParameter('guid', itemIndex), 'Interaction GUID', itemIndex);
	const context = { vendor: VONAGE_API.vendor, subject: `interaction ${guid}`, itemIndex };
	const { statusCode, body } = await requestJson(fx, VONAGE_API, vonageGet(run, interactionPath(guid)), { ...run.call, ...context });
	return [{ json: readInteraction(fx.getNode(), body, { ...context, statusCode }) }];
});
