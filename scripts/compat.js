#!/usr/bin/env node
// `npm run test:compat`: the engine suite (jest: everything in test/ but the end-to-end suite) against each
// n8n-core / n8n-workflow pair of MATRIX, one after the other, jest's output as it runs. Then one line per pair with
// its counts and a total line; exits non-zero if any pair fails. `npm test` runs it (after the build and lint, before
// the end-to-end suite): its first pair, the devDependencies, is the project's main jest run.
//
//   node scripts/compat.js                 build once, then run every pair
//   node scripts/compat.js --no-build      use the dist/ already built (npm test builds first)
//   node scripts/compat.js --only=1.84.0   only the pair(s) whose n8n-core version is listed (comma-separated)
//
// The devDependencies pair runs on the project's own node_modules (checked to hold exactly those versions) with the
// normal jest.config.js. Every other pair is installed once into its own folder outside the repository,
// $CONNECTSAFELY_COMPAT_CACHE or ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-connectsafely/compat/n8n-core-<version>
// (reused when its marker file says the install completed; the project's node_modules is never touched), and
// jest.compat.config.js maps n8n's packages to that folder for the tests, the harness and the built nodes.
//
// The versions (n8n-core pins the n8n-workflow and @n8n/* it was built with: `npm view n8n-core@X dependencies`):
// - floor: n8n-core 1.84.0 / n8n-workflow 1.83.0, as in n8n 1.85. n8n-workflow 1.83.0 is the first with
//   NodeConnectionTypes, which the nodes use (n8n-workflow 1.82.0 and older lack it: with n8n-core 1.82.0 /
//   n8n-workflow 1.81.0, as in n8n 1.82, n8n cannot load the nodes). Everything else the
//   package uses (updateDisplayOptions, usableAsTool, resource-locator list search, the request options it sets) is
//   older. See README "Compatibility".
// - latest 1.x: n8n-core 1.122.48 / n8n-workflow 1.120.31, as in n8n 1.123.81.
// - current 2.x: the devDependencies (n8n-core 2.41.1 / n8n-workflow 2.41.0).
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));

const MATRIX = [
	{
		label: 'current 2.x, the devDependencies',
		core: pkg.devDependencies['n8n-core'],
		workflow: pkg.devDependencies['n8n-workflow'],
		project: true,
	},
	{ label: 'latest 1.x, as in n8n 1.123.81', core: '1.122.48', workflow: '1.120.31' },
	{ label: 'floor, as in n8n 1.85', core: '1.84.0', workflow: '1.83.0' },
];

const MARKER = '.connectsafely-compat-complete.json';

function parseArgs(argv) {
	const args = { build: true, only: undefined };
	for (const arg of argv) {
		if (arg === '--no-build') args.build = false;
		else if (arg.startsWith('--only=')) args.only = arg.slice('--only='.length).split(',');
		else throw new Error(`compat: unknown argument ${arg}`);
	}
	return args;
}

function cacheRoot() {
	if (process.env.CONNECTSAFELY_COMPAT_CACHE)
		return path.resolve(process.env.CONNECTSAFELY_COMPAT_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-connectsafely', 'compat');
}

function log(message) {
	process.stderr.write(`[compat] ${message}\n`);
}

function seconds(ms) {
	return `${Math.round(ms / 1000)} s`;
}

function versionIn(modules, name) {
	try {
		return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/** The pair must be installed flat: one n8n-workflow and one @n8n/di for n8n-core, the harness and the nodes. */
function checkInstall(modules, row) {
	const problems = [];
	if (versionIn(modules, 'n8n-core') !== row.core)
		problems.push(`n8n-core is ${versionIn(modules, 'n8n-core')}, not ${row.core}`);
	if (versionIn(modules, 'n8n-workflow') !== row.workflow)
		problems.push(`n8n-workflow is ${versionIn(modules, 'n8n-workflow')}, not ${row.workflow}`);
	for (const nested of ['n8n-workflow', path.join('@n8n', 'di')]) {
		if (fs.existsSync(path.join(modules, 'n8n-core', 'node_modules', nested)))
			problems.push(`n8n-core has its own ${nested}: the pair does not match`);
	}
	return problems;
}

function install(row) {
	const dir = path.join(cacheRoot(), `n8n-core-${row.core}`);
	if (
		fs.existsSync(path.join(dir, MARKER)) &&
		checkInstall(path.join(dir, 'node_modules'), row).length === 0
	)
		return dir;
	log(`installing n8n-core ${row.core} / n8n-workflow ${row.workflow} into ${dir} …`);
	const started = Date.now();
	// Installed next to its place, then renamed into it: a run in another worktree never sees half an install.
	const temp = `${dir}.installing-${process.pid}`;
	fs.rmSync(temp, { recursive: true, force: true });
	fs.mkdirSync(temp, { recursive: true });
	fs.writeFileSync(
		path.join(temp, 'package.json'),
		JSON.stringify({ name: 'connectsafely-compat', private: true }, null, 2),
	);
	// Scripts stay off: n8n-workflow pulls isolated-vm, whose build needs Node 24; the engine runs without it.
	const result = spawnSync(
		'npm',
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-save',
			'--loglevel=error',
			'--prefix',
			temp,
			`n8n-core@${row.core}`,
			`n8n-workflow@${row.workflow}`,
		],
		{ cwd: temp, stdio: ['ignore', 'inherit', 'inherit'] },
	);
	if (result.status !== 0)
		throw new Error(
			`compat: npm install of n8n-core ${row.core} / n8n-workflow ${row.workflow} failed`,
		);
	const problems = checkInstall(path.join(temp, 'node_modules'), row);
	if (problems.length) throw new Error(`compat: ${temp}: ${problems.join('; ')}`);
	fs.writeFileSync(
		path.join(temp, MARKER),
		JSON.stringify(
			{ core: row.core, workflow: row.workflow, installedAt: new Date().toISOString() },
			null,
			2,
		),
	);
	fs.rmSync(dir, { recursive: true, force: true });
	try {
		fs.renameSync(temp, dir);
	} catch (error) {
		// Another run put a complete install there first: use it.
		fs.rmSync(temp, { recursive: true, force: true });
		if (!fs.existsSync(path.join(dir, MARKER))) throw error;
	}
	log(`installed in ${seconds(Date.now() - started)}`);
	return dir;
}

function counts(file) {
	const results = JSON.parse(fs.readFileSync(file, 'utf8'));
	// A test file that fails to load counts as a failure even though none of its tests ran.
	return {
		passed: results.numPassedTests,
		failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
		total: results.numTotalTests,
		results,
	};
}

function failures(results) {
	const lines = [];
	for (const file of results.testResults) {
		const name = path.relative(root, file.name);
		if (file.assertionResults.length === 0 && file.status === 'failed')
			lines.push(`  ${name}: ${file.message.split('\n').find((l) => l.trim()) ?? 'failed to run'}`);
		for (const test of file.assertionResults)
			if (test.status === 'failed') lines.push(`  ${name}: ${test.fullName}`);
	}
	return lines;
}

function runSuite(row, outDir) {
	const output = path.join(outDir, `n8n-core-${row.core}.json`);
	fs.rmSync(output, { force: true });
	const env = { ...process.env };
	let config = 'jest.config.js';
	if (row.project) {
		const problems = checkInstall(path.join(root, 'node_modules'), row);
		if (problems.length)
			throw new Error(
				`compat: the project's node_modules: ${problems.join('; ')} (run npm run setup)`,
			);
	} else {
		env.CONNECTSAFELY_COMPAT_DIR = install(row);
		env.CONNECTSAFELY_COMPAT_EXPECT = `${row.core} ${row.workflow}`;
		config = 'jest.compat.config.js';
	}
	const jestArgs = ['-c', config, '--json', `--outputFile=${output}`];
	// The older pairs: two workers (measured on 2 cores: ~40 s instead of ~60 s in band, jest's default there), and
	// an explicit end, since n8n-core 1.122 leaves a handle open after the suite (jest "did not exit").
	// The devDependencies pair stays exactly the project's plain `jest` run.
	if (!row.project) jestArgs.push('--maxWorkers=2', '--forceExit');
	const started = Date.now();
	const result = spawnSync(
		process.execPath,
		[require.resolve('jest/bin/jest', { paths: [root] }), ...jestArgs],
		{ cwd: root, env, stdio: 'inherit' },
	);
	if (!fs.existsSync(output))
		throw new Error(
			`compat: jest wrote no results for n8n-core ${row.core} (exit ${result.status})`,
		);
	const c = counts(output);
	if (result.status !== 0 && c.failed === 0) c.failed = 1; // jest failed for a reason outside the tests
	return { ...c, ms: Date.now() - started };
}

function main() {
	const args = parseArgs(process.argv.slice(2));
	const rows = MATRIX.filter((row) => !args.only || args.only.includes(row.core));
	if (rows.length === 0) throw new Error(`compat: no pair with n8n-core ${args.only}`);
	const outDir = path.join(root, '.cache', 'compat');
	fs.mkdirSync(outDir, { recursive: true });

	if (args.build) {
		log('building once (npm run build) …');
		const built = spawnSync('npm', ['run', 'build', '--silent'], {
			cwd: root,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		if (built.status !== 0) throw new Error('compat: npm run build failed');
	}

	const lines = [];
	let passed = 0;
	let failed = 0;
	for (const row of rows) {
		log(`n8n-core ${row.core} / n8n-workflow ${row.workflow} (${row.label}): the engine suite …`);
		const result = runSuite(row, outDir);
		passed += result.passed;
		failed += result.failed;
		lines.push(
			`compat: n8n-core ${row.core} / n8n-workflow ${row.workflow} — ${result.passed} passed, ${result.failed} failed (${row.label}, ${seconds(result.ms)})`,
		);
		if (result.failed) lines.push(...failures(result.results));
	}
	console.log(['', ...lines, `${passed} passed, ${failed} failed`].join('\n'));
	process.exitCode = failed ? 1 : 0;
}

try {
	main();
} catch (error) {
	console.error(error.message);
	process.exitCode = 1;
}
