/**
 * The engine suite against another n8n-core / n8n-workflow pair (`npm run test:compat`, scripts/compat.js).
 * CONNECTSAFELY_COMPAT_DIR is a folder where that pair is installed (its own node_modules, outside the repository).
 * n8n's packages are mapped to it for the tests, the harness and the built dist/ alike, so that all of them share one
 * instance of each (NodeApiError instanceof checks, the DI Container).
 */
const path = require('path');
const base = require('./jest.config');

const dir = process.env.CONNECTSAFELY_COMPAT_DIR;
if (!dir)
	throw new Error('jest.compat.config.js: set CONNECTSAFELY_COMPAT_DIR (scripts/compat.js does)');
const modules = path.join(path.resolve(dir), 'node_modules');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	setupFiles: ['<rootDir>/test/helpers/compat-setup.js'],
	moduleNameMapper: {
		'^(n8n-core|n8n-workflow|@n8n/di|@n8n/backend-common)(/.*)?$': `${modules}/$1$2`,
	},
};
