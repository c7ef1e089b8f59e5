import type { INodeProperties } from 'n8n-workflow';

import {
	alreadyHandled,
	optionsCollection,
	prepareResponse,
	responseFields,
	writeOptions,
	writeRouting,
	type Operation,
} from '../../shared';

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

export const operation: Operation = {
	option: {
		name: 'Accept',
		value: 'accept',
		action: 'Accept a received invitation',
		description: 'Accept an invitation someone sent to the account',
		routing: writeRouting(
			{ method: 'POST', url: '/invitations/received/respond', body: { action: 'ACCEPT' } },
			[prepareResponse],
			{
				label: 'Accept invitation',
				action: 'INVITATION_RESPOND',
				status: 'accepted',
				already: alreadyHandled,
			},
		),
	},
	fields: properties,
};
