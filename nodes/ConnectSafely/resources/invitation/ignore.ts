import { writeOptionsField } from '../../shared/descriptions/fields';
import { invitationResponse } from './respond';

export const operation = invitationResponse({
	option: {
		name: 'Ignore',
		value: 'ignore',
		action: 'Ignore a received invitation',
		description: 'Decline an invitation without notifying the sender',
	},
	request: { method: 'POST', url: '/invitations/received/respond', body: { action: 'IGNORE' } },
	write: {
		label: 'Ignore invitation',
		action: 'INVITATION_RESPOND',
		status: 'ignored',
		verb: 'ignored',
	},
	options: writeOptionsField,
});
