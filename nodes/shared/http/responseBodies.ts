import type { IDataObject } from 'n8n-workflow';

import type { BodyStream } from './types';
import { ERROR_BODY_PREFIX } from './vendorErrors';

/**
 * Bodies as the send loop reads them: an error body only as far as its message, any other whole,
 * each timed by the idle guard (sendOnce.ts).
 */

export interface RawResponse {
	statusCode: number;
	headers?: IDataObject;
	body: unknown;
}

/** Error bodies are read for their message only; anything beyond ERROR_BODY_PREFIX is not a message. */
export async function readSmallBody(stream: BodyStream, limit = ERROR_BODY_PREFIX): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			size += buffer.length;
			if (size >= limit) break;
		}
	} catch {
		// The connection died while we read an error body: the status code is still the news.
		return Buffer.concat(chunks).toString('utf8');
	} finally {
		stream.destroy();
	}
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export function isBodyStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream)[Symbol.asyncIterator] === 'function' &&
		typeof (body as BodyStream).destroy === 'function'
	);
}

export async function bodyForMessage(body: unknown): Promise<unknown> {
	return isBodyStream(body) ? await readSmallBody(body) : body;
}

/**
 * What n8n's client makes of a body it reads whole: JSON when it parses, the text otherwise.
 * Bodies are read here instead, so that every one is timed by the idle guard and an error body
 * is read only as far as a message needs (readSmallBody).
 */
export function parsedBody(text: string): unknown {
	if (text.trim() === '') return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export async function readWhole(body: BodyStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}
