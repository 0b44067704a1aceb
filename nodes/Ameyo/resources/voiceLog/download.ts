import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { optionsCollection, outputFileField } from '../../../shared/node/properties';
import { safeFileName } from '../../../shared/files/fileNames';
import { perItemOperation } from '../../../shared/node/operation';
import { downloadToBinary, fileItem } from '../../../shared/files/binaryDownload';
import { assertNonEmpty, quoteValue } from '../../../shared/node/inputChecks';
import { voiceLogAnswerCheck, type VoiceLogTarget } from '../../transport/answerChecks';
import { ameyoApi, ameyoGet, AMEYO_REQUESTS_PER_MINUTE, startAmeyoRun, type AmeyoRun } from '../../transport/ameyoApi';
import { isVoiceFormat, VOICE_FORMATS, type VoiceFormat } from '../../transport/audioFormat';
import { DOWNLOAD_VOICE_LOG_PATH } from '../../transport/endpoints';
import { campaignParameter, isValidCampaignId } from './campaigns';
import { AMEYO } from '../../vendor';

const showOnlyForDownload = { resource: ['voiceLog'], operation: ['download'] };

export const voiceLogDownloadDescription: INodeProperties[] = [
	campaignParameter(showOnlyForDownload),
	{
		displayName: 'CRT Object ID',
		name: 'crtObjectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'd741-6904fad1-vce-daf-638729',
		description: 'The call run-time object ID Ameyo generated for the call; it locates the recording on the server',
		displayOptions: { show: showOnlyForDownload },
	},
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'd741-6904fad1-vcall-10989826',
		description: 'The call ID; the server uses it to verify the request (sent in the filters parameter)',
		displayOptions: { show: showOnlyForDownload },
	},
	{
		displayName: 'Format',
		name: 'targetFormat',
		type: 'options',
		options: [
			{ name: 'MP3', value: 'mp3' },
			{ name: 'WAV', value: 'wav' },
		],
		default: 'mp3',
		description: 'The audio format the server converts the recording to',
		displayOptions: { show: showOnlyForDownload },
	},
	outputFileField(showOnlyForDownload),
	optionsCollection(showOnlyForDownload, requestBehaviourOptions(AMEYO_REQUESTS_PER_MINUTE)),
];

interface VoiceLogRequest {
	campaignId: number;
	crtObjectId: string;
	callId: string;
	format: VoiceFormat;
	binaryPropertyName: string;
}

/** Every value checked before any request, each message naming the value that is wrong. */
function voiceLogRequest(fx: IExecuteFunctions, itemIndex: number): VoiceLogRequest {
	const node = fx.getNode();
	const rawCampaign = fx.getNodeParameter('campaignId', itemIndex, '', { extractValue: true }) as unknown;
	const campaignText = typeof rawCampaign === 'number' ? String(rawCampaign) : typeof rawCampaign === 'string' ? rawCampaign.trim() : '';
	if (campaignText === '') {
		throw new NodeOperationError(node, 'Campaign is required', {
			itemIndex,
			description: 'Pick a campaign from the list, or choose "By ID" and type its number',
		});
	}
	if (!isValidCampaignId(campaignText)) {
		throw new NodeOperationError(node, `Campaign ID ${quoteValue(rawCampaign)} is not a whole number`, {
			itemIndex,
			description: 'Ameyo campaign IDs are whole numbers such as 110',
		});
	}
	const format = fx.getNodeParameter('targetFormat', itemIndex) as unknown;
	if (!isVoiceFormat(format)) {
		throw new NodeOperationError(node, `Format ${quoteValue(format)} is not supported`, {
			itemIndex,
			description: 'Use mp3 or wav',
		});
	}
	return {
		campaignId: Number(campaignText),
		crtObjectId: assertNonEmpty(node, fx.getNodeParameter('crtObjectId', itemIndex), 'CRT Object ID', itemIndex),
		callId: assertNonEmpty(node, fx.getNodeParameter('callId', itemIndex), 'Call ID', itemIndex),
		format,
		binaryPropertyName: assertNonEmpty(
			node,
			fx.getNodeParameter('binaryPropertyName', itemIndex),
			'Put Output File in Field',
			itemIndex,
		),
	};
}

/**
 * The four query parameters the endpoint requires, URL-encoded by URLSearchParams so no id can
 * add a parameter or leave the path. [guess] `filters` is the JSON object {"callId": …}: the
 * vendor's own example (`{callId%d741-…}`) is garbled.
 */
export function voiceLogQuery(request: Pick<VoiceLogRequest, 'campaignId' | 'crtObjectId' | 'callId' | 'format'>) {
	return {
		campaignId: String(request.campaignId),
		crtObjectId: request.crtObjectId,
		targetFormat: request.format,
		filters: JSON.stringify({ callId: request.callId }),
	};
}

async function downloadVoiceLogFile(
	fx: IExecuteFunctions,
	run: AmeyoRun,
	request: VoiceLogRequest,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const subject = `crtObjectId ${request.crtObjectId} in campaign ${request.campaignId}`;
	const target: VoiceLogTarget = {
		format: request.format,
		campaignId: request.campaignId,
		crtObjectId: request.crtObjectId,
	};
	const check = voiceLogAnswerCheck({ node: fx.getNode(), vendor: AMEYO.displayName, subject, itemIndex, secrets: run.secrets }, target);
	const file = await downloadToBinary(
		fx,
		ameyoApi(run.credentials, check),
		ameyoGet(run, DOWNLOAD_VOICE_LOG_PATH, voiceLogQuery(request)),
		{
			baseName: 'voice-log',
			fileName: safeFileName(`${request.crtObjectId}.${request.format}`) ?? `voice-log.${request.format}`,
			defaultMimeType: VOICE_FORMATS[request.format].mimeType,
		},
		{ ...run.call, itemIndex, subject },
	);
	const about = { campaignId: request.campaignId, crtObjectId: request.crtObjectId, callId: request.callId, targetFormat: request.format };
	const item = fileItem(file, request.binaryPropertyName, about, AMEYO.id);
	if (target.servedContentType) item.json.serverContentType = target.servedContentType;
	return item;
}

export const downloadVoiceLog = perItemOperation(startAmeyoRun, async (fx, run, itemIndex) => {
	const request = voiceLogRequest(fx, itemIndex);
	return [await downloadVoiceLogFile(fx, run, request, itemIndex)];
});
