/**
 * n8n's durable poll cursors (2.36+): the poller's cursor is stored in the `poller_state` table,
 * in the transaction that creates the poll's execution, instead of in the workflow's static data.
 */

export const DURABLE_ENV = {
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	// From 2.37 the cursor is only kept on the durable scheduler's chain; without these three n8n
	// logs that durable cursors stay disabled and polls behave as legacy.
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
};

/** PollCursorService's warning when the flag is set without the scheduler chain it needs. */
export const durableCursorsDisabled = (n8nOutput) => /durable poll cursors stay disabled/.test(n8nOutput);

/**
 * Which store kept the triggers' place, read after they emitted: with durable cursors on, n8n
 * moves the node's state into `poller_state`, so the workflow's static data stays empty; the
 * legacy poller keeps it there. Either one seen where the other was asked for means the flags did
 * not take (or n8n changed where it keeps the cursor), and the run would measure the wrong poller.
 */
export async function checkCursorStore({ rest, n8nOutput, workflowIds, durable, check, label = '' }) {
	const where = durable ? "n8n's poller_state (durable cursors)" : "the workflow's static data (legacy poller)";
	await check(`${label}the triggers keep their place in ${where}`, async () => {
		if (durable && durableCursorsDisabled(n8nOutput)) throw new Error('n8n logged that durable poll cursors stay disabled');
		const found = [];
		for (const id of workflowIds) {
			const staticData = (await rest.call('GET', `/rest/workflows/${id}`)).staticData;
			const kept = staticData !== null && staticData !== undefined && Object.keys(staticData).length > 0;
			if (kept === durable) found.push(`workflow ${id}: static data ${JSON.stringify(staticData)?.slice(0, 200)}`);
		}
		if (found.length) throw new Error(found.join('; '));
		return durable ? 'static data empty, no "stay disabled" warning' : 'static data holds each trigger\'s state';
	});
}
