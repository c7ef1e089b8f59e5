import {
	alreadyHandled,
	prepareResponse,
	responseFields,
	writeOptionsField,
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
	fields: [...responseFields, writeOptionsField],
};
