import type { IDataObject } from 'n8n-workflow';

import { toIsoDate } from './dates';

/**
 * An Interaction resource as the node outputs it: every date an ISO string, and the numeric
 * entity_type and status codes also given by name. Everything else (udata included) is kept
 * exactly as the server sent it.
 */

/** Chat Interaction resource, "entity_type" (CS API reference). */
export const ENTITY_TYPE_NAMES: Record<number, string> = {
	0: 'email in',
	1: 'email out',
	2: 'chat',
	3: 'phone call',
	5: 'callback',
	6: 'cobrowse',
	7: 'open media',
};

/** Chat Interaction resource, "status". */
export const STATUS_NAMES: Record<number, string> = {
	0: 'new',
	1: 'pending',
	2: 'in process',
	3: 'stopped',
};

/** Fields holding times: the documented *_date ones, and any other a deployment adds. */
const DATE_KEY = /(^|_)date$|Date$/;

function codeName(value: unknown, names: Record<number, string>): string | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) {
		return names[Number(value)] ?? 'unknown';
	}
	// Servers mapping business attributes to names (map_name) send "IN_PROCESS" and the like.
	if (typeof value === 'string' && value.trim() !== '') return value.trim().toLowerCase().replace(/_/g, ' ');
	return undefined;
}

export function normaliseInteraction(resource: IDataObject): IDataObject {
	const json: IDataObject = {};
	for (const [key, value] of Object.entries(resource)) {
		json[key] = DATE_KEY.test(key) ? (toIsoDate(value) ?? value) : value;
	}
	const entityTypeName = codeName(resource.entity_type, ENTITY_TYPE_NAMES);
	const statusName = codeName(resource.status, STATUS_NAMES);
	if (entityTypeName !== undefined) json.entity_type_name = entityTypeName;
	if (statusName !== undefined) json.status_name = statusName;
	return json;
}
