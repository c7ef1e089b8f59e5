import { optionsCollection, writeOptions } from '../../shared/descriptions/fields';
import { invitationResponse } from './respond';

export const operation = invitationResponse({
	option: {
		name: 'Accept',
		value: 'accept',
		action: 'Accept a received invitation',
		description: 'Accept an invitation someone sent to the account',
	},
	request: { method: 'POST', url: '/invitations/received/respond', body: { action: 'ACCEPT' } },
	write: {
		label: 'Accept invitation',
		action: 'INVITATION_RESPOND',
		status: 'accepted',
		verb: 'accepted',
	},
	options: optionsCollection([
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
});
