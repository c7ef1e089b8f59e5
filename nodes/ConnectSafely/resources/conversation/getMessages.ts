import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { fromItem, listFields } from '../../shared/descriptions/fields';
import { listRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, textParameter } from '../../shared/errors/input';
import type { Paging } from '../../shared/request/pager';
import {
	isConversationUrn,
	participantPerson,
	threadPerson,
} from '../../shared/values/conversation';

/** One thread, newest first: `count` messages a page, `cursor` to older ones, `hasMore: false` at the end. */
export const threadPaging: Paging = {
	list: 'messages',
	pageSize: 50,
	scheme: { kind: 'cursor', cursor: 'cursor', next: 'cursor', size: 'count' },
};

export function threadPath(conversationUrn: string): string {
	return `/conversations/${encodeURIComponent(conversationUrn)}/messages`;
}

function conversationUrnOf(ctx: IExecuteSingleFunctions): string {
	const urn = textParameter(ctx, 'Conversation URN', ctx.getNodeParameter('conversationUrn', ''));
	if (isConversationUrn(urn)) return urn;
	throw inputError(
		ctx,
		urn === ''
			? '"Conversation URN" is empty'
			: `"Conversation URN" is not a conversation URN: ${JSON.stringify(urn.slice(0, 80))}`,
		'Map it to the conversationUrn of an item from Conversation → Get Many or the trigger’s New Message (urn:li:msg_conversation:…).',
	);
}

/**
 * A message as the node outputs it: its thread, the other person of the thread as person fields (on the account's
 * own messages too), then the message. Without that person (`other`), only their messages name them, as senders.
 */
export function messageItem(
	conversationUrn: string,
	entry: IDataObject,
	other?: IDataObject,
): IDataObject {
	const person =
		other ??
		(entry.isSentByOwner === false
			? participantPerson({ profileId: entry.senderProfileId, name: entry.senderName })
			: {});
	return { conversationUrn, ...person, ...entry };
}

const CONVERSATION_DESCRIPTION = `The thread to read. ${fromItem('a conversation from Get Many or a message from the trigger’s New Message')}`;

const conversationField: INodeProperties = {
	displayName: 'Conversation URN',
	name: 'conversationUrn',
	type: 'string',
	required: true,
	default: '={{ $json.conversationUrn }}',
	placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoA…,2-…)',
	description: CONVERSATION_DESCRIPTION,
};

export const operation: Operation = {
	option: {
		name: 'Get Messages',
		value: 'getMessages',
		action: 'Get messages of a conversation',
		description: 'List the messages of one thread, newest first',
		routing: listRouting(
			{ method: 'GET', url: '/conversations' },
			{
				label: 'Get messages',
				paging: threadPaging,
				idOf: (entry) => String(entry.messageUrn ?? ''),
				check: conversationUrnOf,
				prepare: (ctx, request) => ({ ...request, url: threadPath(conversationUrnOf(ctx)) }),
				select(ctx, entries, page) {
					const other = threadPerson(page, entries);
					return entries.map((entry) => messageItem(conversationUrnOf(ctx), entry, other));
				},
			},
		),
	},
	fields: [conversationField, ...listFields],
};
