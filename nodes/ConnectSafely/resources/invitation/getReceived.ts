import type { IDataObject } from 'n8n-workflow';

import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';

export const INVITATION_CATEGORIES = [
	{ name: 'Connection', value: 'CONNECTION' },
	{ name: 'Event', value: 'EVENT' },
	{ name: 'Member Follow', value: 'MEMBER_FOLLOW' },
	{ name: 'Newsletter', value: 'NEWSLETTER' },
	{ name: 'Organization (Page)', value: 'ORGANIZATION' },
];

/** Invitations are told apart by their ID. */
export const invitationId = (entry: IDataObject): string =>
	String(entry.invitationId ?? entry.id ?? '');

/** 10 invitations a page, from `startIndex`. */
export const paging: Paging = {
	list: 'invitations',
	pageSize: 10,
	scheme: { kind: 'fixedPage', offset: 'startIndex' },
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
				paging,
				idOf: invitationId,
				select(ctx, entries) {
					const { categories } = ctx.getNodeParameter('filters', {}) as IDataObject;
					const wanted = (categories as string[] | undefined) ?? [];
					if (wanted.length === 0) return entries;
					return entries.filter((entry) => wanted.includes(String(entry.invitationCategory)));
				},
			},
		),
	},
	fields: listFieldsWith([
		{
			displayName: 'Categories',
			name: 'categories',
			type: 'multiOptions',
			options: INVITATION_CATEGORIES,
			default: [],
			description: 'Only return invitations of these kinds. Leave empty for all kinds.',
		},
	]),
};
