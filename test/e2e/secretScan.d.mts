/** Types for secretScan.mjs (credential values where none may be). */
import type { Simulator } from '../simulator/index.mjs';

export interface Secrets {
	fixed: Array<[label: string, value: string]>;
	issued: Map<string, string>;
}
export function secretsOf(sim: Simulator): Secrets;
export function secretsIn(text: string, secrets: Secrets): string[];
export function scanForSecrets(options: {
	texts: Record<string, string>;
	userFolder: string;
	servedSha256: Set<string>;
	secrets: Secrets;
}): Promise<{ findings: Array<{ place: string; secrets: string[] }>; filesScanned: number }>;
