import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from './runItems';

/**
 * The one way an operation is declared. Every node here is a programmatic node whose operations
 * n8n dispatches through `customOperations`: routing has no hook for streaming into the binary
 * store, session renewal, Retry-After or pacing. An operation file exports its parameters
 * (`<operation>Description`) and its run function, built here from the vendor's run starter and
 * the work for one input item.
 */

/** What every item of one execution shares, built once (credential, base URL, retry policy, the account's pacer). */
export type StartRun<Run> = (fx: IExecuteFunctions) => Promise<Run>;

/** The work for one input item; what it returns is paired with that item. */
export type ItemWork<Run> = (fx: IExecuteFunctions, run: Run, itemIndex: number) => Promise<INodeExecutionData[]>;

/** What n8n calls for one operation of one execution. */
export type OperationRun = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** An operation that works item by item: in order, each output paired, Continue On Fail per item (runForEachItem). */
export function perItemOperation<Run>(startRun: StartRun<Run>, work: ItemWork<Run>): OperationRun {
	return async function (this: IExecuteFunctions) {
		const run = await startRun(this);
		return await runForEachItem(this, async (itemIndex) => await work(this, run, itemIndex));
	};
}

/** An operation that serves several items with one request: it pairs its output and applies Continue On Fail itself. */
export function batchedOperation<Run>(
	startRun: StartRun<Run>,
	work: (fx: IExecuteFunctions, run: Run) => Promise<INodeExecutionData[][]>,
): OperationRun {
	return async function (this: IExecuteFunctions) {
		return await work(this, await startRun(this));
	};
}
