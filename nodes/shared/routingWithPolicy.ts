import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import type { AnswerContext } from './answerShape';
import { retryPolicyFrom, type RequestBehaviour } from './callOptions';
import { requestJson, type VendorApi } from './vendorRequest';

/**
 * Declarative routing has no retry or vendor-error hook, but its `pagination` function receives
 * the fully built request. Routing operations point it here so their single request runs under
 * the shared policy and error mapping, exactly like the custom operations. `readAnswer` holds the
 * answer to its documented shape (see answerShape), so a 200 that is not the data is an error.
 */
export function sendRoutedRequest(
	api: VendorApi,
	subjectParameter: { name: string; label: string } | undefined,
	readAnswer: (node: INode, body: unknown, context: AnswerContext) => IDataObject | IDataObject[],
) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const behaviour = this.getNodeParameter('options', {}) as RequestBehaviour;
		const subjectValue = subjectParameter ? this.getNodeParameter(subjectParameter.name, '') : '';
		const context = {
			vendor: api.vendor,
			subject: subjectParameter ? `${subjectParameter.label} ${String(subjectValue)}` : undefined,
			itemIndex: this.getItemIndex(),
		};
		const { statusCode, body } = await requestJson(this, api, requestData.options as IHttpRequestOptions, {
			...context,
			policy: retryPolicyFrom(behaviour),
		});
		const answer = readAnswer(this.getNode(), body, { ...context, statusCode });
		return (Array.isArray(answer) ? answer : [answer]).map((json) => ({ json }));
	};
}
