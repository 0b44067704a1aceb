import { createHash } from 'crypto';
import type { INode } from 'n8n-workflow';

import { vendorApiError, type FailureContext } from './vendorErrors';

/**
 * A paging loop trusts the server to move on: a continuation token that comes back again, or an
 * offset the server ignores, would page forever (or emit the same records again and again).
 * Each loop keeps one guard and shows it what identifies every page; the first repeat ends the
 * loop with an error naming the vendor instead.
 */
export class PagingGuard {
	private readonly seen = new Map<string, string>();

	/**
	 * @param what what repeats, for the message: "continuation token", "list of calls"
	 */
	constructor(
		private readonly node: INode,
		private readonly what: string,
		private readonly context: FailureContext,
	) {}

	/**
	 * `key` identifies what the server sent for the page named `page` (a token, or pageFingerprint
	 * of its records); throws when an earlier page already had it.
	 */
	check(key: string, page: string): void {
		const earlier = this.seen.get(key);
		if (earlier === undefined) {
			this.seen.set(key, page);
			return;
		}
		const subject = this.context.subject ? ` (${this.context.subject})` : '';
		throw vendorApiError(this.node, { message: `repeated ${this.what}` }, {
			message: `${this.context.vendor}: the ${this.what} of ${page} repeats that of ${earlier}; paging stopped so it cannot loop forever${subject}`,
			description:
				'The server sent the same page again instead of the next one, so reading on would never end or would return the same records twice. Try again later; if it persists, narrow the range or ask the vendor.',
			itemIndex: this.context.itemIndex,
		});
	}
}

/** What identifies a page by its records, for servers that page by offset and may ignore it. */
export function pageFingerprint(records: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(records)).digest('hex');
}
