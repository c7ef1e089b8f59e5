#!/usr/bin/env node
// `npm run schemas`: (re)writes the output schemas under nodes/<Node>/__schema__/ from real runs of every operation and
// trigger event (test/schemas.test.ts in write mode); the build copies them into dist/. Commit what changed: the same
// test, run by `npm test`, fails while a committed schema is stale.
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const result = spawnSync(
	process.execPath,
	[require.resolve('jest/bin/jest'), 'test/schemas.test.ts'],
	{
		cwd: path.join(__dirname, '..'),
		stdio: 'inherit',
		env: { ...process.env, CONNECTSAFELY_WRITE_SCHEMAS: '1' },
	},
);
const formatted =
	result.status === 0 &&
	spawnSync(
		require.resolve('prettier/bin/prettier.cjs'),
		['--write', 'nodes/*/__schema__/**/*.json', 'nodes/*/__schema__/*.json'],
		{
			cwd: path.join(__dirname, '..'),
			stdio: 'inherit',
		},
	).status === 0;
process.exitCode = formatted ? 0 : 1;
