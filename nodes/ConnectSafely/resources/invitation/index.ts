import type { INodeProperties } from 'n8n-workflow';

import { alreadyHandled, dropEmptyValues, pagedList, prepareResponse, writeOne, writeSteps } from '../../shared';
import * as accept from './accept';
import * as getReceived from './getReceived';
import * as getSent from './getSent';
import * as ignore from './ignore';
import * as withdraw from './withdraw';

const showOnlyForInvitations = { resource: ['invitation'] };

export const invitationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForInvitations },
		options: [
			{
				name: 'Accept',
				value: 'accept',
				action: 'Accept a received invitation',
				description: 'Accept an invitation someone sent to the account',
				routing: {
					request: {
						method: 'POST',
						url: '/invitations/received/respond',
						body: { action: 'ACCEPT' },
					},
					send: { preSend: writeSteps(dropEmptyValues, prepareResponse), paginate: true },
					operations: { pagination: writeOne({ label: 'Accept invitation', action: 'INVITATION_RESPOND', status: 'accepted', already: alreadyHandled }) },
				},
			},
			{
				name: 'Get Many Received',
				value: 'getReceived',
				action: 'Get many received invitations',
				description: 'List invitations other people sent to the account',
				routing: {
					request: { method: 'GET', url: '/invitations/received' },
					send: { paginate: true },
					operations: { pagination: pagedList(getReceived.list) },
				},
			},
			{
				name: 'Get Many Sent',
				value: 'getSent',
				action: 'Get many sent invitations',
				description: 'List pending connection invitations the account sent',
				routing: {
					request: { method: 'GET', url: '/invitations/sent' },
					send: { paginate: true },
					operations: { pagination: pagedList(getSent.list) },
				},
			},
			{
				name: 'Ignore',
				value: 'ignore',
				action: 'Ignore a received invitation',
				description: 'Decline an invitation without notifying the sender',
				routing: {
					request: {
						method: 'POST',
						url: '/invitations/received/respond',
						body: { action: 'IGNORE' },
					},
					send: { preSend: writeSteps(dropEmptyValues, prepareResponse), paginate: true },
					operations: { pagination: writeOne({ label: 'Ignore invitation', action: 'INVITATION_RESPOND', status: 'ignored', already: alreadyHandled }) },
				},
			},
			{
				name: 'Withdraw',
				value: 'withdraw',
				action: 'Withdraw a sent invitation',
				description: 'Take back a pending connection invitation the account sent',
				routing: {
					request: { method: 'POST', url: '/invitations/withdraw' },
					send: { preSend: writeSteps(dropEmptyValues, withdraw.prepareWithdraw), paginate: true },
					operations: { pagination: writeOne({ label: 'Withdraw invitation', action: 'WITHDRAW', status: 'withdrawn', already: alreadyHandled }) },
				},
			},
		],
		default: 'getReceived',
	},
	...getReceived.description,
	...getSent.description,
	...accept.description,
	...ignore.description,
	...withdraw.description,
];
