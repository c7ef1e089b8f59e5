import { updateDisplayOptions } from 'n8n-workflow';

import {
	alreadyHandled,
	optionsCollection,
	prepareResponse,
	responseFields,
	writeOptions,
	writeRouting,
	type Operation,
} from '../../shared';

export const operation: Operation = {
	option: {
		name: 'Ignore',
		value: 'ignore',
		action: 'Ignore a received invitation',
		description: 'Decline an invitation without notifying the sender',
		routing: writeRouting(
			{ method: 'POST', url: '/invitations/received/respond', body: { action: 'IGNORE' } },
			[prepareResponse],
			{
				label: 'Ignore invitation',
				action: 'INVITATION_RESPOND',
				status: 'ignored',
				already: alreadyHandled,
			},
		),
	},
	fields: updateDisplayOptions({ show: { resource: ['invitation'], operation: ['ignore'] } }, [
		...responseFields,
		optionsCollection(writeOptions),
	]),
};
