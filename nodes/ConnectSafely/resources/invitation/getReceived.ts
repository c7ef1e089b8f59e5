import { invitationList } from '../../shared';

export const INVITATION_CATEGORIES = [
	{ name: 'Connection', value: 'CONNECTION' },
	{ name: 'Event', value: 'EVENT' },
	{ name: 'Member Follow', value: 'MEMBER_FOLLOW' },
	{ name: 'Newsletter', value: 'NEWSLETTER' },
	{ name: 'Organization (Page)', value: 'ORGANIZATION' },
];

export const operation = invitationList({
	option: {
		name: 'Get Many Received',
		value: 'getReceived',
		action: 'Get many received invitations',
		description: 'List invitations other people sent to the account',
	},
	request: { method: 'GET', url: '/invitations/received' },
	label: 'Get received invitations',
	filter: {
		displayName: 'Categories',
		name: 'categories',
		type: 'multiOptions',
		options: INVITATION_CATEGORIES,
		default: [],
		description: 'Only return invitations of these kinds. Leave empty for all kinds.',
	},
	select(items, categories) {
		const wanted = (categories as string[] | undefined) ?? [];
		if (wanted.length === 0) return items;
		return items.filter((item) => wanted.includes(String(item.json.invitationCategory)));
	},
});
