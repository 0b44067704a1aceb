/**
 * The layering `npm test` checks (`npx depcruise --config test/layering/dependency-cruiser.cjs
 * nodes credentials`): what may import what, type-only imports included. README
 * (Development) explains each rule.
 */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'No module imports itself back, not even for a type: a cycle works only as long as some lookup stays lazy.',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		{
			name: 'credentials-send-nothing-themselves',
			comment:
				"A credential reads and describes; it never imports the request layer or a vendor's API module. A sign-in it needs (Ameyo's login) is the transport's protocol, given n8n's own request helper.",
			severity: 'error',
			from: { path: '^credentials/' },
			to: {
				path: [
					'^nodes/shared/http/(request|redirects|sendWithRetries|sendOnce|sessionRenewal|requestPacer)\\.ts$',
					'^nodes/shared/(files|trigger)/',
					'^nodes/[^/]+/transport/[^/]+Api\\.ts$',
					'^nodes/[^/]+/(resources|trigger)/',
				],
			},
		},
		{
			name: 'shared-knows-no-vendor',
			comment: 'Every cross-vendor rule lives once under nodes/shared and names no vendor.',
			severity: 'error',
			from: { path: '^nodes/shared/' },
			to: { path: '^(nodes/(?!shared/)|credentials/)' },
		},
		{
			name: 'transcripts-send-nothing',
			comment: 'The transcript model, its formats, metrics and redaction are pure: they take text and give text, so they never import the request layer, the binary store or the trigger.',
			severity: 'error',
			from: { path: '^nodes/shared/transcripts/' },
			to: { path: '^nodes/shared/(http|files|trigger)/' },
		},
		{
			name: 'http-knows-no-caller',
			comment: 'The request layer is the bottom of the house: it knows nothing of the files, transcripts, triggers or node parameters built on it.',
			severity: 'error',
			from: { path: '^nodes/shared/http/' },
			to: { path: '^nodes/shared/(files|transcripts|trigger|node)/' },
		},
		{
			name: 'triggers-use-no-operations',
			comment: "A trigger reaches its vendor through transport/, never through an operation's code in resources/.",
			severity: 'error',
			from: { path: ['^nodes/[^/]+/trigger/', '^nodes/[^/]+/[^/]+Trigger\\.node\\.ts$'] },
			to: { path: '^nodes/[^/]+/resources/' },
		},
	],
	options: {
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		doNotFollow: { path: 'node_modules' },
		exclude: { path: 'node_modules' },
	},
};
