import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { connectionDescription } from './resources/connection';
import { invitationDescription } from './resources/invitation';
import {
	accountIdField,
	applyAccount,
	guarded,
	NODE_DESCRIPTION,
	searchAccounts,
	subtitleOf,
} from './shared';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Connection', value: 'connection' },
		{ name: 'Invitation', value: 'invitation' },
	],
	default: 'invitation',
};

export class ConnectSafely implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ConnectSafely',
		name: 'connectSafely',
		icon: {
			light: 'file:../../icons/connectSafely.svg',
			dark: 'file:../../icons/connectSafely.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(resource, [...invitationDescription, ...connectionDescription]),
		description: NODE_DESCRIPTION,
		defaults: { name: 'ConnectSafely' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectSafelyApi', required: true }],
		requestDefaults: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json' },
			json: true,
			ignoreHttpStatusErrors: true,
		},
		properties: [
			resource,
			...invitationDescription,
			...connectionDescription,
			{ ...accountIdField, routing: { send: { preSend: [guarded(applyAccount)] } } },
		],
	};

	methods = { listSearch: { searchAccounts } };
}
