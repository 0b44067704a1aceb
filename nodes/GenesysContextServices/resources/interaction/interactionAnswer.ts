import type { IDataObject, INode } from 'n8n-workflow';

import { expectList, expectObject, type AnswerContext } from '../../../shared/http/expectedAnswers';

/**
 * The interaction queries document "an array of one or more Interaction Resources" and show a
 * single object in their sample, so both are read; every resource must carry its interaction_id.
 * Anything else (a proxy's page, null, an empty body, `{}`) is an error, not "no interactions".
 */

const ID_FIELD = 'interaction_id';

/** Get Many: the interactions of a customer or a service, possibly none (`[]`). */
export function readInteractionList(node: INode, body: unknown, context: AnswerContext): IDataObject[] {
	const what = 'a list of interactions';
	if (Array.isArray(body)) return expectList(node, body, { what, entriesWith: ID_FIELD }, context);
	return [expectObject(node, body, { what, withFields: [ID_FIELD] }, context)];
}

/** Get: the interaction asked for, as one resource or a list of at least one. */
export function readInteraction(node: INode, body: unknown, context: AnswerContext): IDataObject[] {
	const what = 'the interaction';
	if (Array.isArray(body) && body.length > 0) return expectList(node, body, { what, entriesWith: ID_FIELD }, context);
	return [expectObject(node, body, { what, withFields: [ID_FIELD] }, context)];
}
