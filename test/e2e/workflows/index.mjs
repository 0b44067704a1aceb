/** Every vendor the e2e run covers: its node types, credential and workflows. */
import { PKG } from './build.mjs';
import { demoWorkflow, verifyDemo } from './demo.mjs';
import { vonageCredential, vonageWorkflows } from './vonage.mjs';

export function allVendors() {
	return [
		{
			name: 'Vonage Contact Center',
			nodeTypes: [`${PKG}.vonageContactCenter`],
			credentialType: 'vonageContactCenterApi',
			browser: {
				searchText: 'Vonage',
				displayName: 'Vonage Contact Center',
				actionText: 'Download a content file',
				screenshotName: 'vonage-contact-center',
			},
			credential: vonageCredential,
			badCredential: (sim) => {
				const c = vonageCredential(sim);
				return { ...c, data: { ...c.data, clientSecret: 'wrong-secret' } };
			},
			workflows: (credential, _sim, { slack }) => [
				...vonageWorkflows(credential),
				{ workflow: demoWorkflow(credential, slack.url), verify: (run, sim) => verifyDemo(run, sim, slack) },
			],
		},
	];
}
