/**
 * The files the simulator serves. Real, playable media (see media/SOURCES.md) are read once; the
 * benchmark-size "recordings" are generated on the fly so no size ever costs memory; small
 * documents (a PDF attachment) are built here so nothing binary is hand-edited.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { bufferSource } from './http.mjs';

const MEDIA_DIR = new URL('./media/', import.meta.url);

export const MEDIA_FILES = {
	callWav: { file: 'call-recording.wav', contentType: 'audio/wav' },
	callMp3: { file: 'call-recording.mp3', contentType: 'audio/mpeg' },
	voicemailWav: { file: 'voicemail.wav', contentType: 'audio/wav' },
	screenWebm: { file: 'screen-recording.webm', contentType: 'video/webm' },
};

export function sha256(buffer) {
	return createHash('sha256').update(buffer).digest('hex');
}

/** { name: { buffer, contentType, sha256, bytes } } for every file in MEDIA_FILES. */
export async function loadMedia() {
	const entries = await Promise.all(
		Object.entries(MEDIA_FILES).map(async ([name, { file, contentType }]) => {
			const buffer = await readFile(new URL(file, MEDIA_DIR));
			return [name, { buffer, contentType, sha256: sha256(buffer), bytes: buffer.length }];
		}),
	);
	return Object.fromEntries(entries);
}

/** A JSON/text document as a served file entry. */
export function documentFile(text, contentType) {
	const buffer = Buffer.from(text, 'utf8');
	return { buffer, contentType, sha256: sha256(buffer), bytes: buffer.length };
}

/** What the catalog says about a served file. */
export function describeFile(file) {
	return { contentType: file.contentType, bytes: file.bytes, sha256: file.sha256 };
}

// ---------------------------------------------------------------------------------------------
// Large generated recordings (benchmarks)
//
// GUID scheme: 00000000-0000-4000-8000-XXXXXXXXXXXX → size = 0xXXXXXXXXXXXX MiB
//              00000000-0000-4000-8001-XXXXXXXXXXXX → size = 0xXXXXXXXXXXXX bytes (exact sizes)
// e.g. …-8000-000000000200 = 512 MiB, …-8000-000000000001 = 1 MiB, …-8001-000000000400 = 1024 B.
// Layout: a 44-byte PCM WAV header, then one pseudo-random 1 MiB block repeated (byte p of the
// file is BLOCK[p mod 1 MiB] for p ≥ 44): the same bytes as test/bench/file-bytes.mjs, and
// never more than the one block in memory whatever the size or range.
// ---------------------------------------------------------------------------------------------

const MIB = 1024 * 1024;
const BLOCK_SIZE = MIB;
const WAV_HEADER_SIZE = 44;
/** Bounded so a typo cannot ask for a petabyte. */
export const LARGE_FILE_MAX_BYTES = 64 * 1024 * MIB;
const LARGE_GUID = /^00000000-0000-4000-800([01])-([0-9a-f]{12})$/i;

let block;
function pseudoRandomBlock() {
	if (block) return block;
	block = Buffer.allocUnsafe(BLOCK_SIZE);
	let state = 0x5eed;
	for (let i = 0; i < BLOCK_SIZE; i += 4) {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		block.writeUInt32LE((t ^ (t >>> 14)) >>> 0, i);
	}
	return block;
}

/** 8 kHz, 16-bit, mono PCM header; RIFF sizes clamp at 4 GiB (the format's limit). */
function wavHeader(fileSize) {
	const h = Buffer.alloc(WAV_HEADER_SIZE);
	const clamp = (n) => Math.max(0, Math.min(n, 0xffffffff));
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(clamp(fileSize - 8), 4);
	h.write('WAVEfmt ', 8, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20);
	h.writeUInt16LE(1, 22);
	h.writeUInt32LE(8000, 24);
	h.writeUInt32LE(16000, 28);
	h.writeUInt16LE(2, 32);
	h.writeUInt16LE(16, 34);
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(clamp(fileSize - WAV_HEADER_SIZE), 40);
	return h;
}

/** Size in bytes encoded in a large-file GUID, or undefined for any other GUID. */
export function largeFileSize(guid) {
	const match = LARGE_GUID.exec(guid);
	if (!match) return undefined;
	const n = parseInt(match[2], 16);
	const size = match[1] === '0' ? n * MIB : n;
	return size <= LARGE_FILE_MAX_BYTES ? size : undefined;
}

export function largeFileGuid(sizeMiB) {
	return `00000000-0000-4000-8000-${Math.floor(sizeMiB).toString(16).padStart(12, '0')}`;
}

export function largeFileGuidBytes(bytes) {
	return `00000000-0000-4000-8001-${Math.floor(bytes).toString(16).padStart(12, '0')}`;
}

/** A body source for the large file of `size` bytes: any [start, end) without copying. */
export function largeFileSource(size) {
	const header = wavHeader(size);
	return {
		length: size,
		*chunks(start = 0, end = size) {
			const data = pseudoRandomBlock();
			let p = start;
			if (p < WAV_HEADER_SIZE && p < end) {
				const stop = Math.min(WAV_HEADER_SIZE, end);
				yield header.subarray(p, stop);
				p = stop;
			}
			while (p < end) {
				const offset = p % BLOCK_SIZE;
				const take = Math.min(BLOCK_SIZE - offset, end - p);
				yield data.subarray(offset, offset + take);
				p += take;
			}
		},
	};
}

/** sha256 of the large file of `bytes` bytes (streams through it: ~1–2 s per GiB). */
export function largeFileSha256(bytes) {
	const hash = createHash('sha256');
	for (const chunk of largeFileSource(bytes).chunks()) hash.update(chunk);
	return hash.digest('hex');
}

export function fileSource(file) {
	return bufferSource(file.buffer);
}

// ---------------------------------------------------------------------------------------------
// A one-page PDF (Genesys e-mail attachment): tiny, valid, with a correct xref table.
// ---------------------------------------------------------------------------------------------

export function buildPdf(lines) {
	const escape = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
	const text = lines.map((line, i) => `BT /F1 11 Tf 56 ${760 - i * 16} Td (${escape(line)}) Tj ET`).join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(pdf, 'latin1'));
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	const buffer = Buffer.from(pdf, 'latin1');
	return { buffer, contentType: 'application/pdf', sha256: sha256(buffer), bytes: buffer.length };
}
