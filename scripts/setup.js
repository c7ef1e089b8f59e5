// Installs the dev dependencies when they are missing or were installed from another package-lock.json.
// Scripts stay ignored (.npmrc): n8n-workflow pulls isolated-vm, whose build needs Node 24; the engine runs without it.
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const lockHash = crypto
	.createHash('sha256')
	.update(fs.readFileSync(path.join(root, 'package-lock.json')))
	.digest('hex');
// The lock file's content, not its date: a fresh checkout or a second worktree has newer dates but the same lock.
const marker = path.join(root, 'node_modules', '.connectsafely-lock-sha256');
const installed = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';

if (installed !== lockHash) {
	console.log('Installing dev dependencies (npm ci --ignore-scripts)…');
	execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
	fs.writeFileSync(marker, `${lockHash}\n`);
} else {
	console.log('Dev dependencies are up to date.');
}
