/**
 * The verdict of the fault-injection run, from n8n's own record of it: every input accounted for
 * (a success item or an error item, paired back to it), none twice, every stored file
 * byte-identical to what the simulator served, every JSON answer the one that was asked for.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

function pairedIndexes(item) {
	const paired = item.pairedItem;
	if (paired === undefined || paired === null) return [];
	const list = Array.isArray(paired) ? paired : [paired];
	return list.map((p) => (typeof p === 'number' ? p : p?.item)).filter((i) => Number.isInteger(i));
}

const isErrorItem = (item) => typeof item.json?.error === 'string' || typeof item.json?.error?.message === 'string';

/**
 * The bytes n8n stored for a binary: its binary data store keeps them in files under the user
 * folder (the id after "filesystem-v2:" / "filesystem:" is the path there); data inline as
 * base64 otherwise.
 */
export async function readStoredBinary(userFolder, binary) {
	if (typeof binary.id === 'string' && binary.id.includes(':')) {
		const path = binary.id.slice(binary.id.indexOf(':') + 1);
		for (const root of ['storage', 'binaryData']) {
			try {
				return await readFile(join(userFolder, '.n8n', root, path));
			} catch {
				// try the next layout
			}
		}
		throw new Error(`stored binary ${binary.id} not found under ${userFolder}/.n8n`);
	}
	return Buffer.from(binary.data ?? '', 'base64');
}

/**
 * @returns per vendor { in, success, error, lost, duplicates, filesDiffer, answersDiffer,
 *          examples: { lost: [], filesDiffer: [], answersDiffer: [], errors: [] } }
 */
export async function tallyRun(run, branches, userFolder) {
	const runData = run?.data?.resultData?.runData ?? {};
	const byVendor = {};
	for (const branch of branches) {
		const t = (byVendor[branch.vendor] ??= {
			in: 0, success: 0, error: 0, lost: 0, duplicates: 0, filesDiffer: 0, answersDiffer: 0,
			examples: { lost: [], filesDiffer: [], answersDiffer: [], errors: [], duplicates: [] },
		});
		const note = (list, text) => list.length < 5 && list.push(`${branch.nodeName}: ${text}`);
		const tasks = runData[branch.nodeName] ?? [];
		const items = tasks.flatMap((task) => task.data?.main?.[0] ?? []);
		for (const task of tasks) if (task.error) note(t.examples.errors, `the node failed as a whole: ${task.error.message}`);
		const outputsOf = branch.inputs.map(() => []);
		for (const item of items) for (const i of pairedIndexes(item)) outputsOf[i]?.push(item);

		for (const [index, input] of branch.inputs.entries()) {
			t.in += 1;
			const outputs = outputsOf[index];
			const errors = outputs.filter(isErrorItem);
			const successes = outputs.filter((item) => !isErrorItem(item));
			if (outputs.length === 0) {
				t.lost += 1;
				note(t.examples.lost, input.inputId);
				continue;
			}
			if (errors.length > 0) {
				t.error += 1;
				if (errors.length > 1) {
					t.duplicates += errors.length - 1;
					note(t.examples.duplicates, `${input.inputId}: ${errors.length} error items`);
				}
				note(t.examples.errors, `${input.inputId}: ${String(errors[0].json.error?.message ?? errors[0].json.error).slice(0, 200)}`);
			} else {
				t.success += 1;
			}
			const expected = branch.expect(input);
			if (expected.json) {
				if (successes.length > 1) {
					t.duplicates += successes.length - 1;
					note(t.examples.duplicates, `${input.inputId}: ${successes.length} items`);
				}
				for (const item of successes) {
					const problem = expected.json(item.json);
					if (problem) {
						t.answersDiffer += 1;
						note(t.examples.answersDiffer, `${input.inputId}: ${problem}`);
					}
				}
			}
			if (expected.files) {
				const seen = new Set();
				for (const item of successes) {
					const key = expected.fileKey(item.json);
					if (seen.has(key)) {
						t.duplicates += 1;
						note(t.examples.duplicates, `${input.inputId}: ${key} twice`);
						continue;
					}
					seen.add(key);
					const want = expected.files.get(key);
					const binary = item.binary?.data;
					const bytes = binary ? await readStoredBinary(userFolder, binary) : undefined;
					if (!want || !bytes || sha256(bytes) !== want.sha256) {
						t.filesDiffer += 1;
						note(t.examples.filesDiffer, `${input.inputId}: ${key} ${!want ? 'was not asked for' : !bytes ? 'has no file' : `stored ${bytes.length} bytes, sha256 ${sha256(bytes).slice(0, 12)}…, served ${want.bytes} bytes`}`);
					}
				}
				// A success must be the whole answer: every file of the input, not some of them.
				if (errors.length === 0 && seen.size < expected.files.size) {
					t.answersDiffer += 1;
					note(t.examples.answersDiffer, `${input.inputId}: ${seen.size} of ${expected.files.size} files as a success`);
				}
			}
		}
	}
	return byVendor;
}

/**
 * Stalled answers (the simulator's stall log) per vendor: how many there were, and how many the
 * client kept open longer than `timeoutMs` (a number, or one per stall) plus `graceMs`,
 * or never closed before `endedAt`: a hang past the timeout.
 */
export function tallyStalls(stalls, { timeoutMs, graceMs, endedAt }) {
	const byVendor = {};
	for (const stall of stalls) {
		const t = (byVendor[stall.vendor] ??= { stalled: 0, hangs: 0, examples: [] });
		t.stalled += 1;
		const heldMs = (stall.closedAt ?? endedAt) - stall.stalledAt;
		const limitMs = typeof timeoutMs === 'function' ? timeoutMs(stall) : timeoutMs;
		if (stall.closedAt === undefined || heldMs > limitMs + graceMs) {
			t.hangs += 1;
			if (t.examples.length < 5) {
				t.examples.push(`${stall.path} stalled ${stall.kind}, ${stall.closedAt === undefined ? 'still open at the end' : `held ${(heldMs / 1000).toFixed(1)} s`}`);
			}
		}
	}
	return byVendor;
}
