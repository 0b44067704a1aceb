import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requestBehaviourOptions } from '../../../shared/node/requestOptions';
import { dateRangeProperties, filtersCollection, optionsCollection, returnAllAndLimit } from '../../../shared/node/properties';
import type { DateWindow } from '../../../shared/http/dateWindows';
import { asNodeError } from '../../../shared/node/errorItems';
import { perItemOperation } from '../../../shared/node/operation';
import { assertDate, splitList } from '../../../shared/node/inputChecks';
import { ceilToSecond, floorToSecond, formatKoreDate } from '../../transport/analyticsWindows';
import { readCallDetails, type CallDetailsQuery } from '../../transport/callDetails';
import { MAX_PAGE_SIZE, WindowTooBusy } from '../../transport/callDetailsPager';
import { startKoreAnalyticsRun, type KoreRun } from '../../transport/koreApi';
import { KORE_REQUESTS_PER_MINUTE } from '../../transport/rateLimits';
import { accountIdParameter, botIdParameter } from '../idReaders';
import { KORE } from '../../vendor';
import { accountIdProperty, botIdProperty } from '../../properties';

const showOnlyForGetMany = { resource: ['call'], operation: ['getMany'] };

const SELECTED_FIELDS = [
	{ name: 'Customer Info', value: 'customerinfo' },
	{ name: 'Session-Level Tags', value: 'sessionleveltags' },
	{ name: 'Skills', value: 'skills' },
	{ name: 'User-Level Tags', value: 'userleveltags' },
];

export const callGetManyDescription: INodeProperties[] = [
	accountIdProperty(showOnlyForGetMany),
	botIdProperty('whose calls to list', showOnlyForGetMany),
	...dateRangeProperties(showOnlyForGetMany, {
		start: 'Calls from this time on',
		end: 'Calls before this time. Ranges over 7 days are split into 7-day requests, and busy ranges into smaller ones, for you.',
	}),
	...returnAllAndLimit(showOnlyForGetMany),
	filtersCollection(showOnlyForGetMany, [
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'string',
			default: '',
			placeholder: 'voice, rtm',
			description: 'Only these channels, separated by commas (Kore.ai names such as voice or rtm)',
		},
		{
			displayName: 'Queue IDs',
			name: 'queues',
			type: 'string',
			default: '',
			placeholder: 'qu-7a58cc5-0599-4609-817c-873d8384a1b2',
			description: 'Only calls that went through these queues, separated by commas',
		},
	]),
	optionsCollection(showOnlyForGetMany, [
		{
			displayName: 'Extra Fields',
			name: 'selectedFields',
			type: 'multiOptions',
			options: SELECTED_FIELDS,
			default: [],
			description: 'Additional data Kore.ai includes in each call when asked',
		},
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			default: MAX_PAGE_SIZE,
			description: 'Calls per request (the API allows at most 100)',
		},
		{
			displayName: 'Time Zone Offset (Minutes)',
			name: 'timeZoneOffset',
			type: 'number',
			default: 0,
			description:
				'The time zone Kore.ai reads the range in and writes call times in, in Kore.ai\'s convention: minutes behind UTC, so New York is 300 and India -330. 0 is UTC.',
		},
		...requestBehaviourOptions(KORE_REQUESTS_PER_MINUTE),
	]),
];

interface GetManyOptions {
	selectedFields?: string[];
	pageSize?: number;
	timeZoneOffset?: number;
}

function readQuery(fx: IExecuteFunctions, run: KoreRun, itemIndex: number): CallDetailsQuery {
	const node = fx.getNode();
	const accountId = accountIdParameter(fx, run, itemIndex);
	const botId = botIdParameter(fx, run, itemIndex);
	const options = fx.getNodeParameter('options', itemIndex, {}) as GetManyOptions;
	const filters = fx.getNodeParameter('filters', itemIndex, {}) as { channels?: string; queues?: string };
	const timeZoneOffset = options.timeZoneOffset ?? 0;
	if (!Number.isInteger(timeZoneOffset) || Math.abs(timeZoneOffset) > 840) {
		throw new NodeOperationError(node, `Time Zone Offset "${String(timeZoneOffset)}" is not valid`, {
			itemIndex,
			description: 'Use whole minutes from -840 to 840, such as 300 for New York or -330 for India',
		});
	}
	const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
		throw new NodeOperationError(node, `Page Size "${String(pageSize)}" is not valid`, {
			itemIndex,
			description: `Use a whole number from 1 to ${MAX_PAGE_SIZE}`,
		});
	}
	const body: IDataObject = {
		channels: splitList(filters.channels),
		queues: splitList(filters.queues),
	};
	if (options.selectedFields && options.selectedFields.length > 0) body.selectedFields = options.selectedFields;
	return { accountId, botId, timeZoneOffset, pageSize, body, itemIndex };
}

function readRange(fx: IExecuteFunctions, itemIndex: number): DateWindow {
	const node = fx.getNode();
	const start = floorToSecond(assertDate(node, fx.getNodeParameter('start', itemIndex), 'Start', itemIndex));
	const end = ceilToSecond(assertDate(node, fx.getNodeParameter('end', itemIndex), 'End', itemIndex));
	if (start.getTime() >= end.getTime()) {
		throw new NodeOperationError(node, 'Start must be before End', { itemIndex });
	}
	return { start, end };
}

export const getManyCalls = perItemOperation(startKoreAnalyticsRun, async (fx, run, itemIndex) => {
	const query = readQuery(fx, run, itemIndex);
	const range = readRange(fx, itemIndex);
	const returnAll = fx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const wanted = returnAll ? Infinity : (fx.getNodeParameter('limit', itemIndex, 50) as number);
	try {
		const calls = await readCallDetails(fx, run, query, range, wanted);
		return calls.map((json) => ({ json }));
	} catch (error) {
		if (!(error instanceof WindowTooBusy)) throw asNodeError(fx, error, itemIndex);
		const at = formatKoreDate(error.window.start, query.timeZoneOffset);
		throw new NodeOperationError(
			fx.getNode(),
			`${KORE.displayName}: more calls at ${at} than the call-details API can page through`,
			{ itemIndex, description: 'Narrow the search with the Channels or Queue IDs filters.' },
		);
	}
});
