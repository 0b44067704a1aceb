/** The description of a NodeApiError / NodeOperationError, if any: where the hints go. */
export function description(error: unknown): string | undefined {
	return (error as { description?: string } | undefined)?.description;
}
