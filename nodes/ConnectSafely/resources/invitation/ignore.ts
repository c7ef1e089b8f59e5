import { updateDisplayOptions } from 'n8n-workflow';

import { responseFields } from '../../shared';

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['ignore'] } },
	responseFields,
);
