import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Input checks shared by every vendor. They run before any request, so a bad value costs
 * nothing and the message names the value the user typed (never a credential).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shortens a user value for an error message so a pasted blob cannot flood the UI. */
export function quoteValue(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const shown = text === undefined ? 'undefined' : text;
	return `"${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}"`;
}

export function assertGuid(node: INode, value: unknown, field: string, itemIndex?: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!GUID.test(text)) {
		throw new NodeOperationError(node, `${field} ${quoteValue(value)} is not a valid GUID`, {
			itemIndex,
			description: 'Expected 36 characters like 2480fc2c-bbd7-427c-9439-02f76583aef5',
		});
	}
	return text.toLowerCase();
}

/** A number option within its range (hours of Look Back, seconds of Max Wait …). */
export function assertNumberInRange(
	node: INode,
	value: unknown,
	field: string,
	range: { min: number; max: number; unit: string },
	itemIndex?: number,
): number {
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isFinite(n) || n < range.min || n > range.max) {
		throw new NodeOperationError(node, `${field} "${String(value)}" is not valid`, {
			itemIndex,
			description: `Use a number of ${range.unit} from ${range.min} to ${range.max}`,
		});
	}
	return n;
}

export function assertNonEmpty(node: INode, value: unknown, field: string, itemIndex?: number): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(node, `${field} is required`, { itemIndex });
	}
	return text;
}

/** A value that must match a vendor's documented alphabet (e.g. VCC content keys). */
export function assertPattern(
	node: INode,
	value: unknown,
	field: string,
	pattern: RegExp,
	expected: string,
	itemIndex?: number,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	// A segment made only of dots would still be collapsed by URL normalisation, so it can
	// never be a legitimate id even when the vendor's alphabet allows '.'.
	if (!pattern.test(text) || /^\.+$/.test(text)) {
		throw new NodeOperationError(node, `${field} ${quoteValue(value)} is not valid`, {
			itemIndex,
			description: `Expected ${expected}`,
		});
	}
	return text;
}

export function assertDate(node: INode, value: unknown, field: string, itemIndex?: number): Date {
	const date =
		value instanceof Date
			? value
			: typeof value === 'string' || typeof value === 'number'
				? new Date(value)
				: new Date(NaN);
	if (value === '' || value === undefined || value === null || Number.isNaN(date.getTime())) {
		throw new NodeOperationError(node, `${field} ${quoteValue(value)} is not a valid date`, {
			itemIndex,
			description: 'Use an ISO 8601 date such as 2026-01-31T00:00:00Z',
		});
	}
	return date;
}

/** Splits a user list ("a, b\nc") into trimmed, non-empty, de-duplicated entries. */
export function splitList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,;]+/) : [];
	return [...new Set(raw.map((v) => v.trim()).filter((v) => v !== ''))];
}
