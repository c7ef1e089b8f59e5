/** Benchmarks (`npm run bench`): test/bench/*.bench.ts, never part of the normal test run. */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test/bench'],
	testMatch: ['**/*.bench.ts'],
	testTimeout: 15 * 60 * 1000,
};
