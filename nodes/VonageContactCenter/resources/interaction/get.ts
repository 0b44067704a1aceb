import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/callOptions';
import { assertGuid } from '../../../shared/validation';
import { VONAGE_REQUESTS_PER_MINUTE } from '../../transport/vonageApi';

const showOnlyForInteractionGet = { resource: ['interaction'], operation: ['get'] };

/** Runs before the request: a malformed GUID never leaves n8n. */
export async function validateInteractionGuid(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	assertGuid(this.getNode(), this.getNodeParameter('guid'), 'Interaction GUID', this.getItemIndex());
	return requestOptions;
}

export const interactionGetDescription: INodeProperties[] = [
	{
		displayName: 'Interaction GUID',
		name: 'guid',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2480fc2c-bbd7-427c-9439-02f76583aef5',
		description: 'The interaction to get, with the list of its content files',
		displayOptions: { show: showOnlyForInteractionGet },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForInteractionGet },
		options: requestBehaviourOptions(VONAGE_REQUESTS_PER_MINUTE),
	},
];
