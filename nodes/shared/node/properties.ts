import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Parameters every vendor node shows in the same words, so they read alike across the package. */

export type Show = NonNullable<IDisplayOptions['show']>;

/** A resource's Operation selector. */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaultOperation: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** The Options collection; a trigger, which has no resource, leaves `show` out. */
export function optionsCollection(show: Show | undefined, options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...(show ? { displayOptions: { show } } : {}),
		options,
	};
}

/** The Filters collection of a search; a trigger leaves `show` out. */
export function filtersCollection(show: Show | undefined, options: INodeProperties[]): INodeProperties {
	return { ...optionsCollection(show, options), displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' };
}

/** Start and End of a search range, each described in the vendor's terms. */
export function dateRangeProperties(show: Show, describe: { start: string; end: string }): INodeProperties[] {
	return (['start', 'end'] as const).map((name) => ({
		displayName: name === 'start' ? 'Start' : 'End',
		name,
		type: 'dateTime' as const,
		required: true,
		default: '',
		description: describe[name],
		displayOptions: { show },
	}));
}

export function returnAllAndLimit(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Where a download puts its file (`what`: "the file", or "each file" for several per item). */
export function outputFileField(show: Show, what = 'the file'): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: `The name of the output binary field to put ${what} in`,
		displayOptions: { show },
	};
}
