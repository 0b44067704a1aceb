/**
 * "Trigger → HTTP POST" workflows: a polling trigger whose every item is posted as one JSON
 * message to a sink (slackSink.mjs), so a run is judged by what the sink received. The trigger
 * e2e, the fault run's outage and the kill-and-restart backfill all count recordings this way.
 */

/**
 * @param name       the workflow's name
 * @param trigger    the trigger node's `type`, `parameters` and `credentials`
 * @param url        where each item is posted
 * @param text       the JSON body, an n8n expression
 * @param postNode   the HTTP node's name (the callers name it for where it posts)
 */
export function triggerToSink({ name, trigger, url, text, postNode = 'Post to Slack' }) {
	return {
		name,
		nodes: [
			{ ...trigger, name: 'New Call Recording', typeVersion: 1, position: [0, 0] },
			{
				parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody: text, options: {} },
				name: postNode,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
			},
		],
		connections: { 'New Call Recording': { main: [[{ node: postNode, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
