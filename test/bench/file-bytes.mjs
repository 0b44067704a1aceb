/**
 * The benchmark's "call recording": a deterministic byte stream of any size, generated on the fly.
 *
 * Layout: a 44-byte PCM WAV header, then one pseudo-random 1 MiB block repeated (the header
 * overwrites the block's first 44 bytes). Random-looking bytes keep any accidental compression
 * honest; repeating one block means neither the server nor the checker ever holds more than
 * 1 MiB, whatever the file size. The server streams these chunks, and the orchestrator hashes
 * the very same chunks to get the expected sha256 without a copy of the file.
 */
import { createHash } from 'node:crypto';

export const BLOCK_SIZE = 1024 * 1024;
const WAV_HEADER_SIZE = 44;

/** mulberry32: tiny seeded PRNG, the same bytes on every machine (writes are little-endian). */
function pseudoRandomBlock(seed) {
	const block = Buffer.allocUnsafe(BLOCK_SIZE);
	let state = seed >>> 0;
	for (let i = 0; i < BLOCK_SIZE; i += 4) {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		block.writeUInt32LE((t ^ (t >>> 14)) >>> 0, i);
	}
	return block;
}

const BLOCK = pseudoRandomBlock(0x5eed);

/** 8 kHz, 16-bit, mono PCM header; sizes clamp at 4 GiB (the RIFF format's limit). */
function wavHeader(fileSize) {
	const h = Buffer.alloc(WAV_HEADER_SIZE);
	const clamp = (n) => Math.max(0, Math.min(n, 0xffffffff));
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(clamp(fileSize - 8), 4);
	h.write('WAVEfmt ', 8, 'ascii');
	h.writeUInt32LE(16, 16); // fmt chunk size
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(1, 22); // channels
	h.writeUInt32LE(8000, 24); // sample rate
	h.writeUInt32LE(16000, 28); // byte rate
	h.writeUInt16LE(2, 32); // block align
	h.writeUInt16LE(16, 34); // bits per sample
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(clamp(fileSize - WAV_HEADER_SIZE), 40);
	return h;
}

/** The file as ≤1 MiB chunks (the repeated ones are the same Buffer: no per-chunk allocation). */
export function* fileChunks(size) {
	for (let offset = 0; offset < size; offset += BLOCK_SIZE) {
		const block =
			offset === 0 ? Buffer.concat([wavHeader(size), BLOCK.subarray(WAV_HEADER_SIZE)]) : BLOCK;
		yield size - offset < BLOCK_SIZE ? block.subarray(0, size - offset) : block;
	}
}

export function expectedSha256(size) {
	const hash = createHash('sha256');
	for (const chunk of fileChunks(size)) hash.update(chunk);
	return hash.digest('hex');
}

/**
 * The file size travels in the interaction GUID (the node validates a GUID, and this keeps the
 * server stateless): 00000000-0000-4000-8000-<size as 12 hex digits>.
 */
export function guidForSize(size) {
	return `00000000-0000-4000-8000-${size.toString(16).padStart(12, '0')}`;
}

export function sizeFromGuid(guid) {
	const match = /^00000000-0000-4000-8000-([0-9a-f]{12})$/i.exec(guid);
	return match ? parseInt(match[1], 16) : undefined;
}

export const VONAGE_ACCEPT = 'application/vnd.newvoicemedia.v3+json';
export const CLIENT_ID = 'bench-client';
export const CLIENT_SECRET = 'bench-secret';
