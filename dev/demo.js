#!/usr/bin/env node
// Local demo (`npm start`): a real n8n with this package installed as a community package, talking to the
// ConnectSafely simulator (dev/fake-api) on 127.0.0.1 — nothing leaves the machine.
//
//   node dev/demo.js [--port 5678] [--api-port 5679] [--dir .demo] [--reset] [--drip 3]
//
//   --port       n8n editor port (default 5678, env N8N_PORT)
//   --api-port   simulator port (default 5679); the examples' chat posts follow it when it changes between starts
//   --dir        folder for the demo's n8n data (default .demo/ in the package; a relative path is taken from the
//                current directory)
//   --reset      forget the demo's n8n data (the --dir folder) and start from scratch
//   --drip <min> every <min> minutes the simulator receives a new invitation and gains a new connection, so published
//                trigger workflows have something to do (the simulator also tops up what the examples use up)
//
// The npm script builds first (`npm run build`); this script only packs dist/ and installs it into the data folder.
// First run: installs n8n 2.40.7 + Node 24 into the cache (4.5 to 9 min, 2.8 GB; see dev/n8n/index.js). Ctrl-C
// stops everything.
'use strict';

const fs = require('fs');
const path = require('path');

const n8n = require('./n8n');
const wf = require('./n8n/workflows');
const { startFakeApi } = require('./fake-api');

const ROOT = wf.ROOT;
const DEFAULT_DIR = path.join(ROOT, '.demo');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const API_KEY = 'demo-key';
const CREDENTIAL = {
	id: 'csDemoCredential',
	name: 'ConnectSafely (local simulator)',
	type: wf.CREDENTIAL_TYPE,
};
const OWNER = {
	email: 'demo@example.com',
	password: 'Demo-pass-1234',
	firstName: 'Demo',
	lastName: 'User',
};

function parseArgs(argv) {
	const args = {
		port: Number(process.env.N8N_PORT) || 5678,
		apiPort: 5679,
		dir: DEFAULT_DIR,
		reset: false,
		drip: 0,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') args.port = Number(value());
		else if (flag === '--api-port') args.apiPort = Number(value());
		else if (flag === '--dir') args.dir = path.resolve(String(value() || ''));
		else if (flag === '--reset') args.reset = true;
		else if (flag === '--drip') args.drip = Number(value());
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown option ${argv[i]} (try --help)`);
	}
	for (const [key, flag] of [
		['port', '--port'],
		['apiPort', '--api-port'],
	]) {
		if (!Number.isInteger(args[key]) || args[key] <= 0 || args[key] > 65535)
			throw new Error(`${flag} needs a port number`);
	}
	if (args.dir === path.parse(args.dir).root) throw new Error('--dir needs a folder');
	return args;
}

function say(message = '') {
	process.stdout.write(`${message}\n`);
}

/** The data folder as shown to the user: relative when inside the package (".demo"), else absolute. */
function displayPath(dir) {
	const relative = path.relative(ROOT, dir);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : dir;
}

function readState(stateFile) {
	try {
		return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		return {};
	}
}

/**
 * The simulator's chat-webhook stand-in (where the examples post instead of Slack) has the simulator's port in its URL.
 * When that changed since the last start, every HTTP Request node still on a URL of an earlier start is pointed at the
 * current one, in the saved and in the published version of every workflow (a URL you typed stays); what was
 * published stays published. The URLs of every start are kept in the state file.
 */
async function followChatWebhook(dir, state, api) {
	const earlier = state.chatWebhookUrls || [];
	state.chatWebhookUrls = [
		...earlier.filter((url) => url !== api.chatWebhookUrl),
		api.chatWebhookUrl,
	];
	if (earlier.length === 0 || earlier[earlier.length - 1] === api.chatWebhookUrl) return;
	const repoint = (workflow) => wf.pointHttpRequests(workflow, api.chatWebhookUrl, earlier) > 0;
	const workflows = (await n8n.exportWorkflows(dir)).filter((w) => !w.isArchived);
	// Published, then changed without publishing again: the published version is another one.
	const beside = workflows.filter((w) => w.activeVersionId && w.activeVersionId !== w.versionId);
	const stalePublished = beside.length
		? (await n8n.exportWorkflows(dir, { published: true })).filter(
				(p) => beside.some((w) => w.id === p.id) && repoint(p),
			)
		: [];
	const publishedIds = new Set(stalePublished.map((p) => p.id));
	const staleIds = new Set(publishedIds);
	for (const workflow of workflows) if (repoint(workflow)) staleIds.add(workflow.id);
	const stale = workflows.filter((w) => staleIds.has(w.id));
	if (stale.length === 0) return;
	say(
		`Pointing ${stale.length} workflow(s) at the simulator's chat webhook ${api.chatWebhookUrl}…`,
	);
	const published = stale.filter((w) => w.activeVersionId);
	// Importing a published workflow queues its old version for n8n's next start, live until n8n reconciles: unpublish
	// first (in the database only, nothing queued).
	for (const workflow of published) await n8n.unpublishWorkflow(dir, workflow.id);
	const republish = new Map(
		published.map((w) => [w.id, w.activeVersionId === w.versionId ? undefined : w.activeVersionId]),
	);
	if (publishedIds.size > 0) {
		await n8n.importWorkflows(dir, stalePublished);
		for (const { id, versionId } of await n8n.exportWorkflows(dir))
			if (publishedIds.has(id)) republish.set(id, versionId);
	}
	await n8n.importWorkflows(dir, stale);
	for (const [id, versionId] of republish) await n8n.publishWorkflow(dir, id, versionId);
}

const cleanup = [];
let stopping = false;

async function stop(code = 0) {
	if (stopping) return;
	stopping = true;
	if (cleanup.length > 0) say('\nStopping…');
	for (const fn of cleanup.reverse()) {
		try {
			await fn();
		} catch {
			// keep stopping the rest
		}
	}
	process.exit(code);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		const header = fs.readFileSync(__filename, 'utf8').split('\n').slice(1);
		const end = header.findIndex((line) => !line.startsWith('//'));
		say(
			header
				.slice(0, end)
				.map((l) => l.replace(/^\/\/ ?/, ''))
				.join('\n'),
		);
		return;
	}
	const DEMO_DIR = args.dir;
	const STATE_FILE = path.join(DEMO_DIR, 'demo-state.json');
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'ConnectSafely', 'ConnectSafely.node.js'))) {
		throw new Error('dist/ is missing: run `npm run build` (npm start does it for you)');
	}
	for (const [what, port] of [
		['n8n', args.port],
		['the simulator', args.apiPort],
	]) {
		if (!(await n8n.portFree(port))) {
			throw new Error(
				`port ${port} for ${what} is in use (is another demo running?). Choose another with --port / --api-port.`,
			);
		}
	}

	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	process.on('SIGHUP', () => stop(0));
	// `npm start` does not pass a SIGINT/SIGTERM sent to npm alone (a supervisor, an IDE's stop button) on to this
	// process: npm and its shell exit and this process is re-parented. Stop then too.
	const launcher = process.ppid;
	const orphaned = setInterval(() => process.ppid !== launcher && stop(0), 500);
	cleanup.push(() => clearInterval(orphaned));

	const { version } = await n8n.ensureN8n({ label: 'demo' });

	// 1. The simulator.
	const api = await startFakeApi({
		host: '127.0.0.1',
		port: args.apiPort,
		apiKey: API_KEY,
		latencyMs: 120,
		// Every example runs in any order and as often as it is clicked: what one uses up, new arrivals replace.
		live: true,
	});
	cleanup.push(() => api.close());
	let shown = 0;
	const requestLog = setInterval(() => {
		for (; shown < api.requests.length; shown++) {
			const r = api.requests[shown];
			if (r.status === 0) break;
			say(`[simulator] ${r.method} ${r.fullPath} → ${r.status}`);
		}
	}, 300);
	cleanup.push(() => clearInterval(requestLog));

	// 2. The demo's n8n folder with the freshly packed package.
	if (args.reset && fs.existsSync(DEMO_DIR)) {
		// Only ever delete a folder that is (or looks like) a demo data folder: --dir ~ --reset must not wipe a home.
		const entries = fs.readdirSync(DEMO_DIR);
		const looksLikeDemo =
			entries.length === 0 || entries.includes('.n8n') || entries.includes('demo-state.json');
		if (DEMO_DIR !== DEFAULT_DIR && !looksLikeDemo) {
			throw new Error(
				`--reset: ${DEMO_DIR} does not look like a demo data folder (no .n8n/ inside); not deleting it`,
			);
		}
		fs.rmSync(DEMO_DIR, { recursive: true, force: true });
		say(
			`--reset: removed ${displayPath(DEMO_DIR)}/ (the demo's n8n database with its workflows, executions and credential, and the installed package); starting from scratch.`,
		);
	} else if (args.reset) {
		say(`--reset: ${displayPath(DEMO_DIR)}/ did not exist; nothing to remove.`);
	}
	fs.mkdirSync(path.join(DEMO_DIR, '.n8n', 'nodes'), { recursive: true });
	say(
		`Packing ${PACKAGE_NAME} and installing it into ${displayPath(DEMO_DIR)}/ as a community package…`,
	);
	const tarball = await n8n.packPackage(ROOT);
	fs.rmSync(path.join(DEMO_DIR, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME), {
		recursive: true,
		force: true,
	});
	await n8n.installPackageTarball(DEMO_DIR, tarball);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

	// 3. Credential (every start: keeps the simulator URL right) and example workflows (once; your edits are kept).
	const state = readState(STATE_FILE);
	say('Importing the credential "ConnectSafely (local simulator)"…');
	await n8n.importCredential(DEMO_DIR, {
		...CREDENTIAL,
		data: { apiKey: API_KEY, baseUrl: api.url },
	});
	await followChatWebhook(DEMO_DIR, state, api);
	const examples = wf.loadExamples();
	const missing = examples.filter(({ workflow }) => !(state.workflows || []).includes(workflow.id));
	if (missing.length > 0) {
		say(`Importing ${missing.length} example workflow(s)…`);
		const workflows = missing.map(({ file, workflow }) =>
			wf.forSimulator(file, wf.withCredential(workflow, CREDENTIAL), api),
		);
		await n8n.importWorkflows(DEMO_DIR, workflows);
		state.workflows = [
			...new Set([...(state.workflows || []), ...missing.map(({ workflow }) => workflow.id)]),
		];
	}
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n');

	// 4. n8n itself, owner account created from the environment (no sign-up screen).
	say(`Starting n8n ${version} on http://localhost:${args.port} …`);
	const noise =
		/migration|^\s*$|Python task runner|license SDK|Automatic license renewal|deprecat|N8N_RUNNERS_MODE ->/i;
	const server = await n8n.startServer(DEMO_DIR, {
		port: args.port,
		host: 'localhost',
		env: await n8n.ownerEnv(OWNER),
		onOutput: (chunk) => {
			for (const line of chunk.split('\n')) if (!noise.test(line)) say(`[n8n] ${line}`);
		},
	});
	cleanup.push(() => server.stop());
	process.on('exit', () => n8n.killGroup(server.child, 'SIGKILL')); // never leave n8n behind
	server.child.on('exit', (code, signal) => {
		if (!stopping) {
			say(`n8n exited (${signal || `exit ${code}`}).`);
			stop(1);
		}
	});

	if (args.drip > 0) {
		const timer = setInterval(() => {
			const invitation = api.addReceived({ invitationCategory: 'CONNECTION' });
			const connection = api.addConnection();
			say(
				`[simulator] new invitation from ${invitation.profile.firstName} ${invitation.profile.lastName}; ` +
					`new connection ${connection.firstName} ${connection.lastName}`,
			);
		}, args.drip * 60000);
		cleanup.push(() => clearInterval(timer));
	}

	const url = `http://localhost:${args.port}`;
	const { state: sim } = api;
	say('');
	say('================================================================================');
	say(' ConnectSafely demo is running');
	say('');
	say(` Open            ${url}`);
	say(` Log in          ${OWNER.email}  /  ${OWNER.password}`);
	say(` Simulator       ${api.url}  (API key ${API_KEY}; data resets at every start)`);
	say(
		`                 ${sim.received.length} received invitations, ${sim.sent.length} pending sent, ` +
			`${sim.connections.length} connections; a live account: new ones arrive as the examples use them up`,
	);
	say(' Credential      "ConnectSafely (local simulator)" (already selected in the examples)');
	say(
		' Workflows       after login n8n shows Overview → Workflows with the examples; or open one directly:',
	);
	for (const { workflow } of examples) say(`   ${url}/workflow/${workflow.id}  ${workflow.name}`);
	say('');
	say(' Open a workflow and click "Execute workflow"; the simulator logs every request below.');
	say(
		' Trigger workflows poll once published (Publish, top right; the first poll only remembers what exists).',
	);
	if (args.drip > 0) say(` --drip: a new invitation and connection arrive every ${args.drip} min.`);
	say(` n8n data lives in ${displayPath(DEMO_DIR)}/ (npm start -- --reset starts over).`);
	say(' Ctrl-C stops n8n and the simulator.');
	say('================================================================================');
}

main().catch((error) => {
	process.stderr.write(`demo: ${error.message}\n`);
	stop(1);
});
