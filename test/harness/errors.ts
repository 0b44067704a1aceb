/**
 * Getting the node's error back as a real Error.
 *
 * WorkflowExecute stores a node's error in run data as a plain spread copy
 * (`{ ...error, message, stack }`), so `instanceof NodeApiError` fails on it. We therefore
 * tap the engine's (TS-private) `reportNodeExecutionError`, which receives the original
 * thrown error, and fall back to re-attaching the class prototype by `name` if a future
 * n8n-core renames that method.
 */
import type { WorkflowExecute } from 'n8n-core';
import {
	NodeApiError,
	NodeOperationError,
	WorkflowOperationError,
} from 'n8n-workflow';

type ErrorReportingInternals = {
	reportNodeExecutionError?: (error: unknown, ...rest: unknown[]) => unknown;
};

/** Returns a getter for the last error a node threw during this engine's run. */
export function captureNodeErrors(engine: WorkflowExecute): () => Error | undefined {
	let captured: Error | undefined;
	const internals = engine as unknown as ErrorReportingInternals;
	const original = internals.reportNodeExecutionError;
	if (typeof original === 'function') {
		internals.reportNodeExecutionError = (error, ...rest) => {
			if (error instanceof Error) captured = error;
			return original.call(engine, error, ...rest);
		};
	}
	return () => captured;
}

const KNOWN_CLASSES: Record<string, { prototype: Error }> = {
	NodeApiError,
	NodeOperationError,
	WorkflowOperationError,
};

/** Turns the engine's plain-object copy of an error back into an Error instance. */
export function rehydrateError(serialized: object): Error {
	if (serialized instanceof Error) return serialized;
	const name = (serialized as { name?: unknown }).name;
	const proto = (typeof name === 'string' && KNOWN_CLASSES[name]?.prototype) || Error.prototype;
	return Object.assign(Object.create(proto) as Error, serialized);
}
