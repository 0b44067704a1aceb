/**
 * The package as a user meets it: Debian's chromium (driven by playwright-core) creates the
 * owner account, opens a new workflow, finds each node by typing its vendor name in the node
 * panel, adds it and opens its parameters. A screenshot per node goes to artifacts/browser/;
 * console errors raised by our nodes fail the check.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER, REPO } from './n8nInstance.mjs';

export const SCREENSHOT_DIR = join(REPO, 'artifacts', 'browser');
export const INSTALL_SCREENSHOT_DIR = join(REPO, 'artifacts', 'community-install');

const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Debian's Chromium, headless, kept off the closed network (see LAUNCH_ARGS). */
function launchChromium() {
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: LAUNCH_ARGS });
}

async function createOwnerOrSignIn(page, baseUrl) {
	await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
	await page.waitForURL(/\/(setup|signin|home|workflows)/, { timeout: 60_000 });
	if (page.url().includes('/setup')) {
		await page.locator('input[name="email"]').fill(OWNER.email);
		await page.locator('input[name="firstName"]').fill(OWNER.firstName);
		await page.locator('input[name="lastName"]').fill(OWNER.lastName);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page.locator('button[type="submit"], button:has-text("Next")').first().click();
	} else if (page.url().includes('/signin')) {
		await page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first().fill(OWNER.email);
		await page.locator('input[name="password"]').fill(OWNER.password);
		await page.locator('button[type="submit"], button:has-text("Sign in")').first().click();
	}
	await page.waitForURL((url) => !/\/(setup|signin)/.test(url.pathname), { timeout: 60_000 });
}

async function dismissModals(page) {
	for (const label of ['Got it', 'Get started', 'Skip', 'Close']) {
		const button = page.getByRole('button', { name: label });
		if (await button.first().isVisible().catch(() => false)) await button.first().click().catch(() => {});
	}
	await page.keyboard.press('Escape');
}

async function addNodeAndOpen(page, baseUrl, vendor) {
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('#canvas, [data-test-id="canvas"], .vue-flow', { timeout: 60_000 });
	await page.waitForTimeout(3000); // the editor drops the first keystrokes while it settles
	await dismissModals(page);
	// "Add first step" opens the node panel (the keyboard shortcut moved from Tab to N in 2.x).
	const plus = page.locator('[data-test-id="node-creator-plus-button"]').first();
	if (await plus.isVisible().catch(() => false)) await plus.click();
	else await page.keyboard.press('n');
	const search = page.getByPlaceholder(/search/i).first();
	await search.waitFor({ timeout: 20_000 });
	await search.fill(vendor.searchText);
	const item = page.locator('[data-test-id="node-creator-node-item"], [data-test-id="item-iterator-item"]').filter({ hasText: vendor.displayName }).first();
	await item.waitFor({ timeout: 20_000 });
	await item.click();
	// Nodes with resources list their actions next (with the package's "Installed" badge): picking
	// one adds the node and opens its parameters.
	const pick = page.getByText(vendor.actionText, { exact: true }).first();
	// On an empty canvas n8n lists a node's triggers first and folds its actions away.
	if (!(await pick.isVisible().catch(() => false))) await page.getByText(/^Actions \(\d+\)$/).first().click();
	await pick.click();
	const parameters = page.locator('[data-test-id="node-parameters"], .ndv-wrapper, [data-test-id="ndv"]').first();
	await parameters.waitFor({ timeout: 20_000 });
	await page.waitForTimeout(1000);
	const file = join(SCREENSHOT_DIR, `${vendor.screenshotName}.png`);
	await page.screenshot({ path: file, fullPage: false });
	return file;
}

/** Returns a one-line summary; throws when a node cannot be added or our code logs errors. */
export async function browserCheck(baseUrl, vendors) {
	// Screenshots of an earlier run must not pass for this one's.
	await rm(SCREENSHOT_DIR, { recursive: true, force: true });
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	const browser = await launchChromium();
	const consoleErrors = [];
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.on('console', (msg) => {
			if (msg.type() === 'error') consoleErrors.push(msg.text());
		});
		page.on('pageerror', (error) => consoleErrors.push(String(error)));
		await createOwnerOrSignIn(page, baseUrl);
		const shots = [];
		// Each node once, and each trigger once: found by the vendor's name, added, opened.
		const picks = vendors.flatMap((vendor) => {
			const { trigger, ...node } = vendor.browser;
			return [
				{ vendor, ...node },
				...(trigger ? [{ vendor, ...node, actionText: trigger.text, screenshotName: trigger.screenshotName }] : []),
			];
		});
		for (const pick of picks) {
			try {
				shots.push(await addNodeAndOpen(page, baseUrl, pick));
			} catch (error) {
				// Keep what the page looked like when it went wrong.
				await page.screenshot({ path: join(SCREENSHOT_DIR, `FAILED-${pick.screenshotName}.png`) }).catch(() => {});
				throw new Error(`${pick.vendor.name} (${pick.actionText}): ${error.message.split('\n')[0]}`);
			}
		}
		const ours = consoleErrors.filter((text) =>
			/contact-center|vonageContactCenter|ameyo|koreAiSmartAssist|genesysContextServices/i.test(text),
		);
		if (ours.length > 0) throw new Error(`console errors from our nodes: ${ours.slice(0, 5).join(' | ')}`);
		return `${shots.length} nodes and triggers added and opened; screenshots in artifacts/browser/ (${consoleErrors.length} unrelated console errors)`;
	} finally {
		await browser.close();
	}
}

/**
 * Settings → Community nodes → Install, as an owner does it in the editor: for each package
 * `install(pkg)` is handed a function that types the name, ticks "I understand the risks",
 * presses Install and waits for n8n's "Package installed". Signs in (or creates the owner) first.
 */
export async function withCommunityNodesPage(baseUrl, run) {
	await rm(INSTALL_SCREENSHOT_DIR, { recursive: true, force: true });
	await mkdir(INSTALL_SCREENSHOT_DIR, { recursive: true });
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await createOwnerOrSignIn(page, baseUrl);
		const installInUi = async (pkg) => {
			await page.goto(`${baseUrl}/settings/community-nodes`, { waitUntil: 'domcontentloaded' });
			const open = page.locator('[data-test-id="install-community-node-button"]').or(page.getByRole('button', { name: /Install a community node|^Install$/ }));
			await open.first().waitFor({ timeout: 60_000 });
			await page.waitForTimeout(1000);
			await dismissModals(page);
			await open.first().click();
			const input = page.getByPlaceholder('e.g. n8n-nodes-chatwork');
			await input.waitFor({ timeout: 20_000 });
			await input.fill(`${pkg.name}@${pkg.version}`);
			await page.getByText('I understand the risks', { exact: false }).first().click();
			const started = Date.now();
			await page.locator('[data-test-id="install-community-package-button"]').click();
			const done = page.getByText('Package installed', { exact: true }).or(page.getByText('Error installing new package'));
			await done.first().waitFor({ timeout: 180_000 });
			const shot = join(INSTALL_SCREENSHOT_DIR, `${pkg.name}.png`);
			await page.screenshot({ path: shot });
			if (await page.getByText('Error installing new package').first().isVisible().catch(() => false)) {
				const toast = await page.locator('.el-notification').first().innerText().catch(() => '');
				throw new Error(`the editor says: ${toast.replace(/\s+/g, ' ').trim()} (screenshot ${shot})`);
			}
			return `installed in the editor in ${((Date.now() - started) / 1000).toFixed(1)} s`;
		};
		return await run(installInUi);
	} finally {
		await browser.close();
	}
}

/**
 * The demo as a user runs it: sign in, open the workflow, click "Execute workflow" and wait for
 * n8n's success toast. Returns how long the run took in the editor.
 */
export async function runWorkflowInEditor(baseUrl, workflowId) {
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await createOwnerOrSignIn(page, baseUrl);
		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector('[data-test-id="execute-workflow-button-Start"]', { timeout: 60_000 });
		await page.waitForTimeout(2000);
		await dismissModals(page);
		const started = Date.now();
		// The canvas pane sits over the button in hit-testing; the click is the user's all the same.
		await page.locator('[data-test-id="execute-workflow-button-Start"]').click({ force: true });
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 120_000 });
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-workflow-run.png') });
		return seconds;
	} finally {
		await browser.close();
	}
}

/**
 * Each workflow opened in the editor as a user sees it after importing it, its canvas saved as a
 * 1280×720 PNG: `workflows` is `[{ id, file }]`. Returns the files written.
 */
export async function screenshotWorkflows(baseUrl, workflows) {
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
		await createOwnerOrSignIn(page, baseUrl);
		for (const { id, file } of workflows) {
			await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			await page.waitForTimeout(2000);
			await dismissModals(page);
			// "Zoom to fit", so the whole chain shows, then the canvas and the workflow's name only:
			// not the sidebar, the logs bar, or the frame and banner of n8n's test mode (E2E_TESTS).
			await page.locator('[data-test-id="zoom-to-fit"]').first().click().catch(() => {});
			await page.waitForTimeout(1000);
			await page.screenshot({ path: file, clip: { x: 42, y: 24, width: 1234, height: 660 } });
		}
		return workflows.map((w) => w.file);
	} finally {
		await browser.close();
	}
}
