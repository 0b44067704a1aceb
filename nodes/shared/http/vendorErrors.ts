import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { scrubSecretPatterns } from './secretScrubbing';

/**
 * Turns whatever a vendor sent back on failure (JSON envelope, HTML page, `null`, nothing)
 * into one readable NodeApiError: vendor, HTTP code, what failed, the vendor's own words.
 */

export interface FailureContext {
	vendor: string;
	/** e.g. "interaction 2480fc2c-…" or "crtObjectId 42 in campaign 7" */
	subject?: string;
	itemIndex?: number;
}

const MAX_MESSAGE = 300;

export interface VendorErrorOptions {
	message: string;
	description?: string;
	httpCode?: string;
	itemIndex?: number;
}

/**
 * NodeApiError swaps any message that mentions a network code (ECONNRESET, ETIMEDOUT…) for a
 * generic sentence that drops the vendor and the id; ours already says it better, so it is
 * put back after construction.
 */
export function vendorApiError(node: INode, details: JsonObject, options: VendorErrorOptions): NodeApiError {
	const error = new NodeApiError(node, details, options);
	error.message = options.message;
	return error;
}


/**
 * An error body is read for its message, which is at its start: only this much of any body is
 * looked at, whatever its size or type.
 */
export const ERROR_BODY_PREFIX = 64 * 1024;

/** The most text a message is made from (before it is redacted and cut to MAX_MESSAGE). */
const MAX_DESCRIBED = 2048;

function clip(text: string): string {
	return text.length > MAX_DESCRIBED ? text.slice(0, MAX_DESCRIBED) : text;
}

/** The page's `<title>`, when it has one with text. */
function htmlTitle(html: string, lower: string): string | undefined {
	const start = lower.indexOf('<title');
	if (start < 0) return undefined;
	const open = html.indexOf('>', start);
	const end = open < 0 ? -1 : html.indexOf('<', open + 1);
	if (end < 0 || !lower.startsWith('</title>', end)) return undefined;
	return clip(html.slice(open + 1, end).trim()) || undefined;
}

const RAW_TEXT_TAGS = ['script', 'style'];

/**
 * The page's visible text, up to MAX_DESCRIBED. One pass with indexOf: every search either moves
 * past what it scanned or ends the pass, so the time is linear in the page (a regular expression
 * with a lazy `[\s\S]*?` up to a closing tag rescans the rest of the page for every `<script>`).
 */
function htmlText(html: string, lower: string): string {
	const parts: string[] = [];
	let length = 0;
	let pos = 0;
	while (pos < html.length && length < MAX_DESCRIBED) {
		const tag = html.indexOf('<', pos);
		const text = html.slice(pos, tag < 0 ? html.length : tag);
		parts.push(text);
		length += text.length;
		if (tag < 0) break;
		const raw = RAW_TEXT_TAGS.find((name) => lower.startsWith(`<${name}`, tag));
		const close = raw === undefined ? tag : lower.indexOf(`</${raw}`, tag);
		const end = close < 0 ? -1 : html.indexOf('>', close);
		if (end < 0) break;
		parts.push(' ');
		pos = end + 1;
	}
	return clip(parts.join('').replace(/\s+/g, ' ').trim());
}

function stripHtml(html: string): string {
	const lower = html.toLowerCase();
	const title = htmlTitle(html, lower);
	return title ? `HTML page "${title}"` : `HTML page: ${htmlText(html, lower)}`;
}

function looksLikeHtml(text: string): boolean {
	return /^\s*<(!doctype html|html|head|body)/i.test(text);
}

function pickString(...values: unknown[]): string | undefined {
	for (const value of values) {
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number') return String(value);
	}
	return undefined;
}

/**
 * Reads the message out of the envelopes these vendors use:
 * `{message}` (VCC Interaction Content, Genesys `{message, exception}`),
 * `{error: {code, message}}` (VCC Conversation Analyzer),
 * `{message, code, info, status}` (Ameyo: `message` is blank at times, `info` then says it),
 * `{error, error_description}` (OAuth token endpoints), `{errors: [{msg, code}]}` (Kore.ai),
 * plain text and HTML. A code of 0 ("no code", Ameyo) is left out.
 */
export function describeVendorBody(body: unknown): string | undefined {
	if (body === undefined || body === '') return undefined;
	if (body === null) return 'the body was null';
	if (Buffer.isBuffer(body)) return describeVendorBody(body.subarray(0, ERROR_BODY_PREFIX).toString('utf8'));
	if (typeof body === 'string') {
		const text = body.slice(0, ERROR_BODY_PREFIX).trim();
		if (text === '') return undefined;
		if (text === 'null') return 'the body was null';
		if (looksLikeHtml(text)) return stripHtml(text);
		try {
			return describeVendorBody(JSON.parse(text) as unknown) ?? clip(text);
		} catch {
			return clip(text);
		}
	}
	if (typeof body !== 'object') return String(body);
	const obj = body as Record<string, unknown>;
	const nested = typeof obj.error === 'object' && obj.error !== null ? (obj.error as Record<string, unknown>) : {};
	const errors = Array.isArray(obj.errors) ? (obj.errors as Array<Record<string, unknown>>) : [];
	const message = pickString(
		obj.message,
		nested.message,
		obj.error_description,
		errors[0]?.msg,
		errors[0]?.message,
		typeof obj.error === 'string' ? obj.error : undefined,
		obj.title,
		obj.detail,
		obj.info,
	);
	const code = pickString(nested.code, obj.code, errors[0]?.code);
	const extra = pickString(obj.info, obj.exception);
	if (!message) return JSON.stringify(body).slice(0, MAX_MESSAGE);
	return clip([
		message,
		code && code !== '0' && code !== message ? `code ${code}` : undefined,
		extra && extra !== message ? extra : undefined,
	]
		.filter(Boolean)
		.join(' — '));
}

function truncate(text: string): string {
	return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected: check the values of the fields named in the message.',
	// Credentials with a session get their own note instead (sessionRenewal.ts: "Signing in again did not help.").
	401: 'The server, or a proxy in front of it, refused the credentials: check them in the credential.',
	403: 'The credentials are valid but lack permission (scope or role) for this request.',
	404: 'Nothing exists at this id: check it, and that it belongs to this account and region.',
	416: 'The byte range lies outside the file.',
	429: 'The vendor is rate limiting this account: lower the request rate in the node options or try later.',
};

export function vendorHttpError(
	node: INode,
	status: number,
	body: unknown,
	context: FailureContext,
	note?: string,
): NodeApiError {
	const vendorMessage = scrubSecretPatterns(describeVendorBody(body) ?? 'no error details in the response');
	const subject = context.subject ? `, ${context.subject}` : '';
	const message = truncate(`${context.vendor}: ${vendorMessage} (HTTP ${status}${subject})`);
	const hint = STATUS_HINTS[status] ?? (status >= 500 ? 'The vendor had a server error.' : undefined);
	const description = [note, hint].filter(Boolean).join(' ') || undefined;
	return vendorApiError(node, { status, message: vendorMessage }, {
		message,
		description,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}

export function vendorNetworkError(
	node: INode,
	code: string | undefined,
	detail: string,
	context: FailureContext,
	note?: string,
): NodeApiError {
	const subject = context.subject ? ` (${context.subject})` : '';
	const what = code ? `connection failed: ${code}` : detail.startsWith(context.vendor) ? detail : `${context.vendor}: ${detail}`;
	const message = truncate(
		scrubSecretPatterns(code ? `${context.vendor}: ${what}${subject}` : `${what}${subject}`),
	);
	return vendorApiError(node, { networkError: code ?? 'unknown', message: scrubSecretPatterns(detail) }, {
		message,
		description: note,
		itemIndex: context.itemIndex,
	});
}

/** The error itself when this package (or n8n) already wrote it for people: it is passed on as it is. */
export function ownError(error: unknown): Error | undefined {
	const name = (error as { name?: unknown } | undefined)?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError' ? (error as Error) : undefined;
}
