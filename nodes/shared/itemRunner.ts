import {
	NodeOperationError,
	type FunctionsBase,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IPairedItemData,
} from 'n8n-workflow';

/**
 * Runs one operation for each input item, in order. Output items always point back at the
 * input they came from; with "Continue On Fail" a failed input becomes one error item and the
 * others still run.
 */
export async function runForEachItem(
	fx: IExecuteFunctions,
	perItem: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[][]> {
	const items = fx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const results = await perItem(itemIndex);
			output.push(...withPairing(results, { item: itemIndex }));
		} catch (error) {
			if (!fx.continueOnFail()) throw asNodeError(fx, error, itemIndex);
			output.push(errorItem(error, itemIndex));
		}
	}
	return [output];
}

export function withPairing(items: INodeExecutionData[], pairedItem: IPairedItemData | IPairedItemData[]): INodeExecutionData[] {
	return items.map((item) => ({ ...item, pairedItem: item.pairedItem ?? pairedItem }));
}

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
