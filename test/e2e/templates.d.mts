/** Types for templates.mjs (the examples/ templates in the e2e run). */
import type { SlackSink } from './slackSink.mjs';

export interface TemplateNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
}
export interface TemplateWorkflow {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	[key: string]: unknown;
}
export const EXAMPLES_DIR: string;
export function loadTemplates(): Promise<Array<{ slug: string; workflow: TemplateWorkflow }>>;
export function withCredentials(workflow: TemplateWorkflow, credentials: Record<string, { id: string; name: string }>): TemplateWorkflow;
export function slackNodesToSink(workflow: TemplateWorkflow, sink: Pick<SlackSink, 'messageUrl' | 'filesUrl'>, tag: string): TemplateWorkflow;
export function triggerOf(workflow: TemplateWorkflow): TemplateNode;
export function assertNoTranscriptPii(text: string, where: string): void;
