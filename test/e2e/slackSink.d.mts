/** Types for slackSink.mjs (the Slack-shaped sink on loopback). */
export interface SinkUpload {
	path: string;
	fields: Record<string, string>;
	file: { field: string; filename: string; contentType?: string; bytes: number; sha256: string };
}
export interface SlackSink {
	url: string;
	messageUrl(tag: string): string;
	filesUrl(tag: string): string;
	messages: Array<{ text: string }>;
	posts: Array<{ path: string; message: { text: string } }>;
	files: SinkUpload[];
	close(): Promise<void>;
}
export function startSlackSink(options?: {
	port?: number;
	onMessage?: (message: { text: string }) => void;
	onFile?: (upload: SinkUpload) => void;
}): Promise<SlackSink>;
export function parseMultipart(
	body: Buffer,
	contentType: string | undefined,
): Array<{ name?: string; filename?: string; contentType?: string; data: Buffer }>;
