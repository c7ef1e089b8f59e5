// Throwaway services for the queue-mode scale test (test/scale/run.js): a PostgreSQL cluster and a Redis on random
// loopback ports, n8n 2.40.7 as one main and workers (EXECUTIONS_MODE=queue), and a watchdog process that stops
// everything if the test process dies or overruns its deadline.
//
// Debian's `postgresql` and `redis-server` are installed with apt-get when missing (root only). initdb/pg_ctl refuse
// to run as root: as root they run as the `postgres` user the Debian package creates, with a data folder it owns.
'use strict';

const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('../n8n');

const PG_VERSIONS = ['17', '16', '15', '14', '13'];

function log(message) {
	process.stderr.write(`[scale] ${message}\n`);
}

function pgBinDir() {
	for (const version of PG_VERSIONS) {
		const dir = `/usr/lib/postgresql/${version}/bin`;
		if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	return null;
}

function redisBin() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
		if (fs.existsSync(candidate)) return candidate;
	}
	const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return which.status === 0 ? which.stdout.trim() : null;
}

/** Installs Debian's postgresql and redis-server when missing (apt-get, root). Resolves { pgBin, redis }. */
async function ensurePackages() {
	let pgBin = pgBinDir();
	let redis = redisBin();
	const missing = [!pgBin && 'postgresql', !redis && 'redis-server'].filter(Boolean);
	if (missing.length > 0) {
		if (process.getuid && process.getuid() !== 0) {
			throw new Error(
				`${missing.join(' and ')} missing; install them (apt-get install ${missing.join(' ')}) or run as root`,
			);
		}
		log(`installing ${missing.join(' ')} with apt-get (first time only)…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const update = await n8n.run('apt-get', ['update', '-qq'], { env, timeoutMs: 300000 });
		if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.stderr}`);
		const install = await n8n.run(
			'apt-get',
			['install', '-y', '-qq', '--no-install-recommends', ...missing],
			{
				env,
				timeoutMs: 600000,
			},
		);
		if (install.code !== 0)
			throw new Error(
				`apt-get install ${missing.join(' ')} failed:\n${install.stdout}\n${install.stderr}`,
			);
		pgBin = pgBinDir();
		redis = redisBin();
		if (!pgBin || !redis)
			throw new Error('postgresql / redis-server still missing after apt-get install');
	}
	return { pgBin, redis };
}

const asRoot = () => process.getuid && process.getuid() === 0;

/** Runs a PostgreSQL tool, as the `postgres` user when we are root. */
function pgTool(pgBin, tool, args, options = {}) {
	const command = path.join(pgBin, tool);
	if (!asRoot()) return n8n.run(command, args, { timeoutMs: 120000, ...options });
	const quoted = [command, ...args].map((a) => `'${String(a).replace(/'/g, "'\\''")}'`).join(' ');
	return n8n.run('su', ['postgres', '-s', '/bin/sh', '-c', quoted], {
		timeoutMs: 120000,
		...options,
	});
}

/**
 * A fresh cluster in a temp folder, listening on 127.0.0.1:<port> (and a socket in the folder), trust auth, no fsync,
 * with a database `n8n`. Resolves { port, dir, dataDir, stop() }.
 */
async function startPostgres(pgBin) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-scale-pg-'));
	const dataDir = path.join(dir, 'data');
	if (asRoot()) {
		const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		if (pw.status !== 0)
			throw new Error('no `postgres` user to run PostgreSQL as (install the postgresql package)');
		fs.chmodSync(dir, 0o755);
		spawnSync('chown', ['postgres:', dir]);
	}
	const init = await pgTool(pgBin, 'initdb', [
		'-D',
		dataDir,
		'-A',
		'trust',
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	if (init.code !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const port = await n8n.freePort();
	const options = `-p ${port} -k ${dir} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
	const start = await pgTool(pgBin, 'pg_ctl', [
		'-D',
		dataDir,
		'-l',
		path.join(dir, 'postgres.log'),
		'-o',
		options,
		'-w',
		'-t',
		'60',
		'start',
	]);
	if (start.code !== 0) {
		const logText = fs.existsSync(path.join(dir, 'postgres.log'))
			? fs.readFileSync(path.join(dir, 'postgres.log'), 'utf8')
			: '';
		throw new Error(`pg_ctl start failed:\n${start.stdout}\n${start.stderr}\n${logText}`);
	}
	const created = await pgTool(pgBin, 'createdb', [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'n8n',
	]);
	if (created.code !== 0) throw new Error(`createdb failed:\n${created.stderr}`);
	const stop = async () => {
		await pgTool(pgBin, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], {
			timeoutMs: 40000,
		});
	};
	return { port, dir, dataDir, stop };
}

/** Redis on 127.0.0.1:<port>, no persistence, in its own process group. Resolves { port, child, stop() }. */
async function startRedis(redis) {
	const port = await n8n.freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-scale-redis-'));
	const child = spawn(
		redis,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const watched = n8n.watchChild(child);
	const deadline = Date.now() + 20000;
	while (!/Ready to accept connections/i.test(watched.output())) {
		if (watched.status()) throw new Error(`redis-server exited:\n${watched.output()}`);
		if (Date.now() > deadline) throw new Error(`redis-server not ready:\n${watched.output()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	const stop = async () => {
		if (!watched.status()) {
			n8n.killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => n8n.killGroup(child, 'SIGKILL'), 5000);
			await watched.exited;
			clearTimeout(timer);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};
	return { port, child, dir, stop };
}

/** Environment shared by main and workers: queue mode on this Postgres and Redis, one encryption key. */
function queueEnv({ pgPort, redisPort, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: encryptionKey || crypto.randomBytes(24).toString('hex'),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/**
 * `n8n worker` with its own user folder, task-runner broker port and health-check port (on 127.0.0.1); resolves
 * when /healthz/readiness answers 200. Resolves { name, port, child, output(), exited(), stop() }.
 */
async function startWorker(userFolder, options) {
	const { n8nBin, nodeBin, env } = await n8n.ensureN8n({ version: options.version });
	const port = await n8n.freePort();
	const brokerPort = await n8n.freePort();
	const args = [n8nBin, 'worker', `--concurrency=${options.concurrency || 10}`];
	const child = spawn(nodeBin, args, {
		cwd: userFolder,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...env,
			N8N_USER_FOLDER: userFolder,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			...(options.env || {}),
		},
	});
	const watched = n8n.watchChild(child, options.onOutput);
	const stop = async () => {
		if (watched.status()) return watched.status();
		n8n.killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => n8n.killGroup(child, 'SIGKILL'), 20000);
		const result = await watched.exited;
		clearTimeout(timer);
		n8n.killGroup(child, 'SIGKILL');
		return result;
	};
	const deadline = Date.now() + (options.timeoutMs || 180000);
	for (;;) {
		if (watched.status())
			throw new Error(`n8n worker exited before it was ready:\n${watched.output().slice(-6000)}`);
		try {
			const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
			if (response.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n worker not ready in time:\n${watched.output().slice(-6000)}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { name: options.name, port, child, output: watched.output, exited: watched.status, stop };
}

/**
 * Starts dev/scale/watchdog.js: it polls this process and, once it is gone or `deadlineMs` has passed, kills the
 * process groups and stops the Postgres clusters listed in `stateFile` (updated through the returned `track()`).
 */
function startWatchdog(deadlineMs) {
	const stateFile = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-scale-watch-')),
		'state.json',
	);
	const state = { groups: [], postgres: [], dirs: [] };
	const save = () => fs.writeFileSync(stateFile, JSON.stringify(state));
	save();
	const child = spawn(
		process.execPath,
		[
			path.join(__dirname, 'watchdog.js'),
			String(process.pid),
			stateFile,
			String(Date.now() + deadlineMs),
		],
		{
			detached: true,
			stdio: 'ignore',
		},
	);
	child.unref();
	return {
		track({ group, postgres, dir } = {}) {
			if (group) state.groups.push(group);
			if (postgres) state.postgres.push(postgres);
			if (dir) state.dirs.push(dir);
			save();
		},
		/** Everything stopped normally: the watchdog ends and removes its folder. */
		dismiss() {
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// gone already
			}
			fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
		},
	};
}

module.exports = {
	ensurePackages,
	startPostgres,
	startRedis,
	queueEnv,
	startWorker,
	startWatchdog,
	pgTool,
	log,
};
