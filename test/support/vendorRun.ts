import type { RunNodeOptions } from '../harness/index';

/** Fast request behaviour for tests: no pacing, quick tries. Backoff still uses the real policy. */
export const FAST = { requestsPerMinute: 0, maxTries: 3 };

/** What a test may set, besides the parameters, when it runs a vendor node. */
export type VendorRunOptions = Pick<RunNodeOptions, 'inputItems' | 'continueOnFail' | 'credentials'>;

