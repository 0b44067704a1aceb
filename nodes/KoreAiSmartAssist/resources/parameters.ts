import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { assertNonEmpty, assertPattern } from '../../shared/validation';
import { assertKoreId, type KoreRun } from '../transport/koreApi';

/**
 * Reading the ids every operation needs, checked before any request. Bot and account ids fall
 * back to the defaults in the credential, so a workflow over one bot does not repeat them.
 */

function typed(fx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = fx.getNodeParameter(name, itemIndex, '') as unknown;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

function withDefault(
	fx: IExecuteFunctions,
	name: string,
	label: string,
	fallback: string,
	itemIndex: number,
): string {
	const value = typed(fx, name, itemIndex) || fallback;
	if (value === '') {
		throw new NodeOperationError(fx.getNode(), `${label} is required`, {
			itemIndex,
			description: `Set it in the node, or as the default ${label} in the Kore.ai SmartAssist credential.`,
		});
	}
	return assertKoreId(fx.getNode(), value, label, itemIndex);
}

export function botIdParameter(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): string {
	return withDefault(fx, 'botId', 'Bot / Stream ID', run.defaultBotId, itemIndex);
}

export function accountIdParameter(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): string {
	return withDefault(fx, 'accountId', 'Account ID', run.defaultAccountId, itemIndex);
}

export function sessionIdParameter(fx: IExecuteFunctions, itemIndex: number): string {
	const value = assertNonEmpty(fx.getNode(), fx.getNodeParameter('sessionId', itemIndex, ''), 'Session ID', itemIndex);
	return assertKoreId(fx.getNode(), value, 'Session ID', itemIndex);
}

/** A query value only (encoded by the request), so anything printable up to an e-mail's length. */
export function optionalUserId(fx: IExecuteFunctions, value: unknown, itemIndex: number): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return undefined;
	return assertPattern(fx.getNode(), text, 'User ID', /^\S{1,320}$/, 'an e-mail address or user id without spaces', itemIndex);
}
