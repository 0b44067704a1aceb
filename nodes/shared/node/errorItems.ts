import {
	NodeOperationError,
	type FunctionsBase,
	type INodeExecutionData,
} from 'n8n-workflow';

/** What a failed input becomes: an error item with "Continue On Fail", else an error naming the item. */

/** The item a failed input becomes with "Continue On Fail": the error's message, description and HTTP code. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const e = error as { message?: string; description?: string; httpCode?: string | null };
	const json: { error: string; description?: string; httpCode?: string } = {
		error: e.message ?? String(error),
	};
	if (e.description) json.description = e.description;
	if (e.httpCode) json.httpCode = e.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The error to throw for an input item: a NodeApiError / NodeOperationError tagged with the item,
 * anything else wrapped in a NodeOperationError. Any function context will do (execute, routing…).
 */
export function asNodeError(fx: Pick<FunctionsBase, 'getNode'>, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { name?: string }).name === 'NodeApiError') {
		const withContext = error as { context?: { itemIndex?: number } };
		withContext.context = { ...(withContext.context ?? {}), itemIndex };
		return error as Error;
	}
	return new NodeOperationError(fx.getNode(), error as Error, { itemIndex });
}
