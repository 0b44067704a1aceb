import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { assertNonEmpty, assertPattern } from '../../shared/validation';
import type { KoreRun } from '../transport/koreApi';

/**
 * Reading the ids every operation needs, checked before any request. Bot and account ids fall
 * back to the defaults in the credential, so a workflow over one bot does not repeat them.
 */

/** Kore.ai ids: st-<uuid> bots, 24-hex sessions and accounts; a little wider, never a path. */
const KORE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const KORE_ID_EXPECTED = 'letters, digits, ".", "_", ":" and "-" (for example st-1d7611fa-908a-5f0c-8871-f7ea97a0c1d2)';

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
	return assertPattern(fx.getNode(), value, label, KORE_ID, KORE_ID_EXPECTED, itemIndex);
}

export function botIdParameter(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): string {
	return withDefault(fx, 'botId', 'Bot / Stream ID', run.defaultBotId, itemIndex);
}

export function accountIdParameter(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): string {
	return withDefault(fx, 'accountId', 'Account ID', run.defaultAccountId, itemIndex);
}

export function sessionIdParameter(fx: IExecuteFunctions, itemIndex: number): string {
	const value = assertNonEmpty(fx.getNode(), fx.getNodeParameter('sessionId', itemIndex, ''), 'Session ID', itemIndex);
	return assertPattern(fx.getNode(), value, 'Session ID', KORE_ID, KORE_ID_EXPECTED, itemIndex);
}

/** A query value only (encoded by the request), so anything printable up to an e-mail's length. */
export function optionalUserId(fx: IExecuteFunctions, value: unknown, itemIndex: number): string | undefined {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return undefined;
	return assertPattern(fx.getNode(), text, 'User ID', /^\S{1,320}$/, 'an e-mail address or user id without spaces', itemIndex);
}
