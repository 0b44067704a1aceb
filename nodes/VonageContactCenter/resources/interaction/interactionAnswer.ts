import type { IDataObject, INode } from 'n8n-workflow';

import { expectList, expectObject, type AnswerContext } from '../../../shared/http/expectedAnswers';

/**
 * GET /interaction-content/interactions/{guid} documents an object with the interaction's guid
 * and its content list; Interaction → Get and Download All read it through here.
 */

const CONTENT_LIST = { what: 'the interaction with its content list', at: 'content', entriesWith: 'contentKey' };

/** The interaction: an object with its guid, and a content list (when present) whose entries name their contentKey. */
export function readInteraction(node: INode, body: unknown, context: AnswerContext): IDataObject {
	const interaction = expectObject(node, body, { what: 'the interaction', withFields: ['guid'] }, context);
	if (interaction.content !== undefined) expectList(node, interaction, CONTENT_LIST, context);
	return interaction;
}

/** The content list, which Download All cannot do without: an answer lacking it is not read as "no files". */
export function readContentList(node: INode, body: unknown, context: AnswerContext): IDataObject[] {
	const interaction = expectObject(node, body, { what: CONTENT_LIST.what, withFields: ['guid'] }, context);
	return expectList(node, interaction, CONTENT_LIST, context);
}
