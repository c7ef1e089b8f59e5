#!/usr/bin/env node
// `npm test`: every phase in order, each one's output as it runs; after the first failure the later phases are
// skipped (they need what failed: a build, a clean lint, the engine suite). Ends with one line per phase (passed,
// failed or skipped, with its time) and a last line `phases: N passed, N failed`. Exits non-zero if any failed.
'use strict';

const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const PHASES = [
	['setup', 'node', ['scripts/setup.js']],
	['build', npm, ['run', 'build']],
	['lint', npm, ['run', 'lint']],
	['scan', npm, ['run', 'scan']],
	['format', npm, ['run', 'format:check']],
	['typecheck', npm, ['run', 'typecheck']],
	['engine (jest, every n8n-core)', npm, ['run', 'test:compat', '--', '--no-build']],
	['e2e (real n8n)', 'node', ['test/e2e/run.js']],
	['scale (queue mode)', 'node', ['test/scale/run.js']],
];

function run(command, args) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
		child.on('error', (error) => {
			process.stderr.write(`[test] ${command}: ${error.message}\n`);
			resolve(1);
		});
		child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : code));
	});
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
	const results = [];
	let failed;
	for (const [name, command, args] of PHASES) {
		if (failed) {
			results.push({ name, verdict: `skipped (${failed} failed)` });
			continue;
		}
		process.stdout.write(`\n[test] ── ${name}: ${[command, ...args].join(' ')}\n`);
		const started = Date.now();
		const code = await run(command, args);
		const ms = Date.now() - started;
		const ok = code === 0;
		if (!ok) failed = name;
		results.push({ name, ok, ms, verdict: ok ? 'passed' : `FAILED (exit ${code})` });
	}
	const width = Math.max(...results.map((r) => r.name.length));
	const verdictWidth = Math.max(...results.map((r) => r.verdict.length));
	process.stdout.write('\n[test] summary\n');
	for (const r of results) {
		const time = r.ms === undefined ? '' : `  ${seconds(r.ms).padStart(8)}`;
		process.stdout.write(
			`  ${r.name.padEnd(width)}  ${r.verdict.padEnd(verdictWidth)}${time}\n`.trimEnd() + '\n',
		);
	}
	const passed = results.filter((r) => r.ok).length;
	const failures = results.filter((r) => r.ok === false).length;
	const total = results.reduce((sum, r) => sum + (r.ms || 0), 0);
	const skipped = results.length - passed - failures;
	process.stdout.write(
		`  total ${seconds(total)}${skipped ? `; ${skipped} skipped because ${failed} failed` : ''}\n`,
	);
	process.stdout.write(`phases: ${passed} passed, ${failures} failed\n`);
	return failures === 0;
}

main().then((ok) => {
	process.exitCode = ok ? 0 : 1;
});
