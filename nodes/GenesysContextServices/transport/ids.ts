import type { INode } from 'n8n-workflow';

import { assertPattern } from '../../shared/node/inputChecks';

/**
 * Genesys ids are 16-character base-32 strings (00001a57JGQ00BW8); deployments and 8.5 services
 * add others. The alphabet is kept wide enough for those and narrow enough that a pasted URL or
 * path ("…/plain_text", "../x", "a?b") is refused with a message rather than encoded.
 */
const ID_PATTERN = /^[A-Za-z0-9._:@~+=-]{1,128}$/;
const ID_EXPECTED = 'up to 128 letters, digits and . _ : @ ~ + = - such as 00001a57JGQ00BW8';
const SERVICE_ID_PATTERN = /^\d{1,19}$/;

function asText(value: unknown): unknown {
	return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
}

export function assertGenesysId(node: INode, value: unknown, field: string, itemIndex?: number): string {
	return assertPattern(node, asText(value), field, ID_PATTERN, ID_EXPECTED, itemIndex);
}

export function assertServiceId(node: INode, value: unknown, itemIndex?: number): string {
	return assertPattern(node, asText(value), 'Service ID', SERVICE_ID_PATTERN, 'a whole number such as 4711', itemIndex);
}
