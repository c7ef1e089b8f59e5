#!/usr/bin/env node
// Screenshots for the README (docs/images/*.png), taken from the real demo in headless Chromium.
//
//   node dev/screenshots.js [--out docs/images] [--keep]
//
// Starts the demo (dev/demo.js) on free ports with a throwaway data folder and a fresh simulator, logs in as the
// demo owner and saves (1280×800):
//   operations.png          the node panel, two states side by side: the search for "ConnectSafely" (one entry — n8n
//                           merges the trigger into the action node — with the action node's description under its name)
//                           and, after clicking it, the node's details with all its actions (taken 1800 px tall)
//   schema-preview.png      before the first run, its Accept node: the input panel shows the fields Get Many Received
//                           will output, from the package's output schema (n8n's "schema preview", GET /schemas/…)
//   workflow.png            the example "auto-accept connection invitations" after one run (subtitles such as
//                           "Get Many Received · Invitation" and "Accept · Invitation" under the node names)
//   accept-auto-mapped.png  its Accept node: every field an expression that reads the incoming item, with the values
//
// Needs dist/ (`npm run build`), Chromium (/usr/bin/chromium — Debian/Ubuntu: `apt-get install chromium`; another binary
// via CHROMIUM_PATH) and the playwright-core dev dependency. The browser reaches only the loopback demo: every other
// request is blocked (n8n's editor would ask registry.npmjs.org about the installed community package).
// --keep leaves the demo's data folder for inspection.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('./n8n');
const { startDemo } = require('./demo-child');

const ROOT = path.resolve(__dirname, '..');
const OWNER = { email: 'demo@example.com', password: 'Demo-pass-1234' }; // as in dev/demo.js
const WORKFLOW_ID = 'csExAutoAccept01'; // examples/auto-accept-connection-invitations.json
const ACCEPT_NODE = 'Accept Invitation';
const LIST_NODE = 'Get Received Invitations';
// Expected node subtitles on the canvas (the node's `subtitle`: "<operation> · <resource>").
const SUBTITLES = {
	[LIST_NODE]: 'Get Many Received · Invitation',
	[ACCEPT_NODE]: 'Accept · Invitation',
};
const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const DEMO_START_TIMEOUT = 20 * 60000; // the very first run also installs n8n (4.5 to 9 min)
const UI_TIMEOUT = 60000;
// Expected on screen, so a changed n8n UI fails loudly instead of saving a wrong picture.
const ACTIONS = [
	'Accept a received invitation',
	'Get many received invitations',
	'Get many sent invitations',
	'Ignore a received invitation',
	'Withdraw a sent invitation',
	'Send a connection request',
	'Get connection status',
	'Get many commenters of a post',
	'Get many members of a group',
	'Search people',
	'Get many profile visitors',
	'Follow a person',
];
/** The node panel's shot is taken this tall, so that every action shows down to the "Triggers" heading. */
const PANEL_HEIGHT = 1800;
// Fields of Get Many Received's output schema the preview must show.
const PREVIEW_FIELDS = ['invitationId', 'validationToken', 'invitationCategory'];
const MAPPED = {
	invitationId: '{{ $json.invitationId }}',
	validationToken: '{{ $json.validationToken }}',
	memberId: '{{ $json.memberId }}',
};

function log(message) {
	process.stderr.write(`[screenshots] ${message}\n`);
}

function parseArgs(argv) {
	const args = { out: path.join(ROOT, 'docs', 'images'), keep: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		if (flag === '--out') args.out = path.resolve(inline !== undefined ? inline : argv[++i]);
		else if (flag === '--keep') args.keep = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	return args;
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is missing: run `npm install` (it is a dev dependency)');
	}
}

function chromiumPath() {
	const candidates = [
		process.env.CHROMIUM_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
	].filter(Boolean);
	const found = candidates.find((file) => fs.existsSync(file));
	if (!found) {
		throw new Error(
			'Chromium not found: install it (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH',
		);
	}
	return found;
}

const isLoopback = (url) => {
	try {
		const { protocol, hostname } = new URL(url);
		if (protocol === 'data:' || protocol === 'blob:') return true;
		return ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
	} catch {
		return false;
	}
};

async function logIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: UI_TIMEOUT });
}

async function openWorkflow(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/${WORKFLOW_ID}`);
	await page
		.locator(`[data-test-id="canvas-node"][data-node-name="${ACCEPT_NODE}"]`)
		.waitFor({ timeout: UI_TIMEOUT });
	await page.waitForTimeout(1000); // fit-view animation
}

/** Moves the mouse to a spot without hover effects (the canvas background / the NDV title bar). */
async function parkMouse(page, x = VIEWPORT.width - 30, y = VIEWPORT.height / 2) {
	await page.mouse.move(x, y);
	await page.waitForTimeout(300);
}

/** Closes the toasts ("Workflow executed successfully") that would cover part of the picture. */
async function closeToasts(page) {
	const close = page.locator('.el-notification .el-notification__closeBtn');
	for (let i = (await close.count()) - 1; i >= 0; i--)
		await close
			.nth(i)
			.click()
			.catch(() => {});
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'detached', timeout: 5000 })
		.catch(() => {});
}

async function shoot(page, file) {
	await closeToasts(page);
	await page.screenshot({ path: file, animations: 'disabled' });
	log(`saved ${path.relative(ROOT, file)}`);
}

/** The action node's description (the node panel shows it for the merged ConnectSafely entry), read from dist/. */
function nodeDescription() {
	const { ConnectSafely } = require(
		path.join(ROOT, 'dist', 'nodes', 'ConnectSafely', 'ConnectSafely.node.js'),
	);
	return new ConnectSafely().description.description;
}

/** The node panel as a PNG buffer, clipped to the viewport and, given `bottom` (a page y), cut off there. */
async function panelShot(page, panel, bottom = Infinity) {
	await parkMouse(page, 150, 480); // empty canvas: no hover button on a node
	await closeToasts(page);
	const box = await panel.boundingBox();
	if (!box) throw new Error('the node panel is not visible');
	const x = Math.max(0, Math.floor(box.x));
	const y = Math.max(0, Math.floor(box.y));
	const clip = {
		x,
		y,
		width: Math.min(VIEWPORT.width, Math.ceil(box.x + box.width)) - x,
		height: Math.min(page.viewportSize().height, bottom, Math.ceil(box.y + box.height)) - y,
	};
	return page.screenshot({ clip, animations: 'disabled' });
}

/**
 * Puts two PNGs side by side on a light grey ground, both cut to the lower one's height, and saves that (rendered by the
 * browser: no image library).
 */
async function sideBySide(context, left, right, file) {
	const composer = await context.newPage();
	try {
		const img = (png) =>
			`<div class="cut"><img src="data:image/png;base64,${png.toString('base64')}"></div>`;
		await composer.setContent(
			'<!doctype html><style>html,body{margin:0;background:#e4e4e7}' +
				'#pair{display:inline-flex;gap:24px;padding:16px;align-items:flex-start}' +
				'.cut{overflow:hidden;box-shadow:0 1px 4px rgba(0,0,0,.25)}img{display:block}</style>' +
				`<div id="pair">${img(left)}${img(right)}</div>`,
		);
		await composer.evaluate(async () => {
			const images = [...document.querySelectorAll('#pair img')];
			await Promise.all(
				images.map((el) => (el.complete ? null : new Promise((r) => (el.onload = r)))),
			);
			const height = Math.min(...images.map((el) => el.naturalHeight));
			for (const cut of document.querySelectorAll('.cut')) cut.style.height = `${height}px`;
		});
		await composer.locator('#pair').screenshot({ path: file, animations: 'disabled' });
	} finally {
		await composer.close();
	}
	log(`saved ${path.relative(ROOT, file)}`);
}

async function captureOperations(page, out) {
	const description = nodeDescription();
	await page.setViewportSize({ width: VIEWPORT.width, height: PANEL_HEIGHT });
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, [data-test-id="node-creator-search-bar"]',
		)
		.first()
		.waitFor({ timeout: UI_TIMEOUT });
	await page.keyboard.type('ConnectSafely');
	const panel = page.locator('[data-test-id="node-creator"]');
	const item = panel
		.locator('[data-test-id="node-creator-item-name"]', { hasText: /^ConnectSafely$/ })
		.first();
	await item.waitFor({ timeout: UI_TIMEOUT });
	// State 1, the search results: one ConnectSafely entry (the trigger merged into it) with the action node's description.
	await panel
		.locator('[data-test-id="node-creator-item-description"]', { hasText: description })
		.first()
		.waitFor({ timeout: UI_TIMEOUT });
	const names = (
		await panel.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()
	).map((t) => t.trim());
	const entries = names.filter((name) => /connectsafely/i.test(name));
	if (entries.length !== 1 || entries[0] !== 'ConnectSafely') {
		throw new Error(
			`the search shows ${JSON.stringify(entries)}, expected one "ConnectSafely" entry`,
		);
	}
	await page.waitForTimeout(300);
	const search = await panelShot(page, panel);
	// State 2, after clicking the entry: the node's details and its actions, down to the (folded) "Triggers (3)" heading;
	// below it the panel's footer links would be cut in half.
	await item.click();
	for (const action of ACTIONS) {
		await panel
			.locator('[data-test-id="node-creator-item-name"]', { hasText: action })
			.first()
			.waitFor({ timeout: UI_TIMEOUT });
	}
	const triggers = panel.getByText(/^Triggers \(\d+\)$/).first();
	await triggers.waitFor({ timeout: UI_TIMEOUT });
	await page.waitForTimeout(300);
	const heading = await triggers.boundingBox();
	const bottom = heading ? Math.ceil(heading.y + heading.height + 20) : PANEL_HEIGHT;
	const details = await panelShot(page, panel, bottom);
	await sideBySide(page.context(), search, details, path.join(out, 'operations.png'));
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await panel.waitFor({ state: 'hidden', timeout: UI_TIMEOUT }).catch(() => {});
	await page.setViewportSize(VIEWPORT);
}

async function captureSchemaPreview(page, out) {
	const schemaRequests = [];
	page.on('response', (response) => {
		if (response.url().includes('/schemas/')) schemaRequests.push(response);
	});
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${ACCEPT_NODE}"]`).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: UI_TIMEOUT });
	const input = ndv.locator('[data-test-id="ndv-input-panel"]');
	for (const field of PREVIEW_FIELDS)
		await input.getByText(field, { exact: true }).first().waitFor({ timeout: UI_TIMEOUT });
	const served = schemaRequests.filter((r) => r.url().includes('/invitation/getReceived.json'));
	if (!served.some((r) => r.status() === 200))
		throw new Error(
			`the editor did not load the getReceived schema: ${schemaRequests.map((r) => `${r.url()} ${r.status()}`).join(', ')}`,
		);
	await parkMouse(page, VIEWPORT.width / 2, 45);
	await shoot(page, path.join(out, 'schema-preview.png'));
	await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: UI_TIMEOUT }).catch(() => {});
}

async function captureWorkflow(page, out) {
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${ACCEPT_NODE}"]`);
	await node
		.locator('[data-test-id="canvas-node-status-success"]')
		.waitFor({ timeout: UI_TIMEOUT });
	for (const [name, subtitle] of Object.entries(SUBTITLES)) {
		const text = (
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).innerText()
		).replace(/\s+/g, ' ');
		if (!text.includes(subtitle))
			throw new Error(`node ${name} shows "${text}", expected the subtitle "${subtitle}"`);
	}
	// Lift the nodes above the floating "Execute workflow" button (the wheel pans the canvas).
	await page.mouse.move(VIEWPORT.width - 200, VIEWPORT.height / 2);
	await page.mouse.wheel(0, 100);
	await parkMouse(page);
	await shoot(page, path.join(out, 'workflow.png'));
}

async function captureAcceptPanel(page, out) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${ACCEPT_NODE}"]`).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: UI_TIMEOUT });
	for (const [name, expression] of Object.entries(MAPPED)) {
		const input = ndv.locator(`[data-test-id="parameter-input-${name}"]`);
		await input.waitFor({ timeout: UI_TIMEOUT });
		const text = (await input.innerText()).replace(/\s+/g, ' ');
		if (!text.includes(expression))
			throw new Error(`field ${name} shows "${text}", expected ${expression}`);
		const preview = ndv.locator(`[data-test-id="parameter-expression-preview-${name}"]`);
		await preview.waitFor({ timeout: UI_TIMEOUT });
		if (!(await preview.innerText()).trim())
			throw new Error(`field ${name} has no resolved value under it`);
	}
	// Output as schema (the first accepted item) rather than a cramped table.
	await ndv
		.locator('[data-test-id="ndv-run-data-display-mode"]')
		.last()
		.getByText('Schema', { exact: true })
		.click();
	// 800 px are a little short for the whole parameter list: scroll it so that it starts at "Operation: Accept" and the
	// six mapped fields with their values all fit.
	await ndv
		.locator('[data-test-id="parameter-item"]')
		.filter({ has: page.locator('[data-test-id="parameter-input-operation"]') })
		.first()
		.evaluate((item) => {
			item.scrollIntoView({ block: 'start' });
			for (let el = item.parentElement; el; el = el.parentElement) {
				if (el.scrollTop > 0) {
					el.scrollTop -= 8; // a little air above the label
					break;
				}
			}
		});
	const preview = await ndv
		.locator('[data-test-id="parameter-expression-preview-memberId"]')
		.boundingBox();
	if (!preview || preview.y + preview.height > VIEWPORT.height)
		throw new Error('the Member ID field does not fit in the picture');
	await parkMouse(page, VIEWPORT.width / 2, 45); // NDV title bar: no input/output item highlighted
	await shoot(page, path.join(out, 'accept-auto-mapped.png'));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		const header = fs.readFileSync(__filename, 'utf8').split('\n').slice(1);
		process.stdout.write(
			`${header
				.slice(
					0,
					header.findIndex((l) => !l.startsWith('//')),
				)
				.map((l) => l.replace(/^\/\/ ?/, ''))
				.join('\n')}\n`,
		);
		return;
	}
	const { chromium } = loadPlaywright();
	const executablePath = chromiumPath();
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'ConnectSafely', 'ConnectSafely.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	fs.mkdirSync(args.out, { recursive: true });

	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-screenshots-'));
	const port = await n8n.freePort();
	let apiPort = await n8n.freePort();
	while (apiPort === port) apiPort = await n8n.freePort();
	log(
		`starting the demo (n8n on localhost:${port}, simulator on 127.0.0.1:${apiPort}, data in ${dir})…`,
	);
	const demo = startDemo({ dir, port, apiPort });
	let browser;
	const blocked = [];
	// Ctrl-C: the demo gets the SIGINT too and stops itself; wait for it, then clean up.
	let interrupted = false;
	process.once('SIGINT', async () => {
		interrupted = true;
		log('interrupted; stopping the demo…');
		if (browser) await browser.close().catch(() => {});
		await demo.interrupt(30000);
		await demo.kill();
		if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
		process.exit(130);
	});
	try {
		await demo.ready(DEMO_START_TIMEOUT);
		log(`demo ready after ${Math.round((Date.now() - started) / 1000)} s`);
		const baseUrl = `http://localhost:${port}`;

		browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, handleSIGINT: false });
		const context = await browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
			colorScheme: 'light',
			reducedMotion: 'reduce',
		});
		await context.route('**/*', (route) => {
			const url = route.request().url();
			if (isLoopback(url)) return route.continue();
			blocked.push(url);
			return route.abort('blockedbyclient');
		});
		const page = await context.newPage();
		page.setDefaultTimeout(UI_TIMEOUT);

		await logIn(page, baseUrl);
		await openWorkflow(page, baseUrl);
		await captureOperations(page, args.out);
		await captureSchemaPreview(page, args.out);
		await captureWorkflow(page, args.out);
		await captureAcceptPanel(page, args.out);
		if (blocked.length > 0)
			log(`blocked ${blocked.length} non-loopback request(s): ${[...new Set(blocked)].join(', ')}`);
	} catch (error) {
		if (!demo.status() && !interrupted)
			log(`demo output (last lines):\n${demo.output().slice(-3000)}`);
		throw error;
	} finally {
		if (browser) await browser.close().catch(() => {});
		const stopped = await demo.interrupt(30000);
		if (stopped.timedOut) log('the demo did not stop within 30 s; killing it');
		await demo.kill();
		if (args.keep) log(`kept the demo data in ${dir}`);
		else fs.rmSync(dir, { recursive: true, force: true });
	}
	log(
		`done in ${Math.round((Date.now() - started) / 1000)} s: ${path.relative(ROOT, args.out) || '.'}/{operations,schema-preview,workflow,accept-auto-mapped}.png`,
	);
}

main().catch((error) => {
	log(error.stack || String(error));
	process.exit(1);
});
