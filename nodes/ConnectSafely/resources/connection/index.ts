import type { INodeProperties } from 'n8n-workflow';

import { alreadyConnected, decideConnect, dropEmptyValues, prepareConnect, writeOne, writeSteps } from '../../shared';
import * as getStatus from './getStatus';
import * as sendRequest from './sendRequest';

const showOnlyForConnections = { resource: ['connection'] };

export const connectionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForConnections },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get connection status',
				description: 'Check whether the account is connected to a person or has an invitation pending',
				routing: {
					request: { method: 'GET', url: '/relationship' },
					send: { preSend: [getStatus.prepareGetStatus], paginate: true },
					operations: { pagination: getStatus.getStatus },
				},
			},
			{
				name: 'Send Request',
				value: 'sendRequest',
				action: 'Send a connection request',
				description: 'Invite a person to connect, optionally with a personal note',
				routing: {
					request: { method: 'POST', url: '/connect' },
					send: { preSend: writeSteps(dropEmptyValues, sendRequest.prepareSendRequest), paginate: true },
					operations: {
						pagination: writeOne({
							label: 'Send connection request',
							action: 'CONNECT',
							status: 'sent',
							prepare: prepareConnect,
							decide: decideConnect,
							already: alreadyConnected,
						}),
					},
				},
			},
		],
		default: 'sendRequest',
	},
	...getStatus.description,
	...sendRequest.description,
];
