/** Types for faultTally.mjs (the fault-injection run's verdict). */
export interface VendorTally {
	in: number;
	success: number;
	error: number;
	lost: number;
	duplicates: number;
	filesDiffer: number;
	answersDiffer: number;
	examples: Record<'lost' | 'filesDiffer' | 'answersDiffer' | 'errors' | 'duplicates', string[]>;
}
export interface FaultBranch {
	vendor: string;
	nodeName: string;
	inputs: Array<{ inputId: string } & Record<string, unknown>>;
	expect(input: { inputId: string } & Record<string, unknown>): {
		files?: Map<string, { sha256: string; bytes: number }>;
		fileKey?: (json: Record<string, unknown>) => string;
		json?: (json: Record<string, unknown>) => string | undefined;
	};
}
export function sha256(data: Buffer): string;
export function readStoredBinary(userFolder: string, binary: { id?: string; data?: string }): Promise<Buffer>;
export function tallyRun(run: unknown, branches: FaultBranch[], userFolder: string): Promise<Record<string, VendorTally>>;
export interface StallRecord {
	kind: string;
	vendor: string;
	path: string;
	stalledAt: number;
	closedAt?: number;
}
export function tallyStalls(
	stalls: StallRecord[],
	limits: { timeoutMs: number | ((stall: StallRecord) => number); graceMs: number; endedAt: number },
): Record<string, { stalled: number; hangs: number; examples: string[] }>;
