import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, responseFields, writeOptions } from '../../shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['ignore'] } },
	[...responseFields, optionsCollection(writeOptions)],
);
