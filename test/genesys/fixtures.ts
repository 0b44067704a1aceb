import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { GenesysContextServicesApi } from '../../credentials/GenesysContextServicesApi.credentials';
import { GenesysContextServices } from '../../nodes/GenesysContextServices/GenesysContextServices.node';
import { runNode, type RunNodeResult } from '../harness/index';
import { FAST, type VendorRunOptions } from '../support/vendorRun';

/** UCS 8.0/8.1: the REST API on the UCS HTTP port, at the server root. */
export const UCS = 'http://ucshost:8080';
/** Context Services 8.5: behind GMS, under a base path. */
export const GMS = 'https://gms.example.com';
export const GMS_BASE_PATH = '/genesys/1/cs';

export const IXN_ID = '00001a57JGQ00BW8';
export const CUSTOMER_ID = '00001a57JGQ00BVU';
/** Fake secrets the tests look for in errors and outputs. */
export const PROXY_KEY = 'proxy-key-not-for-other-hosts';
export const BASIC_PASSWORD = 'basic-pass-42';

export type GenesysCredential = ICredentialDataDecryptedObject;

export function genesysCredentials(overrides: GenesysCredential = {}): Record<string, GenesysCredential> {
	return {
		genesysContextServicesApi: {
			baseUrl: UCS,
			authentication: 'none',
			user: '',
			password: '',
			headerName: '',
			headerSecret: '',
			contactCenterId: '',
			groupId: '',
			ignoreTlsErrors: false,
			...overrides,
		},
	};
}

/** The Interaction resource from the Query Interactions reference page, links on the UCS host. */
export function interactionResource(id = IXN_ID, host = UCS): Record<string, unknown> {
	return {
		external_id: '00AF4A7951D60009',
		established_date: '2009-08-05T09:33:15.000Z',
		text: `${host}/interactions/${id}/plain_text`,
		media_type: 'chat',
		udata: { ChatServerHost: 'SUITE80', RTenant: 'defaultTenant', RStrategyName: 'sms-session-inbound' },
		binary_content: `${host}/interactions/${id}/binary_content`,
		structured_text: `${host}/interactions/${id}/structured_text`,
		status: 3,
		subject: 'SMS chat',
		timeshift: 1,
		type: 'Inbound',
		interaction_id: id,
		allow_children: true,
		end_date: '2009-08-05T09:34:04.140Z',
		owner_id: 124,
		sub_type: 'InboundNew',
		released_date: '2009-08-05T09:33:59.000Z',
		entity_type: 2,
		creator_app_id: 175,
		thread_id: '00001a57JGQ00BW9',
		start_date: '2009-08-05T09:33:10.000Z',
		structured_text_mime: 'text/xml',
		customer_id: CUSTOMER_ID,
	};
}

/** A chat transcript in the layout Chat Server stores in UCS (userNick, userType, timeShift…). */
export const CHAT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<chatTranscript startAt="2024-03-05T07:09:33Z" sessionId="0001KaBCDE000001">
<newParty userId="00A1" timeShift="0" visibility="ALL" eventId="1">
<userInfo personId="" userNick="Maria" userType="CLIENT" protocolType="FLEX" timeZoneOffset="60"/>
<userData><item key="GCTI_LanguageCode" type="string">en-GB</item><item key="FirstName" type="string">Maria</item></userData>
</newParty>
<message userId="00A1" timeShift="2" visibility="ALL" eventId="2"><msgText>Hello, my parcel has not arrived &amp; I&apos;m worried.</msgText></message>
<newParty userId="00B2" timeShift="3" visibility="ALL" eventId="3">
<userInfo personId="" userNick="HelperBot" userType="AGENT" protocolType="BASIC"/>
<userData><item key="GCTI_Chat_PartyStyle" type="string">BOT</item></userData>
</newParty>
<message userId="00B2" timeShift="4" visibility="ALL" eventId="4"><msgText><![CDATA[Let me find an agent <b>for you</b>.]]></msgText></message>
<notice userId="00B2" timeShift="4" visibility="ALL" eventId="5"><noticeText noticeType="USER_CUSTOM">transfer requested</noticeText></notice>
<partyLeft userId="00B2" timeShift="5" visibility="ALL" eventId="6" askerId="00B2"><reason code="3">left due to disconnect</reason></partyLeft>
<newParty userId="00C3" timeShift="20" visibility="ALL" eventId="7"><userInfo personId="jdoe" userNick="John" userType="AGENT" protocolType="BASIC"/></newParty>
<message userId="00C3" timeShift="25" visibility="ALL" eventId="8"><msgText msgType="text">Hi Maria, I can help with that.</msgText></message>
<message userId="00C3" timeShift="27" visibility="INT" eventId="9"><msgText>checking the courier system</msgText></message>
<newParty userId="00D4" timeShift="30" visibility="ALL" eventId="10"><userInfo personId="" userNick="system" userType="EXTERNAL" protocolType="ESP"/></newParty>
<message userId="00D4" timeShift="31" visibility="ALL" eventId="11"><msgText>The conversation may be recorded.</msgText></message>
<partyLeft userId="00C3" timeShift="90" visibility="ALL" eventId="12" askerId="00C3"><reason>left</reason></partyLeft>
<partyLeft userId="00A1" timeShift="91" visibility="ALL" eventId="13" askerId="00C3"><reason code="4">removed by other party</reason></partyLeft>
</chatTranscript>`;

export async function runGenesys(parameters: INodeParameters, opts: VendorRunOptions = {}): Promise<RunNodeResult> {
	const options = { ...FAST, ...((parameters.options as object | undefined) ?? {}) };
	return await runNode({
		...opts,
		nodeType: new GenesysContextServices(),
		credentialTypes: [new GenesysContextServicesApi()],
		credentials: opts.credentials ?? genesysCredentials(),
		parameters: { ...parameters, options },
	});
}

export const GET = (interactionId = IXN_ID, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'interaction',
	operation: 'get',
	interactionId,
	...extra,
});

export const CONTENT = (operation: string, interactionId = IXN_ID, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'content',
	operation,
	interactionId,
	...extra,
});
