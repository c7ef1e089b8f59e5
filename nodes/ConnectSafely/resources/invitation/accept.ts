import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, responseFields, writeOptions } from '../../shared';

const properties: INodeProperties[] = [
	...responseFields,
	optionsCollection([
		...writeOptions,
		{
				displayName: 'Allow Non-Connection Invitations',
				name: 'allowNonConnection',
				type: 'boolean',
				default: false,
				description:
					'Whether to also accept page, newsletter, event and follow invitations. Accepting those follows or subscribes the account and cannot be undone here.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['accept'] } },
	properties,
);
