/**
 * Reading binaries produced by a node run, through the same BinaryDataService the node wrote to.
 */
import { type INodeExecutionData, UnexpectedError } from 'n8n-workflow';

import { ensureContainer } from './container';

export { binaryStorageDir } from './container';

/** Bytes of `item.binary[property]`, whether stored on disk (id) or inline (base64). */
export async function readBinary(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) {
		throw new UnexpectedError(`Item has no binary property "${property}"`);
	}
	const service = await ensureContainer();
	return await service.getAsBuffer(binary);
}
