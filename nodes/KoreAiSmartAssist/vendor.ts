/**
 * Who this vendor is, written once: `id` is the machine name items carry as `source` (and
 * transcripts as `vendor`), `displayName` the name every message starts with.
 */
export const KORE = { id: 'koreAiSmartAssist', displayName: 'Kore.ai SmartAssist' } as const;
