import { SAME_SPEAKER, SPEAKER_CHANGE } from './kinds';
import { normalise } from './normalise';

export interface SpokenText {
	/** Who said it; consecutive texts of one speaker are read as one utterance. */
	speaker: string;
	text: string;
}

/**
 * A conversation as the matchers read it: every turn normalised, joined in order, each party's
 * turns continuing across the other party's back-channel ("mhm", "OK, go on."), so a card read
 * in halves is one number; a cue in one party's question still reaches the other's answer.
 */
export interface ConversationView {
	text: string;
	/** For each character, the turn it came from, or -1 for a separator between turns. */
	turn: Int32Array;
	/** For each character, where in its turn's text it came from (start, end exclusive). */
	from: Int32Array;
	to: Int32Array;
}

const BACK_CHANNEL_MAX_LENGTH = 40;
const BACK_CHANNEL_MAX_WORDS = 6;
/**
 * The words of a listener's acknowledgement ("mhm", "OK, go on.", "got it, and the rest?"). A
 * closed list: a turn with any other word may carry a cue, and is never set aside.
 */
const BACK_CHANNEL_WORDS = new Set(
	(
		'ok okay okey k yes yeah yep yup ya mhm mm mmm hmm hm uh huh uh-huh aha right sure alright all go on ahead continue carry ' +
		'got it that thanks thank you cheers and the rest next keep going please great perfect lovely fine good cool noted i see ' +
		'so far with me still here listening writing down taking yes-yes go-ahead ' +
		'understood sorry again once more haan ji ha theek hai accha ja genau gut weiter danke bitte super prima oui'
	).split(' '),
);

/** A short acknowledgement with nothing in it to redact or to cue: the other party listening. */
export function isBackChannel(text: string): boolean {
	const trimmed = text.trim();
	if (trimmed === '' || trimmed.length > BACK_CHANNEL_MAX_LENGTH) return false;
	const words = trimmed.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
	if (words.length === 0 || words.length > BACK_CHANNEL_MAX_WORDS) return false;
	if (/[^\p{L}\s'.,!?…-]/u.test(trimmed)) return false;
	return words.every((word) => BACK_CHANNEL_WORDS.has(word));
}

/**
 * The turns read as each party's stream: acknowledgements between two turns are set aside
 * (whoever they are attributed to: a transcript without labels gives the listener's "uh-huh"
 * to the caller).
 */
function keptTurns(turns: SpokenText[]): boolean[] {
	const kept = turns.map(() => true);
	let lastSpeaker: string | undefined;
	for (let i = 0; i < turns.length; i++) {
		const { speaker } = turns[i];
		if (lastSpeaker !== undefined && isBackChannel(turns[i].text)) {
			// Set aside only when the party who was speaking goes on after it.
			let j = i + 1;
			while (j < turns.length && j <= i + 2 && isBackChannel(turns[j].text)) j++;
			if (j < turns.length && (turns[j].speaker === lastSpeaker || speaker === lastSpeaker)) {
				for (let k = i; k < j; k++) kept[k] = false;
				i = j - 1;
				continue;
			}
		}
		lastSpeaker = speaker;
	}
	return kept;
}

export function conversationView(turns: SpokenText[]): ConversationView {
	const kept = keptTurns(turns);
	const parts = turns.map((turn, i) => (kept[i] ? normalise(turn.text) : undefined));
	const length = parts.reduce((sum, part) => sum + (part ? part.text.length + 1 : 0), 0);
	const turn = new Int32Array(length);
	const from = new Int32Array(length);
	const to = new Int32Array(length);
	let text = '';
	let n = 0;
	let previous: string | undefined;
	parts.forEach((part, i) => {
		if (!part) return;
		if (previous !== undefined) {
			text += turns[i].speaker === previous ? SAME_SPEAKER : SPEAKER_CHANGE;
			turn[n++] = -1;
		}
		previous = turns[i].speaker;
		text += part.text;
		turn.fill(i, n, n + part.text.length);
		from.set(part.from, n);
		to.set(part.to, n);
		n += part.text.length;
	});
	return { text, turn: turn.subarray(0, n), from: from.subarray(0, n), to: to.subarray(0, n) };
}
