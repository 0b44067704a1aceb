import type {
	IDisplayOptions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { expectList } from '../../../shared/http/expectedAnswers';
import { requestJson } from '../../../shared/http/request';
import { jsonAnswerCheck } from '../../transport/answerChecks';
import { AMEYO_CREDENTIAL, ameyoApi, ameyoGet, baseUrlOf } from '../../transport/ameyoApi';
import { ASSIGNED_CAMPAIGNS_PATH } from '../../transport/endpoints';
import { secretValues } from '../../transport/secrets';
import { ignoresTlsErrors } from '../../transport/session';
import { AMEYO } from '../../vendor';

/** Campaign IDs are Java ints on the server. */
const MAX_CAMPAIGN_ID = 2_147_483_647;

export function campaignParameter(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaignId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The campaign the call belongs to',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign…',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '110',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A campaign ID is a whole number such as 110' },
					},
				],
			},
		],
	};
}

export function isValidCampaignId(text: string): boolean {
	return /^\d+$/.test(text) && Number(text) <= MAX_CAMPAIGN_ID;
}

interface AssignedCampaign {
	campaignId?: unknown;
	campaignName?: unknown;
	campaignType?: unknown;
}

/** A list entry that explains rather than selects: picking it leaves the campaign empty. */
function notice(name: string): INodeListSearchResult {
	return { results: [{ name, value: '' }] };
}

/**
 * The campaigns assigned to the credential's user, for the Campaign picker. [guess] The endpoint
 * (GET /ameyorestapi/cc/campaigns/getAssigned) is not in Exotel's published docs, so a server
 * without it gets a hint to type the ID instead of an error.
 */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(AMEYO_CREDENTIAL);
	const target = { baseUrl: baseUrlOf(this, credentials), skipTls: ignoresTlsErrors(credentials) };
	const context = {
		node: this.getNode(),
		vendor: AMEYO.displayName,
		subject: 'assigned campaigns',
		secrets: secretValues(credentials),
	};
	const answer = await requestJson(
		this,
		ameyoApi(credentials, jsonAnswerCheck(context)),
		ameyoGet(target, ASSIGNED_CAMPAIGNS_PATH, undefined, 'application/json'),
		{ vendor: AMEYO.displayName, subject: context.subject },
	).then(
		({ statusCode, body }) => ({ statusCode, body }),
		(failure: { httpCode?: string | null; message?: string }) => ({ failure }),
	);
	if ('failure' in answer) {
		const { httpCode, message } = answer.failure;
		if (httpCode === '404' || httpCode === '405') {
			return notice(`This server offers no campaign list (HTTP ${httpCode}): choose "By ID" and type the campaign ID`);
		}
		if (httpCode === '512' && /not\.assigned/i.test(message ?? '')) {
			return notice('No campaigns are assigned to this user: choose "By ID" and type the campaign ID');
		}
		// Already one readable NodeApiError from the shared transport.
		throw answer.failure;
	}
	const campaigns = expectList(this.getNode(), answer.body, { what: 'a list of campaigns' }, {
		vendor: AMEYO.displayName,
		subject: context.subject,
		statusCode: answer.statusCode,
	}) as AssignedCampaign[];

	const wanted = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = campaigns
		.filter((campaign) => isValidCampaignId(String(campaign.campaignId ?? '')))
		.map((campaign) => {
			const id = String(campaign.campaignId);
			const name = typeof campaign.campaignName === 'string' && campaign.campaignName !== '' ? campaign.campaignName : `Campaign ${id}`;
			const type = typeof campaign.campaignType === 'string' ? campaign.campaignType : undefined;
			return { name: `${name} (${id})`, value: id, ...(type ? { description: type } : {}) };
		})
		.filter((item) => wanted === '' || item.name.toLowerCase().includes(wanted))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
