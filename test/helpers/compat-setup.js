// jest.compat.config.js: fail every test file at once if n8n's packages do not come from the pair under test.
const path = require('path');

const dir = path.resolve(process.env.CONNECTSAFELY_COMPAT_DIR);
const [core, workflow] = (process.env.CONNECTSAFELY_COMPAT_EXPECT ?? '').split(' ');
for (const [name, version] of [
	['n8n-core', core],
	['n8n-workflow', workflow],
]) {
	const found = require(`${name}/package.json`).version;
	const where = require.resolve(name);
	if ((version && found !== version) || !where.startsWith(dir + path.sep)) {
		throw new Error(
			`compat: ${name} ${found} resolved from ${where}, expected ${version ?? 'any version'} under ${dir}`,
		);
	}
}
