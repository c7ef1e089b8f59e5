import { invitationResponse, writeOptionsField } from '../../shared';

export const operation = invitationResponse({
	option: {
		name: 'Ignore',
		value: 'ignore',
		action: 'Ignore a received invitation',
		description: 'Decline an invitation without notifying the sender',
	},
	respond: 'IGNORE',
	label: 'Ignore invitation',
	status: 'ignored',
	options: writeOptionsField,
});
