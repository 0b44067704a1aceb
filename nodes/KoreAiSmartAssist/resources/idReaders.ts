import type { IExecuteFunctions } from 'n8n-workflow';

import { assertNonEmpty, assertPattern } from '../../shared/node/inputChecks';
import { assertKoreId, koreIdOrDefault, type KoreRun } from '../transport/koreApi';

/**
 * Reading the ids every operation needs, checked before any request. Bot and account ids fall
 * back to the defaults in the credential, so a workflow over one bot does not repeat them.
 */

function withDefault(fx: IExecuteFunctions, name: string, label: string, fallback: string, itemIndex: number): string {
	return koreIdOrDefault(fx.getNode(), fx.getNodeParameter(name, itemIndex, ''), label, fallback, itemIndex);
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
