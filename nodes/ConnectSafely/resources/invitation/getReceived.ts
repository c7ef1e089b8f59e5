import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listFields, listRouting, type ItemSelector, type Operation } from '../../shared';

export const INVITATION_CATEGORIES = [
	{ name: 'Connection', value: 'CONNECTION' },
	{ name: 'Event', value: 'EVENT' },
	{ name: 'Member Follow', value: 'MEMBER_FOLLOW' },
	{ name: 'Newsletter', value: 'NEWSLETTER' },
	{ name: 'Organization (Page)', value: 'ORGANIZATION' },
];

const properties: INodeProperties[] = [
	...listFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Categories',
				name: 'categories',
				type: 'multiOptions',
				options: INVITATION_CATEGORIES,
				default: [],
				description: 'Only return invitations of these kinds. Leave empty for all kinds.',
			},
		],
	},
];

const selectReceived: ItemSelector = function (items) {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const categories = (filters.categories as string[] | undefined) ?? [];
	if (categories.length === 0) return items;
	return items.filter((item) => categories.includes(String(item.json.invitationCategory)));
};

export const operation: Operation = {
	option: {
		name: 'Get Many Received',
		value: 'getReceived',
		action: 'Get many received invitations',
		description: 'List invitations other people sent to the account',
		routing: listRouting(
			{ method: 'GET', url: '/invitations/received' },
			{
				label: 'Get received invitations',
				listField: 'invitations',
				idOf: (entry) => String(entry.invitationId ?? entry.id ?? ''),
				select: selectReceived,
			},
		),
	},
	fields: properties,
};
