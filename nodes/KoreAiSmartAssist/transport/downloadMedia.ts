import { NodeOperationError } from 'n8n-workflow';

import { safeFileName } from '../../shared/files/fileNames';
import { asNodeError } from '../../shared/node/errorItems';
import { downloadToBinary, type DownloadedFile } from '../../shared/files/binaryDownload';
import { describeUrl } from '../../shared/http/urlRules';
import { vendorLinkCheck, type VendorLinkCheck } from '../../shared/http/vendorLinks';
import type { FileFunctions, RedirectPolicy } from '../../shared/http/types';
import { KORE_MEDIA, type KoreRun } from './koreApi';
import { fetchListing, subjectOf, type MediaTarget } from './mediaFetch';
import type { MediaFile } from './mediaListing';
import { isExpired, MAX_MEDIA_REDIRECTS, urlHost } from './signedUrl';
import { KORE } from '../vendor';

/**
 * Streams each listed file into n8n's binary store. The signed links are fetched with no
 * credential (KORE_MEDIA), so neither the `auth` token nor anything else of the credential can
 * reach the media host, not even through a redirect. A link that has lapsed (its `e=` is past,
 * or the media host answers 401/403/410) costs one fresh listing call; a second refusal is an error.
 */

/** What a media host answers for a lapsed or tampered signed link. */
const REFUSED_LINK = new Set(['401', '403', '410']);

const AUDIO_TYPES: Record<string, string> = {
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	ogg: 'audio/ogg',
	m4a: 'audio/mp4',
	webm: 'audio/webm',
	json: 'application/json',
};

const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream']);

function typeFromName(fileName: string | undefined): string | undefined {
	const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	return ext ? AUDIO_TYPES[ext] : undefined;
}

/** Object stores often say "octet-stream" for audio; the file name knows better. */
function refineMimeType(file: DownloadedFile): DownloadedFile {
	const named = typeFromName(file.fileName);
	if (!named || !GENERIC_TYPES.has(file.mimeType)) return file;
	return { ...file, mimeType: named, binary: { ...file.binary, mimeType: named } };
}

function sameFile(fresh: MediaFile[], original: MediaFile, index: number): MediaFile | undefined {
	if (original.fileName) return fresh.find((f) => f.fileName === original.fileName);
	return fresh[index];
}

async function freshLinks(fx: FileFunctions, run: KoreRun, target: MediaTarget, files: MediaFile[], index: number) {
	const listing = await fetchListing(fx, run, target);
	const renewed = files.map((file, i) => (listing.state === 'ready' ? sameFile(listing.files, file, i) : undefined) ?? file);
	if (listing.state !== 'ready' || sameFile(listing.files, files[index], index) === undefined) {
		throw new NodeOperationError(
			fx.getNode(),
			`${KORE.displayName}: the link to ${files[index].fileName ?? `file ${index + 1}`} expired and a fresh listing no longer has the file (status ${listing.status}, ${subjectOf(target)})`,
			{ itemIndex: target.itemIndex },
		);
	}
	return renewed;
}

/** Each listed file stored in n8n's binary store, in the listing's order. */
export async function downloadMediaFiles(
	fx: FileFunctions,
	run: KoreRun,
	target: MediaTarget,
	listed: MediaFile[],
): Promise<DownloadedFile[]> {
	let files = [...listed];
	const stored: DownloadedFile[] = [];
	let checkLink: VendorLinkCheck | undefined;

	for (let index = 0; index < files.length; index++) {
		let refreshed = false;
		const fileName = files[index].fileName ? safeFileName(files[index].fileName as string) : undefined;
		const subject = `${subjectOf(target)}, file ${fileName ?? index + 1}`;
		let file: DownloadedFile | undefined;

		while (!file) {
			if (!refreshed && isExpired(files[index].fileUrl)) {
				files = await freshLinks(fx, run, target, files, index);
				refreshed = true;
			}
			const { fileUrl } = files[index];
			// Every hop of a redirect gets the same check as the link itself (see vendorLinks).
			const linkCheck = async (url: string, redirected: boolean): Promise<void> => {
				checkLink ??= await vendorLinkCheck(fx, run.baseUrl);
				const problem = await checkLink(url);
				if (problem === undefined) return;
				throw new NodeOperationError(
					fx.getNode(),
					`${KORE.displayName}: ${redirected ? 'a redirect of the link to' : 'the link to'} ${subject} ${problem}`,
					{
						itemIndex: target.itemIndex,
						description: `Media links are fetched only from public web addresses (${describeUrl(url)}); nothing was requested there.`,
					},
				);
			};
			const redirects: RedirectPolicy = { max: MAX_MEDIA_REDIRECTS, check: (next) => next };
			try {
				file = await downloadToBinary(
					fx,
					KORE_MEDIA,
					{ method: 'GET', url: fileUrl },
					{ baseName: `${target.sessionId}-${target.kind}-${index + 1}`, fileName, defaultMimeType: typeFromName(fileName) },
					// The media host is not the rate-limited API: retries yes, pacing no.
					{ vendor: KORE.displayName, policy: run.call.policy, itemIndex: target.itemIndex, subject, redirects, linkCheck },
				);
			} catch (error) {
				const e = error as { httpCode?: string | null; description?: string | null };
				if (!REFUSED_LINK.has(String(e.httpCode))) throw asNodeError(fx, error, target.itemIndex);
				if (!refreshed) {
					files = await freshLinks(fx, run, target, files, index);
					refreshed = true;
					continue;
				}
				e.description = `The media host ${urlHost(fileUrl)} refused the signed link, and the fresh link fetched after that as well.`;
				throw asNodeError(fx, error, target.itemIndex);
			}
		}

		stored.push(refineMimeType(file));
	}
	return stored;
}
