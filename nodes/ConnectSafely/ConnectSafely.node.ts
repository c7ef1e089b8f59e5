import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { accountResource } from './resources/account';
import { connectionResource } from './resources/connection';
import { conversationResource } from './resources/conversation';
import { invitationResource } from './resources/invitation';
import { groupResource } from './resources/group';
import { messageResource } from './resources/message';
import { postResource } from './resources/post';
import { profileResource } from './resources/profile';
import { searchLocations } from './resources/profile/search';
import { accountIdField, NODE_DESCRIPTION, searchAccounts } from './shared/descriptions/fields';
import { nodeProperties, subtitleOf } from './shared/descriptions/operations';

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Account', value: 'account' },
		{ name: 'Connection', value: 'connection' },
		{ name: 'Conversation', value: 'conversation' },
		{ name: 'Group', value: 'group' },
		{ name: 'Invitation', value: 'invitation' },
		{ name: 'Message', value: 'message' },
		{ name: 'Post', value: 'post' },
		{ name: 'Profile', value: 'profile' },
	],
	default: 'invitation',
};

const operationFields = nodeProperties([
	invitationResource,
	connectionResource,
	messageResource,
	conversationResource,
	profileResource,
	postResource,
	groupResource,
	accountResource,
]);

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
		subtitle: subtitleOf(resource, operationFields),
		description: NODE_DESCRIPTION,
		defaults: { name: 'ConnectSafely' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectSafelyOutreachApi', required: true }],
		// n8n runs a node with methods as declarative (and as an AI tool) only when it has requestDefaults; n8n 2.x
		// also checks the credential's allowed domains against this base URL. Requests go out in shared/request.
		requestDefaults: { baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}' },
		properties: [resource, ...operationFields, accountIdField],
	};

	methods = { listSearch: { searchAccounts, searchLocations } };
}
