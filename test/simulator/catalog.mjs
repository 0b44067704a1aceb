/**
 * `sim.catalog`: what exists, for tests — every id a client can ask for and the sha256 and size of
 * every file the simulator serves, so an end-to-end test can prove byte identity.
 */
import { describeFile, LARGE_FILE_MAX_BYTES, largeFileGuid, largeFileGuidBytes } from './media.mjs';

function koreCatalog(koreData, kore, media) {
	const sessions = koreData.sessions.map(({ sessionId, plan, record }) => {
		const final = plan.kind === 'progress' ? 'success' : plan.kind === 'voicemail' ? 'media_unavailable' : plan.kind;
		return {
			sessionId,
			channel: record.channel,
			sessionStartTime: record.sessionStartTime,
			recordingStatus: final,
			pollsBeforeSuccess: plan.kind === 'progress' ? plan.polls : 0,
			files: final === 'success' ? kore.filesOf(sessionId, plan).map((f) => ({ fileName: f.fileName, ...describeFile(f.file) })) : [],
			...(plan.kind === 'voicemail'
				? { voicemail: { key: plan.voicemailKey, fileName: `voicemail_${sessionId}.wav`, ...describeFile(media.voicemailWav) } }
				: {}),
		};
	});
	return {
		sessions,
		sessionIdSuffixes: {
			'-polls<N>': 'N not-ready answers (call_in_progress…, then media_in_progress), then success',
			'-multi<N>': 'success with N files (2–5)',
			'-unavailable': 'media_unavailable',
			'-failed': 'failed',
			'-voicemail1': 'voicemail under the key "voicemail recording"',
			'-voicemail2': 'voicemail under the key "voicemail_recording"',
		},
		files: { merged: describeFile(media.callWav), extraLeg: describeFile(media.voicemailWav), voicemail: describeFile(media.voicemailWav) },
		expiredLinkStatus: 403,
	};
}

export function buildCatalog({ vonageData, ameyoData, koreData, genesysData, kore, media }) {
	return {
		vonage: {
			...vonageData.catalog,
			largeFiles: {
				scheme:
					'00000000-0000-4000-8000-<12 hex digits> = that many MiB; 00000000-0000-4000-8001-<12 hex digits> = that many bytes; content key callRecording (audio/wav), generated on the fly, never listed by search',
				contentKey: 'callRecording',
				contentType: 'audio/wav',
				maxBytes: LARGE_FILE_MAX_BYTES,
				examples: [
					{ guid: largeFileGuid(1), bytes: 1024 * 1024 },
					{ guid: largeFileGuid(512), bytes: 512 * 1024 * 1024 },
					{ guid: largeFileGuidBytes(1000), bytes: 1000 },
				],
			},
		},
		ameyo: ameyoData.catalog,
		kore: koreCatalog(koreData, kore, media),
		genesys: genesysData.catalog,
	};
}
