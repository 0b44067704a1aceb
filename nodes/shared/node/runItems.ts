import type { IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { asNodeError, errorItem } from './errorItems';

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
