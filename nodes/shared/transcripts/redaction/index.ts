/** PCI/PII redaction of transcript text: what it removes is listed in REDACTION_KINDS. */
export {
	REDACTION_KINDS,
	REDACTION_TOKENS,
	type RedactionCounts,
	type RedactionKind,
	type RedactionLevel,
} from './kinds';
export { ibanValid, luhnValid } from './checksums';
export { normalise, type Normalised } from './normalise';
export { redactText, redactTurns, type RedactedText, type SpokenText } from './text';
export { redactConversationText, redactTranscript, type RedactedTranscript } from './transcript';
export { failClosed, type FailClosedResult } from './failClosed';
