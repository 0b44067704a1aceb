import type { IDataObject, INode } from 'n8n-workflow';

import { vendorApiError, type FailureContext } from '../http/vendorErrors';

/**
 * A byte range a download asked for (`Range: bytes=first-last` or `bytes=first-`) and the rule
 * that an answer is that range: a 206 whose Content-Range starts at `first` and ends at `last`
 * (or at the end of the file, when the file is shorter or no last byte was asked for). A 200
 * is the whole file, and anything else is not the part asked for: neither is stored as it.
 */
export interface ByteRange {
	first: number;
	last?: number;
	/** As sent, e.g. "bytes=0-1023". */
	header: string;
}

/** The single byte range a request asks for, or undefined when it asks for none. */
export function requestedRange(headers: IDataObject | undefined): ByteRange | undefined {
	const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'range');
	const header = typeof entry?.[1] === 'string' ? entry[1].trim() : '';
	const match = /^bytes=(\d+)-(\d*)$/.exec(header);
	if (!match) return undefined;
	return { first: Number(match[1]), last: match[2] === '' ? undefined : Number(match[2]), header };
}

/** Why a 2xx answer is not the range asked for, or undefined when it is. */
export function rangeMismatch(range: ByteRange, statusCode: number, headers: IDataObject): string | undefined {
	if (statusCode !== 206) return `the server sent the whole file (HTTP ${statusCode}) instead of that range`;
	const contentRange = typeof headers['content-range'] === 'string' ? headers['content-range'].trim() : '';
	const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange);
	if (!match) return `the server answered HTTP 206 with ${contentRange === '' ? 'no Content-Range' : `the Content-Range "${contentRange.slice(0, 60)}"`}`;
	const first = Number(match[1]);
	const last = Number(match[2]);
	const size = match[3] === '*' ? undefined : Number(match[3]);
	const endOfFile = size !== undefined && last === size - 1;
	const lastFits =
		range.last === undefined ? endOfFile || size === undefined : last === range.last || (endOfFile && last < range.last);
	if (first !== range.first || last < first || !lastFits) {
		return `the server sent bytes ${first}-${last} instead`;
	}
	return undefined;
}

/** The error for a 2xx that is not the range asked for: nothing is stored as a success. */
export function rangeMismatchError(node: INode, range: ByteRange, reason: string, statusCode: number, context: FailureContext) {
	const subject = context.subject ? ` (${context.subject})` : '';
	return vendorApiError(node, { status: statusCode, message: reason }, {
		message: `${context.vendor}: asked for ${range.header}, but ${reason}${subject}`,
		description: 'Nothing was stored: a different part of the file must not pass for the one asked for.',
		httpCode: String(statusCode),
		itemIndex: context.itemIndex,
	});
}
