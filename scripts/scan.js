#!/usr/bin/env node
// n8n's verification scanner (`@n8n/scan-community-package`, pinned in devDependencies) on this package, before it is
// published: its CLI scans only packages already on npm, so this script calls the scanner's own `analyzePackage` the
// way its `analyzePackageByName` does for its two lint legs:
//   1. the packed tarball (`npm pack`, extracted with tar): `analyzePackage(<package dir>, ['**/*.js', 'package.json'])`
//   2. the source: `analyzePackage(<repo root>, SOURCE_FILE_PATTERNS)` (package.json, nodes/ and credentials/)
// The provenance and download steps of the published-package scan are not run (there is nothing published to check).
// Prints the files and findings per leg; exits non-zero on any finding (an error or a warning). Run after
// `npm run build` (`npm run scan`; `npm test` runs it after the lint).
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const SCANNER = '@n8n/scan-community-package';
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

function say(message) {
	process.stdout.write(`[scan] ${message}\n`);
}

/** `npm pack` into `dir`, then the tarball extracted into `<dir>/package`; returns that folder. */
function packAndExtract(dir) {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const out = execFileSync(
		npm,
		['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', dir],
		{ cwd: ROOT, encoding: 'utf8' },
	);
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const packageDir = path.join(dir, 'package');
	fs.mkdirSync(packageDir);
	execFileSync('tar', [
		'-xzf',
		path.join(dir, info.filename),
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	return { packageDir, tarball: info };
}

/**
 * One leg: the scanner's verdict (`analyzePackage`, exactly as n8n calls it) and, for the counts it does not return,
 * the same files linted with the scanner's own configuration (`buildScanConfig`).
 */
async function leg(scanner, name, dir, patterns) {
	// The scanner's own copies of fast-glob and ESLint (it pins them).
	const from = { paths: [path.dirname(require.resolve(`${SCANNER}/package.json`))] };
	const glob = require(require.resolve('fast-glob', from));
	const { ESLint } = require(require.resolve('eslint', from));
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const verdict = await scanner.analyzePackage(dir, patterns);
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const errors = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	say(
		`${name}: ${files.length} files scanned (${patterns.join(', ')}), ${errors + warnings} findings (${errors} errors, ${warnings} warnings); ` +
			`scanner: ${verdict.passed ? 'passed' : `failed (${verdict.message})`}`,
	);
	if (!verdict.passed && verdict.details) process.stdout.write(`${verdict.details}\n`);
	if (warnings > 0 && verdict.passed) {
		const formatter = await eslint.loadFormatter('stylish');
		process.stdout.write(`${await formatter.format(results)}\n`);
	}
	return verdict.passed && errors + warnings === 0 && files.length > 0;
}

async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-scan-'));
	// The scanner makes a temp folder when it is loaded (for downloads we do not do): put it inside ours.
	const tmpdir = process.env.TMPDIR;
	process.env.TMPDIR = work;
	try {
		const entry = require.resolve(`${SCANNER}/scanner/scanner.mjs`);
		const scanner = await import(require('url').pathToFileURL(entry).href);
		if (tmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = tmpdir;
		const version = require(`${SCANNER}/package.json`).version;
		const { packageDir, tarball } = packAndExtract(work);
		say(`${SCANNER} ${version} on ${tarball.filename} and the source`);
		const ok = [
			await leg(scanner, 'tarball', packageDir, TARBALL_PATTERNS),
			await leg(scanner, 'source', ROOT, scanner.SOURCE_FILE_PATTERNS),
		].every(Boolean);
		say(ok ? 'passed: no findings' : 'FAILED: the scanner has findings (see above)');
		return ok;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(ok) => {
		process.exitCode = ok ? 0 : 1;
	},
	(error) => {
		process.stderr.write(`[scan] ${error.stack || error}\n`);
		process.exitCode = 1;
	},
);
