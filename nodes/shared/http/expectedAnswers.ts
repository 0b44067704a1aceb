import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import { describeVendorBody, vendorApiError, type FailureContext } from './vendorErrors';
import { scrubSecretPatterns } from './secretScrubbing';

/**
 * A success status says nothing about the body: a proxy's login page, `null`, `{}` or an error
 * envelope can all arrive with 200. Read as data they become "no interactions", "not found" or
 * zero files, a success made of a wrong answer. Every JSON answer is held to its documented
 * shape here, and one that does not fit is an error naming the vendor and what arrived.
 */

export interface AnswerContext extends FailureContext {
	/** The status the wrong answer came with, for the message and the error item. */
	statusCode?: number;
}

export interface ListShape {
	/** What was expected, for the message: "a list of interactions". */
	what: string;
	/** Where the list sits in the answer object, e.g. "items"; leave out for an answer that is the list. */
	at?: string;
	/** Each entry must be an object carrying this field (e.g. "contentKey"). */
	entriesWith?: string;
}

export interface ObjectShape {
	/** What was expected, for the message: "the interaction". */
	what: string;
	/** Fields that must be present (not null) for the answer to be what was asked for. */
	withFields: string[];
}

const MAX_ARRIVAL = 160;

function clip(text: string): string {
	return text.length > MAX_ARRIVAL ? `${text.slice(0, MAX_ARRIVAL - 3)}...` : text;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** JSON that arrived as text (a text/plain or unparsed body) is described as what it holds. */
function parsedJson(text: string): unknown {
	if (!/^\s*[[{]/.test(text)) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** What a wrong answer was, in a few words a person recognises: "an HTML page "Proxy login"", "null"… */
export function describeArrival(body: unknown): string {
	if (typeof body === 'string') {
		const parsed = parsedJson(body);
		if (parsed !== undefined) return describeArrival(parsed);
	}
	if (body === undefined || body === '' || (typeof body === 'string' && body.trim() === '')) return 'an empty body';
	if (body === null || (typeof body === 'string' && body.trim() === 'null')) return 'null';
	if (Array.isArray(body)) return body.length === 0 ? 'an empty list' : `a list of ${body.length} entries`;
	if (isObject(body)) {
		if (Object.keys(body).length === 0) return 'an empty object {}';
		const said = describeVendorBody(body);
		// describeVendorBody falls back to the JSON when the object carries no message.
		if (said === undefined || said.startsWith('{')) return `an object with the fields ${clip(Object.keys(body).join(', '))}`;
		return `the message "${clip(scrubSecretPatterns(said))}"`;
	}
	if (typeof body === 'number' || typeof body === 'boolean') return `the value ${String(body)}`;
	const said = describeVendorBody(body) ?? String(body);
	if (said.startsWith('HTML page')) return `an ${clip(scrubSecretPatterns(said))}`;
	return `the text "${clip(scrubSecretPatterns(said))}"`;
}

/** The error for an answer that is not `expected`: vendor, what arrived, the status and the subject. */
export function answerShapeError(node: INode, expected: string, body: unknown, context: AnswerContext, why?: string): NodeApiError {
	const arrival = describeArrival(body);
	const status = context.statusCode ?? 200;
	const subject = context.subject ? `, ${context.subject}` : '';
	return vendorApiError(node, { status, message: arrival }, {
		message: `${context.vendor}: expected ${expected}, got ${arrival} (HTTP ${status}${subject})`,
		description: [
			why,
			'The server answered with a success status but not with what its API documents. A proxy, a login page or a wrong base URL in the credential answers like this.',
		]
			.filter(Boolean)
			.join(' '),
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}

/** The documented list in an answer, or an error naming what arrived instead. */
export function expectList(node: INode, body: unknown, shape: ListShape, context: AnswerContext): IDataObject[] {
	let list: unknown = body;
	if (shape.at !== undefined) {
		if (!isObject(body)) throw answerShapeError(node, shape.what, body, context);
		list = body[shape.at];
		if (!Array.isArray(list)) {
			throw answerShapeError(node, shape.what, body, context, `The answer has no "${shape.at}" list.`);
		}
	}
	if (!Array.isArray(list)) throw answerShapeError(node, shape.what, body, context);
	const { entriesWith } = shape;
	const wrong = list.findIndex((entry) => !isObject(entry) || (entriesWith !== undefined && entry[entriesWith] == null));
	if (wrong !== -1) {
		const entry = describeArrival(list[wrong]);
		const needs = entriesWith ? `an object with "${entriesWith}"` : 'an object';
		throw answerShapeError(node, shape.what, body, context, `Entry ${wrong + 1} of the list is ${entry}, not ${needs}.`);
	}
	return list as IDataObject[];
}

/** The documented object an answer must be, or an error naming what arrived instead. */
export function expectObject(node: INode, body: unknown, shape: ObjectShape, context: AnswerContext): IDataObject {
	if (!isObject(body)) throw answerShapeError(node, shape.what, body, context);
	const missing = shape.withFields.filter((field) => body[field] == null);
	if (missing.length > 0) {
		throw answerShapeError(node, shape.what, body, context, `The answer has no ${missing.map((f) => `"${f}"`).join(', ')}.`);
	}
	return body;
}

/** A JSON document (object or list) where one was documented; text, `null` or nothing is refused. */
export function expectJsonDocument(node: INode, body: unknown, what: string, context: AnswerContext): IDataObject | IDataObject[] {
	if (isObject(body) || Array.isArray(body)) return body as IDataObject | IDataObject[];
	throw answerShapeError(node, what, body, context);
}
