/** Types for foreignHost.mjs: a host nobody configured, which logs the credentials it receives. */
export const FOREIGN_FILE: Buffer;
export const FOREIGN_FILE_SHA256: string;
export const FOREIGN_MARKER: string;

export interface ForeignRequest {
	method: string;
	path: string;
	carried: string[];
}

export interface ForeignHost {
	url: string;
	count(): number;
	requests(): ForeignRequest[];
	withCredentials(): ForeignRequest[];
	close(): Promise<void>;
}

export function startForeignHost(options?: {
	secrets?: () => string[];
	/** (path + query) → the URL to fetch and serve instead (storage behind a pre-signed link). */
	mirror?: (pathAndQuery: string) => string | undefined;
}): Promise<ForeignHost>;
