/** Types for index.mjs (the loopback vendor simulator), for TypeScript tests and tools. */

export type Vendor = 'vonage' | 'ameyo' | 'kore' | 'genesys';
export type FaultKind =
	| '429'
	| '500'
	| '502'
	| '503'
	| 'reset'
	| 'slow'
	| 'short'
	| 'html200'
	| 'redirect-foreign'
	| 'stall-headers'
	| 'stall-body'
	| 'internal-link';

export interface FaultRule {
	vendor?: Vendor;
	/** Regex source, tested against the request path. */
	path?: string;
	fault: FaultKind;
	/** How many requests it hits (default 1). */
	times?: number;
	/** Only requests with this method. */
	method?: string;
	/** Chance (0–1, default 1) that a matching request is hit, drawn from the seeded stream. */
	probability?: number;
	/** Hit the n-th matching request (0-based) for each n, instead of times/probability. */
	at?: number[];
	/** Once hit, the next burst − 1 matching requests are hit too (default 1). */
	burst?: number;
	/** Seconds, an HTTP date, or 'none' (a 429 without the header); 429 default: 1. */
	retryAfter?: number | string;
	/** A Retry-After value sent as it is, valid or not ('1.5', '-1', 'soon'). */
	retryAfterRaw?: string;
	/** An HTTP-date Retry-After this many seconds after the answer. */
	retryAfterDateIn?: number;
	/**
	 * 'redirect-foreign': the base URL the redirect points at (path and query are kept);
	 * 'internal-link': the base URL a Kore.ai listing's links point at instead of the media host.
	 */
	to?: string;
	/** 'redirect-foreign': 301, 302, 303, 307 (default) or 308. */
	redirectStatus?: number;
	/** For 'slow': the pause before each of the (at most 10) body pieces, default 200 ms. */
	delayMs?: number;
	/** 429/500/502/503: the text in the vendor's error envelope (default a generic one). */
	message?: string;
}

/** One request the simulator received (requestLog.mjs). */
export interface RequestLogEntry {
	vendor: Vendor;
	/** The route's name, e.g. 'calldetails', 'recordings.v2', 'media'; 'unmatched' for none. */
	route: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** As Node gives them: names in lower case. */
	headers: Record<string, string | string[] | undefined>;
	/** The body, parsed when JSON, for routes that read one and log it (Kore.ai call details). */
	body?: unknown;
	/** Kore.ai media links: the session whose recording was asked for. */
	sessionId?: string;
}

/** One file of a Vonage interaction a test writes by hand (vendors/vonageInteractions.mjs). */
export interface VonageContent {
	contentKey: string;
	type: string;
	/** Default 'audio/wav'. */
	contentType?: string;
	lastModified?: string;
	/** The file (default the simulator's call WAV). */
	bytes?: Uint8Array;
	/** What its download answers, in turn (the last one repeats); 200 serves it. Default [200]. */
	answers?: number[];
	/** The message of a failing answer (default the status text). */
	errorMessage?: string;
}

/** A Vonage interaction a test writes by hand. */
export interface VonageInteraction {
	guid: string;
	start: Date | number | string;
	/** Default 'inbound'. */
	direction?: 'inbound' | 'outbound' | 'internal';
	/** The handling agent's id, default '1342'. */
	agentId?: string;
	connectFrom?: string;
	connectTo?: string;
	content: VonageContent[];
}

/** A Kore.ai call a test writes by hand (vendors/koreCalls.mjs). */
export interface KoreCall {
	sessionId: string;
	start: Date | number | string;
	/** None: the call is still going on. */
	end?: Date | number | string;
	/** Default 'Voice'. */
	channel?: 'Voice' | 'Web/Mobile Client';
	/**
	 * What the recordings listing answers, in turn (the last one repeats): a status such as
	 * 'media_in_progress' or 'success', or an HTTP status it fails with. Default ['success'].
	 */
	recording?: Array<string | number>;
	/** What the media host answers for the recording, in turn (the last one repeats); 200 serves it. */
	media?: number[];
	/** The recording's bytes (default the simulator's call WAV). */
	bytes?: Uint8Array;
}

export interface SimulatorOptions {
	port?: number;
	mediaPort?: number;
	seed?: number;
	now?: number;
	interactions?: number;
	tokenTtlSeconds?: number;
	sessionTtlSeconds?: number;
	faults?: FaultRule[];
	log?: (line: string) => void;
	verbose?: boolean;
	/** The host name Kore.ai's credential and signed links use for this machine (default 127.0.0.1). */
	koreHost?: string;
	signedUrlTtlSeconds?: number;
	koreAnalyticsPerMinute?: number;
	korePlatformPerMinute?: number;
	/** One budget per account across every client, sliding minute, 429 + Retry-After; 0 (default): none. */
	vonagePerMinute?: number;
	ameyoPerMinute?: number;
	genesysPerMinute?: number;
	/** Items a Vonage search page holds at most, whatever `limit` asks (a continuation token follows); 0 (default): `limit`. */
	vonagePageSize?: number;
	ameyoLoginPage?: boolean;
	genesysBasicAuth?: boolean;
	koreEnforceJti?: boolean;
}

export type MutableOptions = Required<
	Pick<
		SimulatorOptions,
		| 'tokenTtlSeconds'
		| 'sessionTtlSeconds'
		| 'signedUrlTtlSeconds'
		| 'koreAnalyticsPerMinute'
		| 'korePlatformPerMinute'
		| 'vonagePerMinute'
		| 'ameyoPerMinute'
		| 'genesysPerMinute'
		| 'vonagePageSize'
		| 'ameyoLoginPage'
		| 'genesysBasicAuth'
		| 'koreEnforceJti'
	>
>;

export interface SimulatorCredentials {
	vonage: { region: 'emea'; clientId: string; clientSecret: string; apiBaseUrl: string; tokenUrl: string };
	ameyo: { baseUrl: string; userId: string; password: string; campaignId: string };
	kore: { host: string; clientId: string; clientSecret: string; accountId: string; botId: string };
	genesys: { baseUrl: string; contactCenterId: string; groupId: string; username: string; password: string };
}

export interface ServedFile {
	contentType: string;
	bytes: number;
	sha256: string;
}

export interface SimulatorCatalog {
	vonage: {
		interactions: Array<{
			guid: string;
			start: string;
			channel: 'call' | 'chat' | 'voicemail';
			direction: string;
			handlingAgentId: string | null;
			content: Array<ServedFile & { contentKey: string; type: string }>;
		}>;
		analysis: Array<{ guid: string; status: 'processed' | 'processing' | 'failed' }>;
		largeFiles: {
			scheme: string;
			contentKey: 'callRecording';
			contentType: 'audio/wav';
			maxBytes: number;
			examples: Array<{ guid: string; bytes: number }>;
		};
	};
	ameyo: {
		campaigns: string[];
		unassignedCampaignId: string;
		recordings: Array<{
			campaignId: string;
			crtObjectId: string;
			callId: string;
			phone: string;
			start: string;
			files: { mp3: ServedFile; wav: ServedFile };
		}>;
		oddities: {
			emptyBody: string;
			nullBody: string;
			htmlBody: string;
			commandError: string;
			notFound: string;
			serverErrorHtml: string;
		};
	};
	kore: {
		sessions: Array<{
			sessionId: string;
			channel: string;
			sessionStartTime: string;
			recordingStatus: 'success' | 'media_unavailable' | 'failed';
			pollsBeforeSuccess: number;
			files: Array<ServedFile & { fileName: string }>;
			voicemail?: ServedFile & { key: 'voicemail recording' | 'voicemail_recording'; fileName: string };
		}>;
		sessionIdSuffixes: Record<string, string>;
		files: { merged: ServedFile; extraLeg: ServedFile; voicemail: ServedFile };
		expiredLinkStatus: 403;
	};
	genesys: {
		contactCenterId: string;
		customers: Array<{ customerId: string; name: string; interactionIds: string[] }>;
		services: Array<{ serviceId: string; interactionIds: string[] }>;
		interactions: Array<{
			interactionId: string;
			mediaType: string;
			customerId: string;
			serviceId: string;
			content: Partial<Record<'plain_text' | 'structured_text' | 'binary_content', ServedFile>>;
			foreignHost?: string;
		}>;
		foreignHostInteractionId: string;
		noContentInteractionId: string;
	};
}

export interface VendorStats {
	requests: number;
	requestsLastMinute: number;
	maxRequestsPerMinute: number;
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
	/** Faults injected into this vendor's answers, by form. */
	faultForms: Record<string, number>;
	/** Answers other than 429, and 429s, per step since the stats were reset. */
	timeline: { stepSeconds: number; steps: Array<{ answered: number; throttled: number }> };
}

export interface SimulatorStats {
	startedAt: string;
	requests: number;
	requestsLastMinute: number;
	maxRequestsPerMinute: number;
	tokensIssued: number;
	sessionsIssued: number;
	faultsInjected: Partial<Record<FaultKind, number>>;
	/** By form, e.g. '429 Retry-After: "1.5"', 'redirect-foreign 307'. */
	faultForms: Record<string, number>;
	vendors: Partial<Record<Vendor, VendorStats>>;
}

export interface Simulator {
	url: string;
	mediaUrl: string;
	credentials: SimulatorCredentials;
	catalog: SimulatorCatalog;
	stats(): SimulatorStats;
	resetStats(): void;
	setFaults(rules: FaultRule[]): void;
	clearFaults(): void;
	faults(): Array<Omit<FaultRule, 'times'> & { remaining: number }>;
	/** Every access token, session id and Kore.ai JWT issued or accepted so far. */
	issuedSecrets(): { vonage: string[]; ameyo: string[]; kore: string[] };
	/** The credentials' secrets and every issued one. */
	secretValues(): string[];
	/** Stalled answers: when each stalled, and when the client closed it (undefined: still open). */
	stalls(): Array<{ kind: string; vendor: string; path: string; stalledAt: number; closedAt?: number }>;
	/** Requests to the media host that carried a credential (must stay empty). */
	mediaRequestsWithCredentials(): Array<{ method: string; path: string; carried: string[] }>;
	/** Every vendor request so far, on both ports, oldest first. */
	requests(): RequestLogEntry[];
	clearRequests(): void;
	/** Calls `listener` as each request arrives, before it is answered; returns a function that stops it. */
	onRequest(listener: (entry: RequestLogEntry) => void): () => void;
	kore: {
		/** Replaces every call (the seeded ones too): the call-details search answers these only. */
		setCalls(calls: KoreCall[]): void;
		/** Adds a call, or replaces the one with its session id; answers already given count on. */
		putCall(call: KoreCall): void;
		/** The files a session's listing names once ready. */
		recordingFiles(sessionId: string): Array<ServedFile & { fileName: string }>;
	};
	vonage: {
		/** Replaces every interaction (the seeded ones too): the search lists these only. */
		setInteractions(interactions: VonageInteraction[]): void;
		/** Adds an interaction, or replaces the one with its guid; answers already given count on. */
		putInteraction(interaction: VonageInteraction): void;
	};
	now(): number;
	advanceTime(seconds: number): void;
	options(): MutableOptions;
	setOptions(partial: Partial<MutableOptions>): MutableOptions;
	close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
export function largeFileGuid(sizeMiB: number): string;
export function largeFileGuidBytes(bytes: number): string;
export function largeFileSize(guid: string): number | undefined;
export function largeFileSha256(bytes: number): string;
export function signHs256(payload: Record<string, unknown>, secret: string, header?: Record<string, unknown>): string;
