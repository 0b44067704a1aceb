import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { retryPolicyFrom, type RequestBehaviour } from './callOptions';
import { requestJson, type VendorApi } from './vendorRequest';

/**
 * Declarative routing has no retry or vendor-error hook, but its `pagination` function receives
 * the fully built request. Routing operations point it here so their single request runs under
 * the shared policy and error mapping, exactly like the custom operations.
 */
export function sendRoutedRequest(api: VendorApi, subjectParameter?: { name: string; label: string }) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const behaviour = this.getNodeParameter('options', {}) as RequestBehaviour;
		const subjectValue = subjectParameter ? this.getNodeParameter(subjectParameter.name, '') : '';
		const { body } = await requestJson(this, api, requestData.options as IHttpRequestOptions, {
			vendor: api.vendor,
			subject: subjectParameter ? `${subjectParameter.label} ${String(subjectValue)}` : undefined,
			itemIndex: this.getItemIndex(),
			policy: retryPolicyFrom(behaviour),
		});
		const list = Array.isArray(body) ? body : [body];
		return list.map((json) => ({ json: (json ?? {}) as INodeExecutionData['json'] }));
	};
}
