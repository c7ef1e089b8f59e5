// Helpers around the importable example workflows (examples/*.json), shared by the e2e test and the demo.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CREDENTIAL_TYPE = 'connectSafelyOutreachApi';
const NODE_TYPE = 'n8n-nodes-connectsafely.connectSafely';
const TRIGGER_TYPE = 'n8n-nodes-connectsafely.connectSafelyTrigger';
const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';

/** Every examples/*.json, parsed, sorted by file name: [{ file, workflow }]. */
function loadExamples(dir = EXAMPLES_DIR) {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

function loadExample(file, dir = EXAMPLES_DIR) {
	return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

const clone = (value) => JSON.parse(JSON.stringify(value));

/** A copy whose ConnectSafely credential references point at `credential` ({ id, name }). */
function withCredential(workflow, credential) {
	const copy = clone(workflow);
	for (const node of copy.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
			node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}

/**
 * A copy where the Schedule Trigger is replaced by a Manual Trigger of the same name (connections unchanged), so
 * `n8n execute` can start it. Throws when the workflow has no schedule trigger.
 */
function scheduleToManual(workflow) {
	const copy = clone(workflow);
	const trigger = copy.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no Schedule Trigger`);
	trigger.type = 'n8n-nodes-base.manualTrigger';
	trigger.typeVersion = 1;
	trigger.parameters = {};
	return copy;
}

/** A copy whose ConnectSafely Trigger polls with the given cron expression (6 fields: second first). */
function withPollCron(workflow, cronExpression) {
	const copy = clone(workflow);
	const trigger = copy.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no ConnectSafely Trigger`);
	trigger.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression }] };
	return copy;
}

/**
 * trigger → a Code node emitting one item `{ p }` per lead → ConnectSafely Send Request (profile `$json.p`) with
 * `options`, using `credential` ({ id, name }). `trigger` is a node without id, name and position.
 */
function leadsToSendRequest({ id, name, trigger, leads, sendName, options, credential }) {
	return {
		...(id ? { id } : {}),
		name,
		nodes: [
			{ id: `${name}-trigger`, name: 'Start', position: [0, 0], ...trigger },
			{
				id: `${name}-leads`,
				name: 'Leads',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(leads)}.map((p) => ({ json: { p } }));` },
			},
			{
				id: `${name}-send`,
				name: sendName,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				parameters: {
					resource: 'connection',
					operation: 'sendRequest',
					profile: '={{ $json.p }}',
					options,
				},
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] },
			Leads: { main: [[{ node: sendName, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The outreach example's lead list points at made-up profiles; against the simulator it takes simulator people. */
function simulatorLeads(workflow, api) {
	const { state } = api;
	const strangers = Object.values(state.profiles).filter(
		(p) => !p.connected && !p.invitationSent && !p.invitationReceived,
	);
	const leads = [
		...strangers.slice(0, 3).map((p) => ({
			profileUrl: p.profileUrl,
			note: `Hi ${p.firstName}, I enjoyed your posts about ${p.headline.split(/[|·@—,]/)[0].trim()}. Would love to connect!`,
		})),
		{
			profileUrl: state.connections[0].profileUrl,
			note: 'Already connected: the IF node skips this one.',
		},
		{
			profileUrl: state.sent[0].profile.profileUrl,
			note: 'Invitation already pending: skipped too.',
		},
	];
	const copy = clone(workflow);
	const list = copy.nodes.find((node) => node.type === 'n8n-nodes-base.code');
	list.parameters.jsCode =
		'// Demo data: people known to the local ConnectSafely simulator. Replace this node with your lead list\n' +
		'// (Google Sheets, Airtable, CRM) that outputs { profileUrl, note } items.\n' +
		`return ${JSON.stringify(leads, null, 2)}.map((json) => ({ json }));\n`;
	return copy;
}

/**
 * What an example needs to run against the simulator (the demo's and the e2e's any-order runs), by file name:
 * (workflow, api) => workflow. An example whose input is made-up data (a lead list, post URLs) gets an entry here;
 * data the simulator must keep available as examples use it up goes in dev/fake-api/live.js instead.
 */
const SIMULATOR_PREP = {
	'scheduled-outreach.json': simulatorLeads,
	// A Wait of days would hold the run ("waiting") until then; a few seconds shows the same path through.
	'search-follow-then-invite.json': (workflow) => {
		const copy = clone(workflow);
		for (const node of copy.nodes.filter((n) => n.type === 'n8n-nodes-base.wait'))
			Object.assign(node.parameters, { amount: 3, unit: 'seconds' });
		return copy;
	},
	// The chat webhook is a placeholder; the simulator's stand-in takes the post, so nothing leaves the machine.
	'reply-notification.json': (workflow, api) => {
		const copy = clone(workflow);
		pointHttpRequests(copy, api.chatWebhookUrl);
		return copy;
	},
};

/**
 * Sets the URL of `workflow`'s HTTP Request nodes to `url`, in place: of every one, or with `from` (URLs), only of
 * those whose URL is one of them. Returns how many changed.
 */
function pointHttpRequests(workflow, url, from) {
	let changed = 0;
	for (const node of workflow.nodes || []) {
		if (node.type !== HTTP_REQUEST_TYPE || node.parameters.url === url) continue;
		if (from && !from.includes(node.parameters.url)) continue;
		node.parameters.url = url;
		changed++;
	}
	return changed;
}

/** `workflow` (of examples/`file`) ready to run against the simulator `api`. */
function forSimulator(file, workflow, api) {
	return SIMULATOR_PREP[file] ? SIMULATOR_PREP[file](workflow, api) : workflow;
}

function nodeByName(workflow, name) {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

module.exports = {
	ROOT,
	EXAMPLES_DIR,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	TRIGGER_TYPE,
	loadExamples,
	loadExample,
	withCredential,
	scheduleToManual,
	withPollCron,
	leadsToSendRequest,
	nodeByName,
	clone,
	forSimulator,
	pointHttpRequests,
	SIMULATOR_PREP,
};
