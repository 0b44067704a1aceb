/** Every vendor the e2e run covers: its node types, credential and workflows. */
import { PACKAGES } from './build.mjs';
import { demoWorkflow, verifyDemo } from './demo.mjs';
import { ameyoBadCredential, ameyoCredential, ameyoWorkflows } from './ameyo.mjs';
import { genesysBadCredential, genesysCredential, genesysWorkflows } from './genesys.mjs';
import { koreBadCredential, koreCredential, koreWorkflows } from './kore.mjs';
import { vonageCredential, vonageWorkflows } from './vonage.mjs';

export function allVendors() {
	return [
		{
			name: 'Vonage Contact Center',
			packageName: PACKAGES.vonage,
			nodeTypes: [`${PACKAGES.vonage}.vonageContactCenter`, `${PACKAGES.vonage}.vonageContactCenterTrigger`],
			credentialType: 'vonageContactCenterApi',
			browser: {
				searchText: 'Vonage',
				displayName: 'Vonage Contact Center',
				actionText: 'Download a content file',
				screenshotName: 'vonage-contact-center',
				trigger: { text: 'On new Vonage Contact Center event', screenshotName: 'vonage-contact-center-trigger' },
			},
			credential: vonageCredential,
			badCredential: (sim) => {
				const c = vonageCredential(sim);
				return { ...c, data: { ...c.data, clientSecret: 'wrong-secret' } };
			},
			badCredentialExplains: /HTTP 400, invalid_client/,
			workflows: (credential, _sim, { slack }) => [
				...vonageWorkflows(credential),
				{ workflow: demoWorkflow(credential, slack.url), verify: (run, sim) => verifyDemo(run, sim, slack) },
			],
		},
		{
			name: 'Ameyo',
			packageName: PACKAGES.ameyo,
			nodeTypes: [`${PACKAGES.ameyo}.ameyo`],
			credentialType: 'ameyoApi',
			browser: {
				searchText: 'Ameyo',
				displayName: 'Ameyo',
				actionText: 'Download a voice log',
				screenshotName: 'ameyo',
			},
			credential: ameyoCredential,
			badCredential: ameyoBadCredential,
			badCredentialExplains: /refused the login of user .*\(HTTP 401/,
			workflows: (credential, sim) => ameyoWorkflows(credential, sim),
		},
		{
			name: 'Kore.ai SmartAssist',
			packageName: PACKAGES.kore,
			nodeTypes: [`${PACKAGES.kore}.koreAiSmartAssist`, `${PACKAGES.kore}.koreAiSmartAssistTrigger`],
			credentialType: 'koreAiSmartAssistApi',
			browser: {
				searchText: 'Kore',
				displayName: 'Kore.ai SmartAssist',
				actionText: 'Download the recording of a call',
				screenshotName: 'kore-ai-smartassist',
				trigger: { text: 'On new Kore.ai SmartAssist event', screenshotName: 'kore-ai-smartassist-trigger' },
			},
			credential: koreCredential,
			badCredential: koreBadCredential,
			badCredentialExplains: /refused the signed token \(HTTP 401\)/,
			workflows: (credential, sim) => koreWorkflows(credential, sim),
		},
		{
			name: 'Genesys Context Services',
			packageName: PACKAGES.genesys,
			nodeTypes: [`${PACKAGES.genesys}.genesysContextServices`],
			credentialType: 'genesysContextServicesApi',
			browser: {
				searchText: 'Genesys',
				displayName: 'Genesys Context Services',
				actionText: 'Get an interaction',
				screenshotName: 'genesys-context-services',
			},
			credential: genesysCredential,
			badCredential: genesysBadCredential,
			badCredentialExplains: /refused the credentials/,
			workflows: (credential, sim) => genesysWorkflows(credential, sim),
		},
	];
}
