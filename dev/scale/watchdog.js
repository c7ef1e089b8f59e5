#!/usr/bin/env node
// Watchdog of the scale test: `node watchdog.js <parent pid> <state file> <deadline ms since epoch>`.
// Once the parent is gone (crash, Ctrl-C, SIGKILL) or the deadline passes, it kills the listed process groups
// (n8n main and workers, Redis), stops the listed Postgres clusters (pg_ctl stop -m immediate, as their owner) and
// removes the listed folders. SIGTERM (the normal end: the test stopped everything itself) ends it quietly.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [parentPid, stateFile, deadline] = process.argv
	.slice(2)
	.map((v, i) => (i === 1 ? v : Number(v)));

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function cleanUp() {
	let state = { groups: [], postgres: [], dirs: [] };
	try {
		state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	} catch {
		// nothing recorded
	}
	for (const pgid of state.groups) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	for (const { pgBin, dataDir } of state.postgres) {
		const command = `${path.join(pgBin, 'pg_ctl')} -D '${dataDir}' -m immediate -w -t 20 stop`;
		if (process.getuid && process.getuid() === 0)
			spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'ignore' });
		else spawnSync('sh', ['-c', command], { stdio: 'ignore' });
	}
	for (const dir of state.dirs) fs.rmSync(dir, { recursive: true, force: true });
	fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
}

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => {}); // Ctrl-C in the terminal reaches the whole group: wait for the parent to go instead

const timer = setInterval(() => {
	if (!alive(parentPid) || Date.now() > deadline) {
		clearInterval(timer);
		const overran = alive(parentPid);
		cleanUp();
		// Past the deadline the test itself is stopped too: nothing it started is left to wait for.
		if (overran) {
			try {
				process.kill(parentPid, 'SIGTERM');
			} catch {
				// gone
			}
		}
		process.exit(0);
	}
}, 1000);
