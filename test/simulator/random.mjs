/**
 * Seeded randomness: the same `seed` gives the same data on every machine, so a test can name an
 * id it saw yesterday. Each vendor draws from its own stream (`forVendor`), so adding data to one
 * vendor never shifts another vendor's ids.
 */
import { createHash } from 'node:crypto';

/** mulberry32: tiny, fast, good enough for test data and fuzzing (not for secrets), the same on every machine. */
export function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function seedFrom(...parts) {
	return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
}

export function createRandom(seed, stream) {
	const next = mulberry32(seedFrom(String(seed), stream));
	const random = {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
		hex: (length) => {
			let out = '';
			for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
			return out;
		},
		digits: (length) => {
			let out = '';
			for (let i = 0; i < length; i++) out += Math.floor(next() * 10).toString();
			return out;
		},
		/** Characters from `alphabet` (UCS ids, Ameyo session suffixes …). */
		chars: (length, alphabet) => {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
			return out;
		},
		/** An RFC 4122 version-4 UUID string (lower case), as the vendors issue them. */
		uuid: () => {
			const h = random.hex(32).split('');
			h[12] = '4';
			h[16] = '89ab'[parseInt(h[16], 16) & 3];
			const s = h.join('');
			return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
		},
	};
	return random;
}

/** A stable secret-looking string for a seed (credentials differ per seed, never per run). */
export function stableSecret(seed, name, length = 32) {
	return createHash('sha256').update(`${seed}:${name}`).digest('base64url').slice(0, length);
}
