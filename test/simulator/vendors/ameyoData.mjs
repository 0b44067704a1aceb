/**
 * Ameyo (Exotel) data: voice logs addressed by campaignId + crtObjectId + the callId in
 * `filters`, with ids shaped like the documented ones (d741-6904fad1-vce-daf-638729,
 * d741-6904fad1-vcall-10989826), and the special crtObjectIds that reproduce the odd answers of
 * older servers.
 */
import { describeFile } from '../media.mjs';
import { createRandom } from '../random.mjs';

const DAY = 86_400_000;
const RECORDINGS = 12;

/** crtObjectIds that fail the ways real servers do (valid session required first). */
export const AMEYO_ODDITIES = {
	emptyBody: 'odd-empty-body', // 200, Content-Length 0
	nullBody: 'odd-null-body', // 200, body `null`
	htmlBody: 'odd-html-200', // 200, an HTML page
	commandError: 'odd-512', // 512 with the JSON error envelope
	notFound: 'odd-404', // 404 with the JSON error envelope
	serverErrorHtml: 'odd-500-html', // 500 with an HTML error page
};

export function buildAmeyoData({ seed, now, media, campaignId }) {
	const random = createRandom(seed, 'ameyo');
	const prefix = `d741-${random.hex(8)}`;
	const campaigns = [campaignId, String(Number(campaignId) + 1)];
	const recordings = [];
	for (let i = 0; i < RECORDINGS; i++) {
		const startMs = now - 30 * DAY + Math.floor(((i + random.next() * 0.8) / RECORDINGS) * 30 * DAY);
		recordings.push({
			campaignId: i % 4 === 3 ? campaigns[1] : campaigns[0],
			crtObjectId: `${prefix}-vce-${random.hex(3)}-${random.digits(6)}`,
			callId: `${prefix}-vcall-${random.digits(8)}`,
			phone: `+9198${random.digits(8)}`,
			start: new Date(startMs).toISOString(),
		});
	}
	const formats = { mp3: media.callMp3, wav: media.callWav };
	return {
		prefix,
		campaigns,
		formats,
		recordings,
		byCrtObjectId: new Map(recordings.map((r) => [r.crtObjectId, r])),
		catalog: {
			campaigns,
			recordings: recordings.map((r) => ({
				...r,
				files: Object.fromEntries(Object.entries(formats).map(([format, file]) => [format, describeFile(file)])),
			})),
			oddities: { ...AMEYO_ODDITIES },
			unassignedCampaignId: '999',
		},
	};
}
