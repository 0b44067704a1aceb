import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

/** Every interceptor declared was used, and nothing else was asked for (disableNetConnect). */
export function expectAllUsed(): void {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	if (pending.length > 0) throw new Error(`Unused HTTP mocks: ${pending.join(', ')}`);
}

/**
 * For a test file whose HTTP goes to nock only: no real connection can be made, and after each
 * test every interceptor it declared must have been used.
 */
export function useNockOnly(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => expectAllUsed());
}
