// Installs the dev dependencies when they are missing or older than package-lock.json.
// Scripts stay ignored (.npmrc): n8n-workflow pulls isolated-vm, whose build needs Node 24; the engine runs without it.
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');

const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;

if (stale) {
	console.log('Installing dev dependencies (npm ci --ignore-scripts)…');
	execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
} else {
	console.log('Dev dependencies are up to date.');
}
