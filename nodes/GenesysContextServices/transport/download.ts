import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { storeResponseAsBinary, type DownloadedFile, type DownloadNaming } from '../../shared/streamToBinary';
import { vendorApiError } from '../../shared/vendorError';
import type { CallOptions } from '../../shared/vendorRequest';
import { consumeStream, GENESYS_API, type GenesysRun } from './genesysApi';

/**
 * Streams a response into n8n's binary store (never held whole in memory). The shared
 * downloadToBinary follows redirects on its own; this one goes through the Genesys transport,
 * which only follows them on the configured server.
 */
export async function downloadOnServer(
	fx: IExecuteFunctions,
	run: GenesysRun,
	request: IHttpRequestOptions,
	naming: DownloadNaming,
	call: CallOptions,
): Promise<DownloadedFile> {
	return await consumeStream(fx, run, request, call, async (response) => {
		const { expectedBytes, ...file } = await storeResponseAsBinary(fx, response, naming);
		if (expectedBytes !== undefined && Number.isFinite(file.bytes) && file.bytes !== expectedBytes) {
			throw vendorApiError(
				fx.getNode(),
				{ message: 'short body', expected: expectedBytes, received: file.bytes },
				{
					message: `${GENESYS_API.vendor}: the download ended after ${file.bytes} of ${expectedBytes} bytes${call.subject ? ` (${call.subject})` : ''}`,
					description: 'The connection closed before the whole file arrived; nothing was stored as a success.',
					httpCode: String(response.statusCode),
					itemIndex: call.itemIndex,
				},
			);
		}
		return file;
	});
}
