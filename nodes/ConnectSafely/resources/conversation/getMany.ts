import type { IDataObject } from 'n8n-workflow';

import { listFieldsWith, listRouting, type Operation } from '../../shared/descriptions/operations';
import type { Paging } from '../../shared/request/pager';
import { otherParticipant } from '../../shared/values/conversation';

/** The inbox, newest first: `count` threads a page, `nextCursor` to go on, `hasMore: false` at the end. */
export const inboxPaging: Paging = {
	list: 'conversations',
	pageSize: 20,
	scheme: { kind: 'cursor', cursor: 'nextCursor', next: 'nextCursor', size: 'count' },
};

/** A thread as the node outputs it: the other participant's person fields, then the thread's own. */
export function conversationItem(entry: IDataObject): IDataObject {
	return { ...otherParticipant(entry), ...entry };
}

export const operation: Operation = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many conversations',
		description: 'List the inbox, newest activity first, with the other person of each thread',
		routing: listRouting(
			{ method: 'GET', url: '/conversations' },
			{
				label: 'Get conversations',
				paging: inboxPaging,
				idOf: (entry) => String(entry.conversationUrn ?? ''),
				select(ctx, entries) {
					const { unreadOnly } = ctx.getNodeParameter('filters', {}) as IDataObject;
					const kept =
						unreadOnly === true
							? entries.filter(
									(entry) => typeof entry.unreadCount === 'number' && entry.unreadCount > 0,
								)
							: entries;
					return kept.map(conversationItem);
				},
			},
		),
	},
	fields: listFieldsWith([
		{
			displayName: 'Unread Only',
			name: 'unreadOnly',
			type: 'boolean',
			default: true,
			description: 'Whether to return only threads with unread messages',
		},
	]),
};
