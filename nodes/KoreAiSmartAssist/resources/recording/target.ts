import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { KoreRun } from '../../transport/koreApi';
import type { MediaTarget } from '../../transport/mediaFetch';
import { botIdParameter, optionalUserId, sessionIdParameter } from '../parameters';

export const userIdOption: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	placeholder: 'jane.doe@example.com',
	description:
		'The user of the conversation (e-mail or enterprise ID); Kore.ai lists it as a filter for recordings, most accounts do not need it',
};

/** Which recording an item asks for, validated before any request. */
export function recordingTarget(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): MediaTarget {
	const botId = botIdParameter(fx, run, itemIndex);
	const sessionId = sessionIdParameter(fx, itemIndex);
	const { userId } = fx.getNodeParameter('options', itemIndex, {}) as { userId?: string };
	return { kind: 'recording', botId, sessionId, itemIndex, userId: optionalUserId(fx, userId, itemIndex) };
}
