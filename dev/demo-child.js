// Runs the demo (`node dev/demo.js`) as a child process on chosen ports with its own data folder — what the e2e
// test of `npm start` and dev/screenshots.js use. Linux/macOS only for the leftover-process check (/proc).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const { portFree, watchChild } = require('./n8n');

const DEMO_SCRIPT = path.join(__dirname, 'demo.js');
const READY_LINE = 'ConnectSafely demo is running';
const SEPARATOR = /^={20,}$/m;

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Pids of processes whose working directory is `dir` or inside it (n8n and its task runner run with the demo's data
 * folder as cwd). Reads /proc; returns [] where there is none.
 */
function processesIn(dir) {
	if (!fs.existsSync('/proc')) return [];
	const real = fs.realpathSync(dir);
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
			// The demo itself runs in the repository, with --dir <dir> on its command line.
			const args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (
				cwd === real ||
				cwd.startsWith(real + path.sep) ||
				args.includes(dir) ||
				args.includes(real)
			)
				pids.push(Number(entry));
		} catch {
			// gone, or not ours to read
		}
	}
	return pids;
}

/**
 * Starts `node dev/demo.js --dir <dir> --port <port> --api-port <apiPort> [...extraArgs]` (or, with viaNpm, `npm start -- …`).
 * Resolves immediately with:
 *   child            the demo process
 *   output()         everything it printed so far (stdout + stderr)
 *   ready(timeoutMs) resolves with the ready block (the text between the ===== lines) once printed; rejects when the
 *                    demo exits first or the time is up
 *   exited           promise of { code, signal } when the demo ends; status() is that value, or null while it runs
 *   interrupt(ms, signal = 'SIGINT') sends the signal to the started process only and resolves { code, signal, ms } when it has exited, or
 *                    { timedOut: true } after `ms`
 *   kill()           last resort for cleanup: SIGKILL to the demo and to every process left in its data folder
 * options: onOutput(text) to echo the output.
 */
function startDemo({ dir, port, apiPort, extraArgs = [], onOutput, viaNpm = false }) {
	const args = ['--dir', dir, '--port', String(port), '--api-port', String(apiPort), ...extraArgs];
	// viaNpm: `npm start -- …` exactly as the README says, so signals reach npm, not the demo.
	const child = viaNpm
		? spawn('npm', ['start', '--', ...args], {
				cwd: path.resolve(__dirname, '..'),
				stdio: ['ignore', 'pipe', 'pipe'],
			})
		: spawn(process.execPath, [DEMO_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const watched = watchChild(child, onOutput);
	const { exited } = watched;
	const readyBlock = () => {
		const output = watched.output();
		const at = output.indexOf(READY_LINE);
		if (at < 0) return null;
		const rest = output.slice(at);
		const end = rest.search(SEPARATOR);
		return end < 0 ? null : rest.slice(0, end);
	};

	const ready = (timeoutMs) =>
		new Promise((resolve, reject) => {
			const check = () => {
				const block = readyBlock();
				if (block) done(() => resolve(block));
				else if (watched.status()) {
					const { signal, code } = watched.status();
					done(() =>
						reject(
							new Error(
								`the demo exited (${signal || `exit ${code}`}) before it was ready:\n${watched.output().slice(-4000)}`,
							),
						),
					);
				}
			};
			const timer = setTimeout(
				() =>
					done(() =>
						reject(
							new Error(
								`the demo was not ready within ${timeoutMs} ms:\n${watched.output().slice(-4000)}`,
							),
						),
					),
				timeoutMs,
			);
			const done = (fn) => {
				clearTimeout(timer);
				unsubscribe();
				fn();
			};
			const unsubscribe = watched.onChange(check);
			check();
		});

	const interrupt = async (timeoutMs, signal = 'SIGINT') => {
		const started = Date.now();
		if (!watched.status()) child.kill(signal);
		let timer;
		const result = await Promise.race([
			exited,
			new Promise((resolve) => {
				timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
			}),
		]);
		clearTimeout(timer);
		return { ...result, ms: Date.now() - started };
	};

	const kill = async () => {
		if (!watched.status()) {
			child.kill('SIGKILL');
			await Promise.race([exited, sleep(5000)]);
		}
		for (const pid of processesIn(dir)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	};

	return { child, output: watched.output, status: watched.status, ready, exited, interrupt, kill };
}

module.exports = { startDemo, portFree, processesIn, READY_LINE, DEMO_SCRIPT };
