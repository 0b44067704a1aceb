/** Types for conversations.mjs (the words of the simulator's transcripts). */
export const CALL_TURNS: Array<[speaker: 'agent' | 'customer', start: number, end: number, words: string]>;
export const CALL_SECONDS: number;
export const VOICEMAIL_TEXT: string;
export const CHAT_SCRIPTS: Array<Array<[speaker: 'agent' | 'customer', seconds: number, text: string]>>;
export const TRANSCRIPT_PII: { cards: string[]; emails: string[]; phones: string[] };
export function analyzerTranscript(): string;
export const AGENTS: Array<{ id: string; name: string }>;
export const CUSTOMERS: string[];
