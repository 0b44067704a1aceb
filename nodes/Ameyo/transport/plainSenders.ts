import type { ICredentialTestFunctions, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { SIGN_IN_TIMEOUT_MS } from '../../shared/http/signInFailure';
import type { PlainRequest, PlainResponse, SendPlain } from './session';

/**
 * The login and the Test button's session check run outside a node (in preAuthentication and
 * in a credential test), where n8n offers different request helpers. Both send the same plain
 * request: status not judged by n8n (so no error can carry the request body with the
 * password), no redirects (a 307 would re-send the password to wherever it points).
 */

export function preAuthenticationSender(helper: IHttpRequestHelper): SendPlain {
	return async (request: PlainRequest): Promise<PlainResponse> => {
		const response = (await helper.helpers.httpRequest({
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			skipSslCertificateValidation: request.skipTls,
			timeout: SIGN_IN_TIMEOUT_MS,
		})) as { statusCode: number; headers?: IDataObject; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}

export function credentialTestSender(fx: ICredentialTestFunctions): SendPlain {
	return async (request: PlainRequest): Promise<PlainResponse> => {
		const response = (await fx.helpers.request({
			method: request.method,
			uri: request.url,
			headers: request.headers,
			body: request.body,
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			followAllRedirects: false,
			rejectUnauthorized: !request.skipTls,
			timeout: SIGN_IN_TIMEOUT_MS,
		})) as { statusCode: number; headers?: IDataObject; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
}
