// Skip If They Replied: in the item's turn, the thread with the person (asked with GET /conversations/exists, or the
// one the item names) is read, newest first, until a message from them turns up.
import type { IDataObject } from 'n8n-workflow';

import { withAccount } from '../../shared/request/operation';
import { timeOf } from '../../shared/values/conversation';
import type { ProfileRef } from '../../shared/values/profile';
import { isObject } from '../../shared/values/text';
import type { Job, WriteInput } from '../../shared/write/job';

/** Pages of a thread read at most (50 messages each) looking for their message. */
export const MAX_THREAD_PAGES = 10;

export interface Recipient extends WriteInput {
	profile?: ProfileRef;
	conversationUrn?: string;
}

async function threadOf(job: Job<Recipient>): Promise<string | undefined> {
	const { profile, conversationUrn } = job.input;
	if (conversationUrn !== undefined) return conversationUrn;
	if (profile === undefined) return undefined;
	const id = profile.kind === 'slug' ? profile.profileId : profile.profileUrn;
	const answer = await job.read(
		'Send message (reply check)',
		withAccount(
			{ method: 'GET', url: `/conversations/exists/${encodeURIComponent(id)}` },
			job.account,
		),
		'conversationExists',
	);
	const body = answer.body as IDataObject;
	return body.hasConversation === true && typeof body.conversationUrn === 'string'
		? body.conversationUrn
		: undefined;
}

function lastFromThem(messages: unknown[]): IDataObject | undefined {
	const theirs = messages.filter(isObject).filter((m) => m.isSentByOwner === false);
	theirs.sort((a, b) => (timeOf(b.sentAt) ?? 0) - (timeOf(a.sentAt) ?? 0));
	return theirs[0];
}

/** Skip details when the thread with the recipient holds a message from them; else nothing. */
export async function repliedSkip(job: Job<Recipient>): Promise<IDataObject | undefined> {
	const conversationUrn = await threadOf(job);
	if (conversationUrn === undefined) return undefined;
	const url = `/conversations/${encodeURIComponent(conversationUrn)}/messages`;
	const cursors = new Set<string>();
	let cursor: string | undefined;
	for (let page = 0; page < MAX_THREAD_PAGES; page++) {
		const answer = await job.read(
			'Send message (reply check)',
			withAccount({ method: 'GET', url, qs: cursor === undefined ? {} : { cursor } }, job.account),
			{ list: 'messages' },
		);
		const body = answer.body as IDataObject;
		const reply = lastFromThem(body.messages as unknown[]);
		if (reply !== undefined) {
			const { text, sentAt, messageUrn, senderName } = reply;
			return {
				reason: 'replied',
				conversationUrn,
				lastReply: { text, sentAt, messageUrn, senderName },
			};
		}
		cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
		if (body.hasMore !== true || cursor === undefined || cursors.has(cursor)) return undefined;
		cursors.add(cursor);
	}
	return undefined;
}
