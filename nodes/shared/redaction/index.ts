/** PCI/PII redaction of transcript text: what it removes is listed in REDACTION_TOKENS. */
export { REDACTION_TOKENS, type RedactionCounts, type RedactionKind } from './kinds';
export { ibanValid, luhnValid } from './checksums';
export { redactText, redactTurns, type RedactedText, type SpokenText } from './text';
export { redactConversationText, redactTranscript, type RedactedTranscript } from './transcript';
