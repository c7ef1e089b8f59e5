#!/usr/bin/env node
// End-to-end test: the packed package installed as a community package into a real n8n (2.40.7, Node 24), talking
// to the fake ConnectSafely API on 127.0.0.1. Uses node:test (run: `node test/e2e/run.js`, or `npm run test:e2e`).
//
// What it does:
//   1. installs/reuses the cached n8n (dev/n8n/index.js), packs this package (`npm pack`) and installs the tarball
//      into a throwaway N8N_USER_FOLDER the way n8n installs community packages, then beside it a stand-in for
//      ConnectSafely's own package `n8n-nodes-connectsafely-ai` (dev/n8n/standin.js: credential type
//      `connectSafelyApi`, node `connectSafely`), loaded after this one — the whole suite runs with both installed;
//   2. imports a credential pointing at the fake API and every examples/*.json workflow;
//   3. runs the schedule-based examples with `n8n execute` (Schedule Trigger swapped for a Manual Trigger) and checks
//      their output items and the requests the fake API received;
//   4. starts `n8n start`, logs in as the env-managed owner and checks the registered node types (incl. the AI tool
//      variant, and the stand-in's beside them: no clash of node types, credential types or icons), the credential
//      test of the editor's "Test" button, and that every example only uses existing node types and parameters;
//   5. runs every example as the editor's "Execute workflow" does, in file order and then in reverse, against the
//      simulator as a live account, and checks every operation's output schema n8n serves (see "Every example in any
//      order" below: how new examples join);
//   6. activates the trigger examples, adds a new invitation/connection to the fake API and waits for the real poll
//      to run the workflow.
//   7. runs the README's first command the way `npm start` ends (`node dev/demo.js`, on free ports with a throwaway
//      data folder): n8n healthy, simulator answering with the demo key, owner login; Ctrl-C stops everything;
//      started again with another --api-port, the examples' chat posts follow the simulator (test/e2e/demo.js).
// Requires `npm run build` first. CONNECTSAFELY_E2E_KEEP=1 keeps the user folder for inspection;
// CONNECTSAFELY_E2E_STANDIN_SCOPED=1 installs the stand-in in the scoped folder its installer falls back to.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('../../dev/n8n');
const standin = require('../../dev/n8n/standin');
const wf = require('../../dev/n8n/workflows');
const demoChild = require('../../dev/demo-child');
const {
	startFakeApi,
	startRecorder,
	makeSent,
	makeProfile,
	weekStart,
} = require('../../dev/fake-api');
const { mismatches } = require('../../dev/schema');

const ROOT = wf.ROOT;
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const CREDENTIAL = {
	id: 'csE2eCredential1',
	name: 'ConnectSafely (local simulator)',
	type: wf.CREDENTIAL_TYPE,
};
const OWNER = { email: 'e2e-owner@example.com', password: 'E2e-owner-pass1' };
const TYPES = {
	node: `${PACKAGE_NAME}.connectSafely`,
	trigger: `${PACKAGE_NAME}.connectSafelyTrigger`,
	tool: `${PACKAGE_NAME}.connectSafelyTool`,
};
const CLI_TIMEOUT = 120000;

const ctx = {
	api: null,
	userFolder: null,
	tarball: null,
	outputs: [], // every n8n command's output, scanned for package problems
	standIn: null, // { name, order, scopedFolder } of the n8n-nodes-connectsafely-ai stand-in
	server: null,
	rest: null,
	nodeTypes: null,
	credentialTypes: null,
	activated: {},
	/** The running server's output, line by line, with the time each line arrived. */
	serverLines: [],
	leads: null,
};

function record(label, result) {
	ctx.outputs.push({ label, text: `${result.stdout || ''}\n${result.stderr || ''}` });
	return result;
}

/** Tests after "n8n start" need the running server; say so instead of failing with a TypeError. */
function needServer() {
	assert.ok(
		ctx.server && ctx.rest && ctx.nodeTypes,
		'n8n start failed in an earlier test (see above)',
	);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a workflow with `n8n execute` and returns the parsed execution, failing with n8n's output when it failed. */
async function execute(id) {
	const result = record(
		`execute ${id}`,
		await n8n.executeWorkflow(ctx.userFolder, id, { timeoutMs: CLI_TIMEOUT }),
	);
	assert.ok(
		result.execution && result.code === 0,
		`n8n execute --id=${id} failed (exit ${result.code}):\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
	);
	const execution = result.execution;
	assert.equal(execution.status, 'success', `execution status of ${id}`);
	return execution;
}

/** Output items (json) of a node's first run, main output `output`. */
function outputOf(execution, nodeName, output = 0) {
	const runs = execution.data.resultData.runData[nodeName];
	assert.ok(runs && runs.length > 0, `node "${nodeName}" did not run`);
	assert.equal(runs[0].executionStatus, 'success', `node "${nodeName}" status`);
	const main = (runs[0].data && runs[0].data.main) || [];
	return (main[output] || []).map((item) => item.json);
}

function requestsTo(method, pathOrPattern) {
	return ctx.api.requests.filter(
		(r) =>
			r.method === method &&
			(typeof pathOrPattern === 'string' ? r.path === pathOrPattern : pathOrPattern.test(r.path)),
	);
}

function assertAllAuthorized() {
	assert.ok(ctx.api.requests.length > 0, 'the fake API received no request');
	for (const r of ctx.api.requests) {
		assert.equal(
			r.headers.authorization,
			`Bearer ${ctx.api.apiKey}`,
			`Authorization header of ${r.method} ${r.path}`,
		);
		assert.ok(r.status >= 200 && r.status < 300, `${r.method} ${r.path} answered ${r.status}`);
	}
}

/** Monday 00:00 UTC of the current week: where ConnectSafely's quota week starts. */
const fakeWeekStart = () => weekStart(Date.now());

const slugOf = (profileUrl) =>
	decodeURIComponent(new URL(profileUrl).pathname.split('/').filter(Boolean).pop());

// ---------------------------------------------------------------------------------------------------------------

before(async () => {
	assert.ok(
		fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'ConnectSafely', 'ConnectSafely.node.js')),
		'dist/ is missing: run `npm run build` first',
	);
	const started = Date.now();
	const { version } = await n8n.ensureN8n(); // first time: installs n8n (dev/n8n FOOTPRINT), prints progress
	process.stderr.write(
		`[e2e] n8n ${version} ready (${Math.round((Date.now() - started) / 1000)} s)\n`,
	);
	ctx.api = await startFakeApi({ apiKey: `e2e-key-${process.pid}` });
	ctx.userFolder = n8n.createUserFolder('connectsafely-e2e-');
	ctx.tarball = await n8n.packPackage(ROOT);
	await n8n.installPackageTarball(ctx.userFolder, ctx.tarball);
	// ConnectSafely's own package beside this one, loaded after it (it would win a credential type name both declared):
	// everything below runs with both installed.
	ctx.standIn = await standin.installStandInLast(ctx.userFolder, {
		scoped: Boolean(process.env.CONNECTSAFELY_E2E_STANDIN_SCOPED),
	});
	process.stderr.write(
		`[e2e] stand-in ${standin.NAME} installed beside the package${ctx.standIn.scopedFolder ? ` (in ${ctx.standIn.scopedFolder})` : ''}; n8n's load order: ${ctx.standIn.order.join(', ')}\n`,
	);
	record(
		'import:credentials',
		await n8n.importCredential(ctx.userFolder, {
			...CREDENTIAL,
			data: { apiKey: ctx.api.apiKey, baseUrl: ctx.api.url },
		}),
	);
});

after(async () => {
	if (ctx.server) await ctx.server.stop();
	if (ctx.api) await ctx.api.close();
	if (process.env.CONNECTSAFELY_E2E_KEEP) {
		process.stderr.write(`[e2e] kept user folder ${ctx.userFolder}\n`);
	} else {
		if (ctx.userFolder) fs.rmSync(ctx.userFolder, { recursive: true, force: true });
		if (ctx.tarball) fs.rmSync(path.dirname(ctx.tarball), { recursive: true, force: true });
	}
});

// ---------------------------------------------------------------------------------------------------------------

test('the packed tarball installs like a community package', () => {
	const installed = path.join(ctx.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
	assert.deepEqual(
		Object.keys(pkg.dependencies || {}),
		[],
		'a community node package must not have runtime dependencies',
	);
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		assert.ok(
			fs.existsSync(path.join(installed, file)),
			`${file} (listed in package.json "n8n") is in the tarball`,
		);
	}
	const ledger = JSON.parse(
		fs.readFileSync(path.join(ctx.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'),
	);
	assert.ok(
		ledger.dependencies && ledger.dependencies[PACKAGE_NAME],
		'the nodes ledger lists the package',
	);
	assert.ok(
		ledger.dependencies[standin.NAME],
		`${standin.NAME} (the stand-in) is installed beside it`,
	);
	assert.deepEqual(
		ctx.standIn.order,
		[PACKAGE_NAME, standin.NAME],
		'n8n loads the two community packages, the stand-in last',
	);
});

/** Leads for the outreach run, from the seeded simulator data (the seed is deterministic). */
function outreachLeads(state) {
	const strangers = Object.values(state.profiles).filter(
		(p) => !p.connected && !p.invitationSent && !p.invitationReceived,
	);
	assert.ok(strangers.length >= 13, 'enough unrelated profiles in the seed');
	const inviter = state.received.find((i) => i.invitationCategory === 'CONNECTION');
	const lead = (profileUrl, who) => ({ profileUrl, note: `Hi ${who}, let's connect! (e2e)` });
	return [
		lead(strangers[0].profileUrl, strangers[0].firstName),
		lead(state.connections[0].profileUrl, 'already connected'),
		lead(state.sent[0].profile.profileUrl, 'invitation pending'),
		lead(inviter.profile.profileUrl, 'they invited us'),
		...strangers.slice(1, 13).map((p) => lead(p.profileUrl, p.firstName)),
	];
}

/** The schedule-based examples with a Manual Trigger, as `n8n execute` needs, under their own ids. */
function cliVariants() {
	const variant = (file, id) => {
		const workflow = wf.scheduleToManual(wf.withCredential(wf.loadExample(file), CREDENTIAL));
		workflow.id = id;
		workflow.name = `${workflow.name} (e2e, manual start)`;
		return workflow;
	};
	const outreach = variant('scheduled-outreach.json', 'csE2eOutreach001');
	wf.nodeByName(outreach, 'Leads to contact').parameters.jsCode =
		`return ${JSON.stringify(ctx.leads)}.map((json) => ({ json }));`;
	return [
		variant('auto-accept-connection-invitations.json', 'csE2eAutoAccept1'),
		outreach,
		variant('withdraw-stale-invitations.json', 'csE2eWithdraw001'),
		variant('message-this-weeks-new-connections.json', 'csE2eWeekMsg0001'),
	];
}

test('every example workflow imports (and the manual-start variants used below)', async () => {
	const examples = wf.loadExamples();
	assert.equal(examples.length, 11, 'eleven example workflows');
	ctx.api.reset({});
	ctx.leads = outreachLeads(ctx.api.state);
	const workflows = [
		...examples.map(({ workflow }) => wf.withCredential(workflow, CREDENTIAL)),
		...cliVariants(),
	];
	const result = record('import:workflow', await n8n.importWorkflows(ctx.userFolder, workflows));
	assert.match(
		result.stdout + result.stderr,
		new RegExp(`Successfully imported ${workflows.length} workflows`),
	);
	const list = record('list:workflow', await n8n.n8nCommand(ctx.userFolder, ['list:workflow']));
	for (const workflow of workflows)
		assert.match(list.stdout, new RegExp(`^${workflow.id}\\|`, 'm'));
});

require('./finders')({ test, ctx, execute, outputOf, requestsTo, record, n8n, CREDENTIAL });

test('auto-accept-connection-invitations: accepts every pending connection invitation and nothing else', async () => {
	ctx.api.reset({});
	const expected = ctx.api.state.received.filter((i) => i.invitationCategory === 'CONNECTION');
	const others = ctx.api.state.received.filter((i) => i.invitationCategory !== 'CONNECTION');
	assert.ok(expected.length >= 2 && others.length >= 2, 'the seed mixes categories');

	const execution = await execute('csE2eAutoAccept1');

	const listed = outputOf(execution, 'Get Received Invitations');
	assert.deepEqual(
		listed.map((i) => i.invitationId),
		expected.map((i) => i.invitationId),
		'Get Received Invitations returns exactly the CONNECTION invitations, all pages',
	);
	const accepted = outputOf(execution, 'Accept Invitation');
	assert.equal(accepted.length, expected.length);
	for (const item of accepted) assert.equal(item.success, true);

	const pages = requestsTo('GET', '/invitations/received').map((r) => r.query.startIndex);
	assert.deepEqual(pages, ['0', '10'], 'two pages read (10 per page)');
	const responds = requestsTo('POST', '/invitations/received/respond');
	assert.equal(responds.length, expected.length, 'one accept per connection invitation');
	for (const invitation of expected) {
		const call = responds.find((r) => r.body && r.body.invitationId === invitation.invitationId);
		assert.ok(call, `invitation ${invitation.invitationId} accepted`);
		assert.deepEqual(
			{
				action: call.body.action,
				validationToken: call.body.validationToken,
				linkedInInvitationType: call.body.linkedInInvitationType,
				firstName: call.body.firstName,
				lastName: call.body.lastName,
				profileId: call.body.profileId,
			},
			{
				action: 'ACCEPT',
				validationToken: invitation.validationToken,
				linkedInInvitationType: invitation.linkedInInvitationType,
				firstName: invitation.profile.firstName,
				lastName: invitation.profile.lastName,
				profileId: invitation.memberId,
			},
		);
	}
	assertAllAuthorized();
	assert.deepEqual(
		ctx.api.state.received.map((i) => i.invitationId),
		others.map((i) => i.invitationId),
		'only the non-connection invitations are left pending',
	);
});

test('scheduled-outreach: checks the first 15 leads and invites only people with no relationship', async () => {
	ctx.api.reset({});
	const leads = ctx.leads;
	assert.deepEqual(outreachLeads(ctx.api.state), leads, 'same seed, same leads');
	assert.equal(leads.length, 16);
	const checked = leads.slice(0, 15);
	const invited = checked.filter((_, i) => i === 0 || i >= 4);
	const execution = await execute('csE2eOutreach001');

	assert.equal(
		outputOf(execution, 'Max 15 per run').length,
		15,
		'the Limit node passes 15 of 16 leads',
	);
	const statuses = outputOf(execution, 'Get Connection Status');
	assert.equal(statuses.length, 15);
	assert.deepEqual(
		outputOf(execution, 'Not connected, nothing pending?', 1).length,
		3,
		'three leads filtered out',
	);
	const sent = outputOf(execution, 'Send Connection Request');
	assert.equal(sent.length, invited.length);

	const looked = new Set(
		requestsTo('GET', /^\/relationship\//).map((r) => r.path.split('/').pop()),
	);
	for (const l of checked)
		assert.ok(looked.has(slugOf(l.profileUrl)), `relationship of ${slugOf(l.profileUrl)} checked`);
	assert.ok(
		!looked.has(slugOf(leads[15].profileUrl)),
		'the 16th lead is beyond the Limit and never looked up',
	);

	const connects = requestsTo('POST', '/connect');
	assert.equal(connects.length, invited.length, 'one connection request per unrelated lead');
	for (const l of invited) {
		const slug = slugOf(l.profileUrl);
		const profile = ctx.api.findProfile(slug);
		const call = connects.find(
			(r) =>
				r.body &&
				(r.body.profileId === slug || (profile && r.body.profileUrn === profile.memberUrn)),
		);
		assert.ok(call, `connection request sent to ${slug}`);
		assert.equal(call.body.customMessage, l.note, `note for ${slug} comes from the lead list item`);
	}
	assertAllAuthorized();
	assert.equal(
		ctx.api.state.connectUsed[ctx.api.state.defaultAccountId],
		invited.length,
		'weekly quota used',
	);

	// Spread Over Week (on in this example): 5 requests left of today's share, 12 leads to invite.
	ctx.api.reset({});
	const day = Math.floor((Date.now() - fakeWeekStart()) / (24 * 3600_000)) + 1;
	const share = Math.ceil((90 * day) / 7);
	ctx.api.setConnectUsed(share - 5);
	const spread = await execute('csE2eOutreach001');
	const spreadOut = outputOf(spread, 'Send Connection Request');
	assert.deepEqual(
		spreadOut.map((i) => i.status),
		[...Array(5).fill('sent'), ...Array(7).fill('skipped')],
		`day ${day} of the quota week: share ${share}`,
	);
	// On Sunday (day 7) the day's share is the whole quota: what is over it is the spent quota.
	const reason = share >= 90 ? 'quota' : 'dailyShare';
	assert.ok(
		spreadOut.slice(5).every((i) => i.reason === reason && typeof i.resumeAfter === 'string'),
		`skipped as ${reason}: ${JSON.stringify(spreadOut.slice(5, 6))}`,
	);
	assert.equal(requestsTo('POST', '/connect').length, 5);
});

test('withdraw-stale-invitations: withdraws only invitations older than 21 days', async () => {
	const ages = ['3 hours ago', '1 week ago', '2 months ago', '5 months ago', 'a year ago'];
	ctx.api.reset({ sent: ages.map((sentAt, i) => makeSent(i, { sentAt })) });
	const stale = ctx.api.state.sent.slice(2);
	const fresh = ctx.api.state.sent.slice(0, 2);

	const execution = await execute('csE2eWithdraw001');

	assert.deepEqual(
		outputOf(execution, 'Get Sent Invitations').map((i) => i.invitationId),
		stale.map((i) => i.invitationId),
		'Older Than 21 days keeps the three old invitations',
	);
	assert.equal(outputOf(execution, 'Withdraw Invitation').length, stale.length);
	const withdraws = requestsTo('POST', '/invitations/withdraw');
	assert.equal(withdraws.length, stale.length);
	for (const invitation of stale) {
		const call = withdraws.find((r) => r.body && r.body.invitationId === invitation.invitationId);
		assert.ok(call, `invitation ${invitation.invitationId} withdrawn`);
		assert.equal(call.body.profileId, invitation.profile.publicIdentifier);
		assert.equal(call.body.memberId, invitation.memberId);
	}
	assertAllAuthorized();
	assert.equal(
		ctx.api.state.profileFetches,
		0,
		'withdraw sent every optional field (no extra profile lookups)',
	);
	assert.deepEqual(
		ctx.api.state.sent.map((i) => i.invitationId),
		fresh.map((i) => i.invitationId),
	);
});

// A redirecting API (a hijacked DNS entry, a proxy): n8n must not carry the key or the POST body to the other host.
test('message-this-weeks-new-connections: lists this week’s connections and messages each one once', async () => {
	ctx.api.reset({});
	const added = [ctx.api.addConnection(), ctx.api.addConnection()];
	const execution = await execute('csE2eWeekMsg0001');
	const listed = outputOf(execution, "This week's connections");
	assert.deepEqual(
		listed.map((c) => c.vanityName),
		added.reverse().map((c) => c.vanityName),
		'only the connections made in the last 7 days',
	);
	const messages = requestsTo('POST', '/conversations/send');
	assert.deepEqual(
		messages.map((r) => [r.body.recipientProfileId, r.body.message]),
		added.map((c) => [
			c.vanityName,
			`Hi ${c.firstName}, great to be connected! If there is anything I can help with, just reply here.`,
		]),
	);
	assert.deepEqual(requestsTo('POST', '/message'), [], 'nothing to the deprecated endpoint');
	assert.deepEqual(
		outputOf(execution, 'Send a note').map((i) => i.status),
		['sent', 'sent'],
	);
	assertAllAuthorized();
});

function redirectWorkflow() {
	const node = (name, parameters, x) => ({
		id: `csE2eRedirect-${x}`,
		name,
		type: wf.NODE_TYPE,
		typeVersion: 1,
		position: [x, 0],
		parameters,
		onError: 'continueRegularOutput',
		credentials: { [wf.CREDENTIAL_TYPE]: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
	});
	return {
		id: 'csE2eRedirect001',
		name: 'Redirect probe (e2e)',
		active: false,
		nodes: [
			{
				id: 'csE2eRedirect-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node(
				'Send Request',
				{
					resource: 'connection',
					operation: 'sendRequest',
					profile: 'redirect-probe-person',
					message: 'Hello',
					options: { skipIfConnectedOrPending: false },
				},
				200,
			),
			node(
				'Get Status',
				{ resource: 'connection', operation: 'getStatus', profile: 'redirect-probe-person' },
				400,
			),
			node(
				'Get Many Received',
				{ resource: 'invitation', operation: 'getReceived', returnAll: true },
				600,
			),
		],
		connections: {
			Start: { main: [[{ node: 'Send Request', type: 'main', index: 0 }]] },
			'Send Request': { main: [[{ node: 'Get Status', type: 'main', index: 0 }]] },
			'Get Status': { main: [[{ node: 'Get Many Received', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

test('a redirecting API: no request, key or POST body reaches the other host; each node reports the redirect', async () => {
	const recorder = await startRecorder();
	try {
		record('import:workflow', await n8n.importWorkflows(ctx.userFolder, [redirectWorkflow()]));
		ctx.api.reset({});
		ctx.api.fault({
			path: '/connect',
			action: 'redirect',
			status: 307,
			location: `${recorder.url}/linkedin/connect`,
		});
		ctx.api.fault({
			path: /^\/relationship\//,
			action: 'redirect',
			status: 302,
			location: `${recorder.url}/linkedin/relationship/x`,
		});
		ctx.api.fault({
			path: '/invitations/received',
			action: 'redirect',
			status: 308,
			location: `${recorder.url}/linkedin/invitations/received`,
		});
		const execution = await execute('csE2eRedirect001');
		const host = `127.0.0.1:${recorder.port}`;
		assert.match(
			String(outputOf(execution, 'Send Request')[0].error),
			new RegExp(
				`^Send connection request failed: ConnectSafely answered with a redirect \\(307\\) to ${host}$`,
			),
		);
		assert.match(
			String(outputOf(execution, 'Get Status')[0].error),
			new RegExp(
				`^Get connection status failed: ConnectSafely answered with a redirect \\(302\\) to ${host}$`,
			),
		);
		assert.match(
			String(outputOf(execution, 'Get Many Received')[0].error),
			new RegExp(
				`^Get received invitations failed: ConnectSafely answered with a redirect \\(308\\) to ${host}$`,
			),
		);
		assert.deepEqual(recorder.requests, [], 'the other host received nothing');
		assert.deepEqual(
			ctx.api.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
			[
				// A write first looks up the default account's ID, once per node run, then reads the account's quotas,
				// once per execution.
				'GET /account/status 200',
				`GET /account/${ctx.api.state.defaultAccountId}/quota 200`,
				'POST /connect 307',
				'GET /relationship/redirect-probe-person 302',
				'GET /invitations/received 308',
			],
		);
	} finally {
		await recorder.close();
	}
});

/** Manual Trigger → two leads → Send Request, skipping what a quota or hold stops. */
function holdWorkflow(leads) {
	return wf.leadsToSendRequest({
		id: 'csE2eHoldTwice01',
		name: 'Hold remembered between executions (e2e)',
		trigger: { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		leads,
		sendName: 'Send Connection Request',
		options: { onQuotaExhausted: 'skipRemaining' },
		credential: CREDENTIAL,
	});
}

test('a LinkedIn hold reaches the next `n8n execute` run (a new process) from ConnectSafely: it sends no POST /connect', async () => {
	ctx.api.reset({});
	const strangers = Object.values(ctx.api.state.profiles).filter(
		(p) => !p.connected && !p.invitationSent && !p.invitationReceived,
	);
	const leads = strangers.slice(20, 22).map((p) => p.slug);
	const imported = record(
		'import:workflow',
		await n8n.importWorkflows(ctx.userFolder, [holdWorkflow(leads)]),
	);
	assert.match(imported.stdout + imported.stderr, /Successfully imported 1 workflow/);
	// LinkedIn put the account on hold: the next POST /connect is answered 429 with holdUntil, and ConnectSafely's
	// quota read-out says limitReached from then on.
	const holdUntil = new Date(Date.now() + 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	ctx.api.setConnectUsed(10);
	ctx.api.state.holdUntil[ctx.api.state.defaultAccountId] = holdUntil;

	const first = await execute('csE2eHoldTwice01');
	assert.equal(
		requestsTo('POST', '/connect').length,
		1,
		'the first run sends one request and is told to hold',
	);
	assert.deepEqual(
		outputOf(first, 'Send Connection Request').map((item) => [
			item.status,
			item.reason,
			item.holdUntil,
		]),
		[
			['skipped', 'hold', holdUntil],
			['skipped', 'hold', holdUntil],
		],
	);

	ctx.api.clearRequests();
	const second = await execute('csE2eHoldTwice01');
	assert.equal(
		requestsTo('POST', '/connect').length,
		0,
		'the second run (a new n8n process) sends no connection request',
	);
	const reset = new Date(fakeWeekStart() + 7 * 24 * 3600_000).toISOString().replace('.000Z', 'Z');
	assert.deepEqual(
		outputOf(second, 'Send Connection Request').map((item) => [
			item.status,
			item.reason,
			item.resumeAfter,
		]),
		[
			['skipped', 'quota', reset],
			['skipped', 'quota', reset],
		],
		'the quota read-out says LinkedIn refused CONNECT in this window',
	);
	assert.equal(requestsTo('GET', `/account/${ctx.api.state.defaultAccountId}/quota`).length, 1);
});

require('./agent').registerAgentTests({ test, ctx, execute, record, CREDENTIAL });

test('n8n start: the package loads without warnings and registers its node, trigger, AI tool and credential', async () => {
	ctx.api.reset({});
	ctx.server = await n8n.startServer(ctx.userFolder, {
		env: await n8n.ownerEnv(OWNER),
		timeoutMs: 180000,
		onOutput: (chunk) =>
			ctx.serverLines.push(...chunk.split('\n').map((line) => ({ at: Date.now(), line }))),
	});
	ctx.rest = new n8n.RestClient(ctx.server.url);
	await ctx.rest.login(OWNER.email, OWNER.password);
	ctx.nodeTypes = await ctx.rest.raw('GET', '/types/nodes.json');
	ctx.credentialTypes = await ctx.rest.raw('GET', '/types/credentials.json');
	const names = new Set(ctx.nodeTypes.map((t) => t.name));
	for (const type of Object.values(TYPES)) assert.ok(names.has(type), `${type} is registered`);

	const node = ctx.nodeTypes.find((t) => t.name === TYPES.node);
	assert.ok(
		node.credentials.some((c) => c.name === CREDENTIAL.type),
		'the node uses the credential',
	);
	const trigger = ctx.nodeTypes.find((t) => t.name === TYPES.trigger);
	assert.equal(trigger.polling, true, 'the trigger is a polling trigger');
	// The editor's node panel (generateMergedNodesAndActions) merges `<name>Trigger` into `<name>`; the trigger has a
	// description of its own (what starts a workflow), as n8n's own triggers do.
	assert.equal(
		trigger.name.replace('Trigger', ''),
		node.name,
		'the trigger merges into the node in the panel',
	);
	assert.notEqual(trigger.description, node.description, 'the trigger describes itself');
	assert.match(trigger.description, /^Starts the workflow on each new LinkedIn invitation/);
	assert.match(
		node.subtitle,
		/Accept · Invitation/,
		'the subtitle names operations as the editor does',
	);
	const tool = ctx.nodeTypes.find((t) => t.name === TYPES.tool);
	assert.ok(
		tool.outputs.includes('ai_tool') || JSON.stringify(tool.outputs).includes('ai_tool'),
		'tool output',
	);

	const credential = ctx.credentialTypes.find((c) => c.name === CREDENTIAL.type);
	assert.ok(credential, 'credential type connectSafelyOutreachApi is registered');
	assert.ok(credential.test && credential.test.request, 'the credential declares a test request');
	assert.ok(
		JSON.stringify(credential.authenticate || {}).includes('Bearer'),
		'the credential authenticates with a Bearer header',
	);

	const problems = [...ctx.outputs, { label: 'n8n start', text: ctx.server.output() }].flatMap(
		({ label, text }) => n8n.packageProblems(text, PACKAGE_NAME).map((line) => `${label}: ${line}`),
	);
	assert.deepEqual(problems, [], 'n8n logged no package load problem');
});

test(`beside ${standin.NAME}, loaded last: node types keyed by package, both credential types, ours unchanged`, async () => {
	needServer();
	const ours = ctx.nodeTypes.find((t) => t.name === TYPES.node);
	const theirs = ctx.nodeTypes.find((t) => t.name === standin.NODE_TYPE);
	assert.ok(ours && theirs, `${TYPES.node} and ${standin.NODE_TYPE} are both registered`);
	assert.deepEqual(
		[ours.displayName, theirs.displayName],
		['ConnectSafely', 'ConnectSafely'],
		'same node name and display name, one node type per package',
	);
	const position = (name) => ctx.nodeTypes.findIndex((t) => t.name === name);
	assert.ok(
		position(standin.NODE_TYPE) > position(TYPES.node),
		'n8n lists (and so loaded) the stand-in after this package',
	);

	const credentialsNamed = (name) => ctx.credentialTypes.filter((c) => c.name === name);
	const [outreach] = credentialsNamed(CREDENTIAL.type);
	const [api] = credentialsNamed(standin.CREDENTIAL_TYPE);
	assert.equal(credentialsNamed(CREDENTIAL.type).length, 1, `one ${CREDENTIAL.type}`);
	assert.equal(
		credentialsNamed(standin.CREDENTIAL_TYPE).length,
		1,
		`one ${standin.CREDENTIAL_TYPE}`,
	);
	assert.equal(outreach.displayName, 'ConnectSafely Outreach API');
	assert.equal(api.displayName, 'ConnectSafely API');
	const names = (credential) => credential.properties.map((p) => p.name);
	assert.ok(
		names(outreach).includes('apiKey') && names(outreach).includes('baseUrl'),
		`${CREDENTIAL.type} has API Key and Base URL: ${names(outreach).join(', ')}`,
	);
	assert.ok(
		names(api).includes('apiKey') && !names(api).includes('baseUrl'),
		`the stand-in's ${standin.CREDENTIAL_TYPE} has its API Key only: ${names(api).join(', ')}`,
	);

	assert.deepEqual(
		ours.credentials.map((c) => c.name),
		[CREDENTIAL.type],
		`our node uses ${CREDENTIAL.type}`,
	);
	assert.deepEqual(
		theirs.credentials.map((c) => c.name),
		[standin.CREDENTIAL_TYPE],
		`the stand-in's node uses ${standin.CREDENTIAL_TYPE}`,
	);
	const trigger = ctx.nodeTypes.find((t) => t.name === TYPES.trigger);
	assert.deepEqual(
		trigger.credentials.map((c) => c.name),
		[CREDENTIAL.type],
	);

	// Same icon file name, each package's own file.
	const iconOf = (type) =>
		[]
			.concat(Object.values(Object(type.iconUrl)), type.iconUrl)
			.find((url) => typeof url === 'string' && url.endsWith(`/${standin.ICON}`));
	const icons = { ours: iconOf(ours), theirs: iconOf(theirs) };
	assert.ok(
		icons.ours && icons.theirs,
		`both nodes have a ${standin.ICON}: ${JSON.stringify(icons)}`,
	);
	assert.notEqual(icons.ours, icons.theirs, 'each icon is served under its package');
	const svg = async (url) => {
		const response = await fetch(`${ctx.server.url}/${url.replace(/^\//, '')}`, {
			headers: { cookie: ctx.rest.cookie },
		});
		assert.equal(response.status, 200, `${url} is served`);
		return response.text();
	};
	assert.equal(
		await svg(icons.ours),
		fs.readFileSync(path.join(ROOT, 'icons', standin.ICON), 'utf8'),
		`${icons.ours} is this package's icon`,
	);
	assert.equal(await svg(icons.theirs), standin.SVG, `${icons.theirs} is the stand-in's icon`);
	process.stderr.write(
		`[e2e] beside ${standin.NAME}: node types ${TYPES.node} and ${standin.NODE_TYPE}, credential types ${CREDENTIAL.type} and ${standin.CREDENTIAL_TYPE}, icons ${icons.ours} and ${icons.theirs}\n`,
	);
});

test('every example uses only registered node types, versions and parameters', () => {
	needServer();
	const byName = new Map(ctx.nodeTypes.map((t) => [t.name, t]));
	for (const { file, workflow } of wf.loadExamples()) {
		assert.ok(workflow.id && workflow.name && workflow.settings, `${file}: id, name and settings`);
		assert.ok(
			workflow.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote'),
			`${file}: has a sticky note`,
		);
		for (const node of workflow.nodes) {
			const type = byName.get(node.type);
			assert.ok(type, `${file}: node type ${node.type} exists`);
			const versions = Array.isArray(type.version) ? type.version : [type.version];
			const allVersions = ctx.nodeTypes
				.filter((t) => t.name === node.type)
				.flatMap((t) => [].concat(t.version));
			assert.ok(
				allVersions.includes(node.typeVersion) || versions.includes(node.typeVersion),
				`${file}: ${node.type} has version ${node.typeVersion}`,
			);
			if (node.type === TYPES.node || node.type === TYPES.trigger) {
				const known = new Set(type.properties.map((p) => p.name));
				for (const param of Object.keys(node.parameters)) {
					assert.ok(
						known.has(param),
						`${file}: "${node.name}" parameter ${param} exists on ${node.type}`,
					);
				}
				const filters = node.parameters.filters;
				if (filters) {
					const options = type.properties
						.filter((p) => p.name === 'filters')
						.flatMap((p) => p.options || []);
					for (const key of Object.keys(filters)) {
						assert.ok(
							options.some((o) => o.name === key),
							`${file}: filter ${key} exists`,
						);
					}
				}
				assert.deepEqual(
					Object.keys(node.credentials || {}),
					[CREDENTIAL.type],
					`${file}: "${node.name}" credential`,
				);
			}
		}
		for (const [from, conn] of Object.entries(workflow.connections)) {
			assert.ok(
				workflow.nodes.some((n) => n.name === from),
				`${file}: connection source ${from} exists`,
			);
			for (const target of conn.main.flat()) {
				assert.ok(
					workflow.nodes.some((n) => n.name === target.node),
					`${file}: connection target ${target.node}`,
				);
			}
		}
	}
});

// ---------------------------------------------------------------------------------------------------------------
// Every example in any order, as often as it is clicked. Each runs as the editor's "Execute workflow" button runs it
// (POST /workflows/:id/run from its trigger, mode manual; a ConnectSafely Trigger then fetches its newest item, as
// "Fetch Test Event" does): all in file order, then all in reverse, with no reset in between, against the simulator
// as the demo's live account (dev/fake-api/live.js). Every run must succeed, every ConnectSafely node's output must
// fit the schema n8n serves for it, and a trigger must emit a real item.
//
// How a new example joins (finders, inbox, …): nothing to add here, every examples/*.json runs. Made-up input (a lead
// list, post URLs): an entry in SIMULATOR_PREP (dev/n8n/workflows.js). A list the example uses up (commenters,
// visitors, conversations): an entry in LIVE_LISTS (dev/fake-api/live.js). Checks of its own: an entry in
// EXAMPLE_CHECKS below, file → (run) => void, run = { file, round, outputs(nodeName) → json items, api }.
const EXAMPLE_CHECKS = {
	'accept-from-trigger.json': (run) =>
		assert.equal(run.outputs('Accept Invitation')[0].status, 'accepted', `${run.file}`),
	'follow-up-new-connections.json': (run) =>
		assert.equal(run.outputs('Send a welcome message')[0].status, 'sent', `${run.file}`),
};

const TRIGGER_TYPES = new Set([
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.manualTrigger',
	wf.TRIGGER_TYPE,
]);

/** The schema n8n serves for a node of this package (the editor's request), failing unless it answers 200. */
async function servedSchema(type, resource, operation) {
	const route = [type, '1.0.0', resource, operation].filter(Boolean).join('/');
	const response = await fetch(`${ctx.server.url}/schemas/${route}.json`, {
		headers: { cookie: ctx.rest.cookie },
	});
	assert.equal(response.status, 200, `GET /schemas/${route}.json`);
	return response.json();
}

/** Runs a saved workflow as the editor does and waits for its execution to end: { status, runData }. */
async function runManually(workflowId, triggerName) {
	const started = await ctx.rest.post(`/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
	assert.ok(started && started.executionId, `no execution started: ${JSON.stringify(started)}`);
	const done = await waitFor(
		`execution ${started.executionId} to end`,
		async () => {
			const execution = await ctx.rest.get(`/executions/${started.executionId}`);
			return !['new', 'running', 'waiting'].includes(execution.status) && execution;
		},
		180000,
	);
	return { status: done.status, runData: n8n.parseFlatted(done.data).resultData.runData };
}

/** Every ConnectSafely node that ran: its output items fit the schema n8n serves for its resource and operation. */
async function checkSchemas(file, workflow, runData) {
	for (const node of workflow.nodes) {
		if (node.type !== TYPES.node && node.type !== TYPES.trigger) continue;
		const items = ((runData[node.name] || [])[0]?.data?.main?.[0] || []).map((i) => i.json);
		if (items.length === 0) continue;
		const { resource, operation } = node.type === TYPES.node ? node.parameters : {};
		const schema = await servedSchema(node.type, resource, operation);
		const fitting = items.filter((item) => mismatches(schema, item).length === 0);
		assert.ok(
			fitting.length > 0,
			`${file}: no output item of "${node.name}" fits its served schema: ${mismatches(schema, items[0]).join('; ')}`,
		);
	}
}

test('every operation and the trigger have an output schema n8n serves', async () => {
	needServer();
	const node = ctx.nodeTypes.find((t) => t.name === TYPES.node);
	const resources = node.properties.find((p) => p.name === 'resource').options;
	let count = 0;
	for (const { value: resource } of resources) {
		const operations = node.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
			.flatMap((p) => p.options)
			.filter((o) => o.value !== '__CUSTOM_API_CALL__'); // n8n's own "Custom API Call", added when loaded
		for (const { value: operation } of operations) {
			const schema = await servedSchema(TYPES.node, resource, operation);
			assert.equal(schema.type, 'object', `${resource}/${operation}`);
			assert.ok(Object.keys(schema.properties).length > 0, `${resource}/${operation} has fields`);
			count++;
		}
	}
	const trigger = await servedSchema(TYPES.trigger);
	assert.ok(Object.keys(trigger.properties).length > 0, 'the trigger has fields');
	process.stderr.write(`[e2e] schemas: ${count} operations and the trigger served by n8n\n`);
});

test('every example runs green in any order, twice: file order, then reverse, as the editor runs them', async () => {
	needServer();
	ctx.api.reset({});
	ctx.api.setLive(true);
	try {
		const saved = [];
		for (const { file, workflow } of wf.loadExamples()) {
			const ready = wf.forSimulator(file, wf.withCredential(workflow, CREDENTIAL), ctx.api);
			const created = await ctx.rest.post('/workflows', {
				name: `${ready.name} (e2e, any order)`,
				nodes: ready.nodes,
				connections: ready.connections,
				settings: ready.settings,
			});
			const trigger = ready.nodes.find((n) => TRIGGER_TYPES.has(n.type));
			assert.ok(trigger, `${file} starts with a trigger`);
			saved.push({ file, workflow: ready, id: created.id, trigger: trigger.name });
		}
		const rounds = [saved, [...saved].reverse()];
		for (const [round, order] of rounds.entries()) {
			for (const example of order) {
				const { status, runData } = await runManually(example.id, example.trigger);
				const failed = Object.entries(runData)
					.filter(([, runs]) => runs.some((r) => r.error))
					.map(([name, runs]) => `${name}: ${runs.find((r) => r.error).error.message}`);
				assert.deepEqual(failed, [], `${example.file} (round ${round + 1}): no node failed`);
				assert.equal(status, 'success', `${example.file} (round ${round + 1})`);
				const outputs = (name) =>
					((runData[name] || [])[0]?.data?.main?.[0] || []).map((i) => i.json);
				if (example.workflow.nodes.some((n) => n.type === TYPES.trigger)) {
					assert.ok(
						outputs(example.trigger).length > 0,
						`${example.file}: the trigger fetched a real event`,
					);
				}
				await checkSchemas(example.file, example.workflow, runData);
				EXAMPLE_CHECKS[example.file]?.({
					file: example.file,
					round,
					outputs,
					api: ctx.api,
				});
			}
		}
		process.stderr.write(
			`[e2e] any order: ${saved.length} examples, each run twice (file order, then reverse), all green\n`,
		);
	} finally {
		ctx.api.setLive(false);
	}
});

test('credential test (the editor\'s "Test" button) calls the API with the Bearer key and reports a bad key', async () => {
	needServer();
	ctx.api.clearRequests();
	const good = await ctx.rest.post('/credentials/test', {
		credentials: { ...CREDENTIAL, data: { apiKey: ctx.api.apiKey, baseUrl: ctx.api.url } },
	});
	assert.equal(good.status, 'OK', `test result: ${JSON.stringify(good)}`);
	const first = ctx.api.requests[0];
	assert.ok(first, 'the credential test reached the fake API');
	assert.equal(`${first.method} ${first.path}`, 'GET /account/status');
	assert.equal(first.headers.authorization, `Bearer ${ctx.api.apiKey}`);

	ctx.api.clearRequests();
	const bad = await ctx.rest.post('/credentials/test', {
		credentials: { ...CREDENTIAL, data: { apiKey: 'not-the-key', baseUrl: ctx.api.url } },
	});
	assert.equal(bad.status, 'Error', `a wrong key fails the test: ${JSON.stringify(bad)}`);
	assert.match(bad.message, /did not accept this API key/);
	assert.ok(
		ctx.api.requests.length > 0 &&
			ctx.api.requests[0].headers.authorization === 'Bearer not-the-key',
	);
	assert.ok(ctx.api.requests.every((r) => r.status === 401));
});

test('credential test with a plain http:// Base URL to another machine: refused before it leaves, naming the rule; the key goes nowhere', async () => {
	needServer();
	const address = Object.values(os.networkInterfaces())
		.flat()
		.find((a) => a && a.family === 'IPv4' && !a.internal);
	assert.ok(address, 'the machine has a non-loopback IPv4 address');
	const recorder = await startRecorder({ host: '0.0.0.0' });
	try {
		const baseUrl = `http://${address.address}:${recorder.port}/linkedin`;
		const result = await ctx.rest.post('/credentials/test', {
			credentials: { ...CREDENTIAL, data: { apiKey: ctx.api.apiKey, baseUrl } },
		});
		assert.equal(result.status, 'Error', JSON.stringify(result));
		assert.match(
			result.message,
			/an https:\/\/ Base URL \(plain http:\/\/ only to localhost or 127\.0\.0\.1/,
		);
		assert.deepEqual(recorder.requests, [], 'the other machine received nothing');
	} finally {
		await recorder.close();
	}
});

test('credential test against a redirecting API: fails, and the key reaches no other host', async () => {
	needServer();
	const recorder = await startRecorder();
	try {
		ctx.api.reset({});
		ctx.api.fault({
			path: '/account/status',
			action: 'redirect',
			status: 302,
			location: `${recorder.url}/linkedin/account/status`,
		});
		const result = await ctx.rest.post('/credentials/test', {
			credentials: { ...CREDENTIAL, data: { apiKey: ctx.api.apiKey, baseUrl: ctx.api.url } },
		});
		assert.equal(result.status, 'Error', `a redirect fails the test: ${JSON.stringify(result)}`);
		assert.deepEqual(recorder.requests, [], 'the other host received nothing');
		assert.deepEqual(
			ctx.api.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
			['GET /account/status 302'],
		);
	} finally {
		await recorder.close();
	}
});

// Trigger examples: activated for real. The poll at activation only remembers what exists; the next scheduled poll
// (a custom cron a few seconds ahead: n8n refuses sub-minute polling) must emit exactly the items added in between.
// The connection trigger polls before the invitation trigger: accepting an invitation adds a connection, which would
// otherwise race with the connection poll.
async function activate(file, secondsAhead) {
	const second = (new Date().getUTCSeconds() + secondsAhead) % 60;
	const example = wf.withPollCron(
		wf.withCredential(wf.loadExample(file), CREDENTIAL),
		`${second} * * * * *`,
	);
	const created = await ctx.rest.post('/workflows', {
		name: `${example.name} (e2e)`,
		nodes: example.nodes,
		connections: example.connections,
		settings: example.settings,
	});
	const activated = await ctx.rest.post(`/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	assert.equal(activated.active, true, `${file} activated`);
	return created.id;
}

async function waitFor(what, predicate, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await predicate();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(500);
	}
}

async function executionsOf(workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await ctx.rest.get(`/executions?filter=${filter}`);
	return list.results || [];
}

async function executionData(executionId) {
	const full = await ctx.rest.get(`/executions/${executionId}`);
	return n8n.parseFlatted(full.data);
}

test('trigger examples activate: the first poll remembers the existing items and starts nothing', async () => {
	needServer();
	ctx.api.reset({});
	ctx.api.clearRequests();
	ctx.activated.connection = await activate('follow-up-new-connections.json', 10);
	ctx.activated.invitation = await activate('accept-from-trigger.json', 16);
	// Activation polls: wait until both lists were read and the API has been quiet for a moment.
	await waitFor(
		'the activation polls',
		() => {
			const done = ctx.api.requests.filter((r) => r.status !== 0);
			const last = done.length ? done[done.length - 1].at : 0;
			return (
				requestsTo('GET', '/invitations/received').length > 0 &&
				requestsTo('GET', '/connections').length > 0 &&
				ctx.api.requests.every((r) => r.status !== 0) &&
				Date.now() - last > 1500
			);
		},
		30000,
	);
	assertAllAuthorized();
	assert.equal(requestsTo('POST', /.*/).length, 0, 'nothing accepted at activation');
	assert.deepEqual(
		await executionsOf(ctx.activated.invitation),
		[],
		'no execution at activation (invitations)',
	);
	assert.deepEqual(
		await executionsOf(ctx.activated.connection),
		[],
		'no execution at activation (connections)',
	);

	ctx.activated.newInvitation = ctx.api.addReceived({ invitationCategory: 'CONNECTION' });
	ctx.activated.newPageInvitation = ctx.api.addReceived({ invitationCategory: 'ORGANIZATION' });
	ctx.activated.newConnection = ctx.api.addConnection();
});

test('accept-from-trigger: the next poll starts the workflow once and accepts only the new connection invitation', async () => {
	assert.ok(ctx.activated.newInvitation, 'the trigger workflows were not activated (see above)');
	const invitation = ctx.activated.newInvitation;
	await waitFor(
		'the accept request',
		() => requestsTo('POST', '/invitations/received/respond').length > 0,
		90000,
	);
	const [execution] = await waitFor(
		'the execution to finish',
		async () => {
			const list = await executionsOf(ctx.activated.invitation);
			return (
				list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new') && list
			);
		},
		30000,
	);
	assert.equal(execution.status, 'success');
	assert.equal(execution.mode, 'trigger');
	const data = await executionData(execution.id);
	const emitted = data.resultData.runData['When an invitation is received'][0].data.main[0].map(
		(i) => i.json,
	);
	assert.deepEqual(
		emitted.map((i) => i.invitationId),
		[invitation.invitationId],
		'the trigger emits the new CONNECTION invitation only (the ORGANIZATION one is filtered out)',
	);
	const responds = requestsTo('POST', '/invitations/received/respond');
	assert.equal(responds.length, 1);
	assert.equal(responds[0].body.invitationId, invitation.invitationId);
	assert.equal(responds[0].body.action, 'ACCEPT');
	assert.equal(responds[0].body.validationToken, invitation.validationToken);
	assert.equal(responds[0].body.profileId, invitation.memberId);
	assertAllAuthorized();
});

test('follow-up-new-connections: the next poll emits the new connection and messages it, with no field filled', async () => {
	assert.ok(ctx.activated.newInvitation, 'the trigger workflows were not activated (see above)');
	const connection = ctx.activated.newConnection;
	const [execution] = await waitFor(
		'the follow-up execution',
		async () => {
			const list = await executionsOf(ctx.activated.connection);
			return (
				list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new') && list
			);
		},
		90000,
	);
	assert.equal(execution.status, 'success');
	const data = await executionData(execution.id);
	const emitted = data.resultData.runData['When a connection is added'][0].data.main[0].map(
		(i) => i.json,
	);
	assert.deepEqual(
		emitted.map((c) => c.profileUrl),
		[connection.profileUrl],
		'only the new connection is emitted',
	);
	const [sent] = data.resultData.runData['Send a welcome message'][0].data.main[0].map(
		(i) => i.json,
	);
	assert.equal(sent.status, 'sent');
	assert.equal(sent.profileId, slugOf(connection.profileUrl));
	const message = requestsTo('POST', '/conversations/send').find(
		(r) => r.body && r.body.recipientProfileId === slugOf(connection.profileUrl),
	);
	assert.ok(message, 'the welcome message went to the new connection');
	assert.match(
		message.body.message,
		new RegExp(`^Hi ${connection.firstName}, thanks for connecting!`),
	);
	assert.equal((await executionsOf(ctx.activated.connection)).length, 1, 'exactly one execution');
});

// Stop means stop, in n8n itself: a paced run of 20 connection requests started by a webhook, stopped through n8n's
// REST API while its 4th request is in flight. n8n aborts that request, and nothing else reaches the API.
function stopWorkflow(path) {
	return wf.leadsToSendRequest({
		name: 'Stop a paced run (e2e)',
		trigger: {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'connectsafely-stop-e2e',
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' },
		},
		leads: Array.from({ length: 20 }, (_, i) => makeProfile(i).slug),
		sendName: 'Send Request',
		options: {
			skipIfConnectedOrPending: false,
			delayBetweenRequests: { values: { minSeconds: 1, maxSeconds: 1 } },
		},
		credential: CREDENTIAL,
	});
}

test('Stop through n8n’s REST API ends a paced run at once: the request in flight is aborted, nothing more is sent', async () => {
	needServer();
	ctx.api.reset({});
	ctx.api.clearRequests();
	const posts = () => requestsTo('POST', '/connect');
	ctx.api.fault({
		method: 'POST',
		path: '/connect',
		match: () => posts().length === 4,
		delayMs: 30000,
		status: 200,
		body: { success: true },
	});
	const workflow = stopWorkflow(`connectsafely-stop-${process.pid}`);
	const created = await ctx.rest.post('/workflows', workflow);
	const activated = await ctx.rest.post(`/workflows/${created.id}/activate`, {
		versionId: created.versionId,
	});
	assert.equal(activated.active, true);
	// n8n registers the production webhook shortly after the activation call returns (404 "not registered" until then).
	const hook = await waitFor(
		'the webhook to be registered',
		async () => {
			const response = await fetch(
				`${ctx.server.url}/webhook/${workflow.nodes[0].parameters.path}`,
				{ method: 'POST' },
			);
			return response.status !== 404 && response;
		},
		10000,
	);
	assert.equal(hook.status, 200, 'the webhook started the workflow');
	await waitFor('the 4th request in flight', () => posts().length === 4, 60000);
	const [running] = await waitFor(
		'the running execution',
		async () => (await executionsOf(created.id)).filter((e) => e.status === 'running'),
		10000,
	);
	await sleep(300);
	const stoppedAt = Date.now();
	await ctx.rest.post(`/executions/${running.id}/stop`);
	const inFlight = posts()[3];
	await waitFor('the request in flight to close', () => inFlight.closedAt !== undefined, 5000);
	assert.equal(inFlight.completed, false, 'n8n aborted the request in flight');
	assert.ok(
		inFlight.closedAt - stoppedAt < 1000,
		`aborted ${inFlight.closedAt - stoppedAt} ms after the stop`,
	);
	await sleep(4000);
	assert.equal(
		posts().length,
		4,
		'no request after the one in flight (the run had 20 to send, 1 s apart)',
	);
	assert.ok(
		ctx.api.requests.every((r) => r.at <= stoppedAt || r === inFlight),
		'nothing reached the API after the stop',
	);
	const [stopped] = await executionsOf(created.id);
	const ended = ctx.serverLines.find((l) =>
		/ConnectSafely: the execution was stopped; \d+ item\(s\) of "Send Request" were not sent/.test(
			l.line,
		),
	);
	assert.ok(ended, 'the node said when its work ended');
	assert.ok(
		ended.at - stoppedAt < 1000,
		`the node's work ended ${ended.at - stoppedAt} ms after the stop`,
	);
	assert.ok(
		['canceled', 'crashed', 'error'].includes(stopped.status),
		`execution status ${stopped.status}`,
	);
	process.stderr.write(
		`[e2e] stop: in-flight request aborted ${inFlight.closedAt - stoppedAt} ms after the stop; the node's work ended ${ended.at - stoppedAt} ms after it; 0 requests afterwards (execution ${stopped.status})\n`,
	);
	await ctx.rest.post(`/workflows/${created.id}/deactivate`, {});
});

test('n8n logged no package problem and no attempt to reach the internet', () => {
	const problems = [
		...ctx.outputs,
		{ label: 'n8n start', text: ctx.server ? ctx.server.output() : '' },
	].flatMap(({ label, text }) =>
		n8n.packageProblems(text, PACKAGE_NAME).map((line) => `${label}: ${line}`),
	);
	assert.deepEqual(problems, []);
	// Where there is no internet (like the sandbox this was written in) any call home shows up as a DNS error.
	const outbound = [
		...ctx.outputs,
		{ label: 'n8n start', text: ctx.server ? ctx.server.output() : '' },
	].flatMap(({ label, text }) =>
		text
			.split('\n')
			.filter((line) =>
				/ENOTFOUND|EAI_AGAIN|getaddrinfo|api\.n8n\.io|telemetry\.n8n\.io/.test(line),
			)
			.map((line) => `${label}: ${line}`),
	);
	assert.deepEqual(outbound, [], 'n8n tried to reach the internet');
});

// ---------------------------------------------------------------------------------------------------------------
// The README's first command. `npm start` = setup + build + `node dev/demo.js`; setup and build are what this suite
// already needs, so the demo script itself is started here, on free ports and with a throwaway data folder.

const DEMO_START_TIMEOUT = 5 * 60000; // cold: pack + install + imports + n8n start, 53 to 114 s measured on 2 busy cores
const DEMO_STOP_TIMEOUT = 20000;

for (const signal of ['SIGINT', 'SIGTERM'])
	test(
		`npm start: the demo comes up (n8n healthy, simulator, owner login); ${signal} to npm alone stops n8n and the simulator`,
		{ timeout: DEMO_START_TIMEOUT + 2 * 60000 },
		async () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-e2e-demo-'));
			const port = await n8n.freePort();
			let apiPort = await n8n.freePort();
			while (apiPort === port) apiPort = await n8n.freePort();
			const started = Date.now();
			const demo = demoChild.startDemo({ dir, port, apiPort, viaNpm: true });
			try {
				// The ready line and n8n's health endpoint, both within the start budget; a demo that dies fails at once.
				const healthy = waitFor(
					'n8n /healthz to answer 200',
					async () => {
						if (demo.status())
							throw new Error(
								`the demo exited (${JSON.stringify(demo.status())}):\n${demo.output().slice(-4000)}`,
							);
						try {
							return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
						} catch {
							return false;
						}
					},
					DEMO_START_TIMEOUT,
				);
				const [block] = await Promise.all([demo.ready(DEMO_START_TIMEOUT), healthy]);
				const startMs = Date.now() - started;

				// What the ready block tells the user is true.
				assert.match(
					block,
					new RegExp(`Open\\s+http://localhost:${port}\\s`),
					'the editor URL uses the chosen port',
				);
				const login = /Log in\s+(\S+)\s+\/\s+(\S+)/.exec(block);
				const simulator =
					/Simulator\s+(http:\/\/127\.0\.0\.1:(\d+)\S*)\s+\(API key ([^;\s]+);/.exec(block);
				assert.ok(login && simulator, `ready block names the login and the simulator:\n${block}`);
				assert.equal(Number(simulator[2]), apiPort, 'the simulator uses the chosen port');
				assert.ok(block.includes(dir), 'the ready block names the --dir data folder');
				assert.deepEqual(
					fs.readdirSync(dir).filter((f) => /^credential-|^workflows?-/.test(f)),
					[],
					'no import file (the API key in plain text) left in the data folder',
				);

				const status = await fetch(`${simulator[1]}/account/status`, {
					headers: { authorization: `Bearer ${simulator[3]}` },
				});
				assert.equal(
					status.status,
					200,
					'the simulator answers GET /account/status with the demo key',
				);
				assert.ok((await status.json()).id, 'with an account');
				const wrong = await fetch(`${simulator[1]}/account/status`, {
					headers: { authorization: 'Bearer not-the-demo-key' },
				});
				assert.equal(wrong.status, 401, 'and refuses another key');

				const rest = new n8n.RestClient(`http://127.0.0.1:${port}`);
				const user = await rest.login(login[1], login[2]);
				assert.equal(
					user.email,
					login[1],
					'the owner printed in the ready block can log in (no sign-up screen)',
				);
				const workflows = await rest.get('/workflows');
				const ids = (workflows.data || workflows).map((w) => w.id).sort();
				assert.deepEqual(
					ids,
					wf
						.loadExamples()
						.map(({ workflow }) => workflow.id)
						.sort(),
					'every example is imported',
				);
				const credentials = await rest.get('/credentials');
				assert.deepEqual(
					credentials.map((c) => c.name),
					['ConnectSafely (local simulator)'],
					'the simulator credential is imported',
				);

				// The signal goes to npm's process only (a supervisor or an IDE's stop button): npm exits, and the demo must
				// notice and take n8n (and its task runner) and the simulator with it, promptly.
				const signalled = Date.now();
				const stopped = await demo.interrupt(DEMO_STOP_TIMEOUT, signal);
				assert.ok(
					!stopped.timedOut,
					`npm start did not exit within ${DEMO_STOP_TIMEOUT} ms of ${signal}:\n${demo.output().slice(-3000)}`,
				);
				const released = await waitFor(
					'both ports to be free and no process left in the data folder',
					async () => {
						const left = demoChild.processesIn(dir);
						const free = (await demoChild.portFree(port)) && (await demoChild.portFree(apiPort));
						return free && left.length === 0 && { left };
					},
					DEMO_STOP_TIMEOUT,
				).catch((error) => ({ error }));
				assert.ok(
					!released.error,
					`after the demo exited: n8n port ${port} free ${await demoChild.portFree(port)}, simulator port ${apiPort} free ` +
						`${await demoChild.portFree(apiPort)}, processes left in ${dir}: ${demoChild.processesIn(dir).join(', ') || 'none'}`,
				);
				process.stderr.write(
					`[e2e] demo via npm start: ready in ${Math.round(startMs / 1000)} s; everything stopped ` +
						`${((Date.now() - signalled) / 1000).toFixed(1)} s after ${signal} to npm\n`,
				);
			} finally {
				await demo.kill(); // no-op when it stopped; otherwise nothing may outlive the test
				fs.rmSync(dir, { recursive: true, force: true });
			}
		},
	);

require('./demo')({ waitFor });

require('./inbox')({
	ctx,
	CREDENTIAL,
	waitFor,
	executionsOf,
	executionData,
	requestsTo,
	needServer,
});
