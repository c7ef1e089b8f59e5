// n8n's official community-node configuration: what `n8n-node lint` and n8n's verification scanner apply.
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'dev/**', '*.js', '*.mjs'] },
	...config,
];
