// New Message: the inbox read newest first down to what the last poll saw, each changed thread read from when it
// was last active, and every message received (not sent by the account) emitted once. Reads only, paced like all.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inboxPaging } from '../ConnectSafely/resources/conversation/getMany';
import { threadPath, threadPaging } from '../ConnectSafely/resources/conversation/getMessages';
import type { Call } from '../ConnectSafely/shared/request/api';
import { oversizeError, walk, type Paging } from '../ConnectSafely/shared/request/pager';
import type { ApiRequest } from '../ConnectSafely/shared/request/transport';
import { otherParticipant, timeOf } from '../ConnectSafely/shared/values/conversation';
import {
	changedThreads,
	inboxGoesOn,
	newMessages,
	nextInboxState,
	readInboxState,
	type InboxMessage,
	type InboxState,
	type ThreadActivity,
} from './messageState';

/** Pages one poll reads at most, of the inbox and of each thread. */
export const MAX_INBOX_PAGES = 10;
/** Threads "Fetch Test Event" looks into for a received message. */
const TEST_THREADS = 5;

const running = new Set<string>();

/** Runs one poll per id at a time: a poll still running (a slow API) owns the state, a second one would emit twice. */
export async function exclusive<T>(id: string, poll: () => Promise<T>): Promise<T | null> {
	if (running.has(id)) return null;
	running.add(id);
	try {
		return await poll();
	} finally {
		running.delete(id);
	}
}

function reader(ctx: IPollFunctions, accountId: string) {
	const call: Call = {
		label: 'Checking for new messages',
		write: false,
		shape: 'account',
		kind: 'read',
		account: accountId,
	};
	const qs = accountId !== '' ? { accountId } : {};
	return async (
		request: ApiRequest,
		paging: Paging,
		goOn: (entries: IDataObject[]) => boolean,
	): Promise<IDataObject[]> => {
		const read: IDataObject[] = [];
		let pages = 0;
		const walked = await walk(
			ctx,
			{ ...request, qs: { ...qs, ...request.qs } },
			paging,
			{ ...call, shape: { list: paging.list } },
			{
				idOf: (entry) => String(entry.conversationUrn ?? entry.messageUrn ?? ''),
				want: Infinity,
				onPage({ fresh }) {
					read.push(...fresh);
					return ++pages < MAX_INBOX_PAGES && goOn(fresh) ? Infinity : 0;
				},
			},
		);
		if (walked.ended === 'oversize' && read.length === 0)
			throw oversizeError(ctx.getNode(), call.label, walked, {
				then: 'The next poll tries again.',
			});
		return read;
	};
}

const activity = (entry: IDataObject): ThreadActivity => ({
	urn: String(entry.conversationUrn ?? ''),
	at: timeOf(entry.lastActivityAt) ?? 0,
});

const inboxMessage = (entry: IDataObject): InboxMessage => ({
	urn: String(entry.messageUrn ?? ''),
	at: timeOf(entry.sentAt) ?? 0,
	fromOwner: entry.isSentByOwner !== false,
});

function output(thread: IDataObject, message: IDataObject): IDataObject {
	return { ...otherParticipant(thread), conversationUrn: thread.conversationUrn, ...message };
}

/** One poll: reads, then (only if every read succeeded) the state and the new messages, oldest first. */
export async function pollInbox(
	ctx: IPollFunctions,
	stored: unknown,
	key: string,
	accountId: string,
): Promise<{ state: InboxState; items: INodeExecutionData[] }> {
	const previous = readInboxState(stored, key);
	const read = reader(ctx, accountId);
	const threads = (
		await read({ method: 'GET', url: '/conversations' }, inboxPaging, (page) =>
			inboxGoesOn(previous, page.map(activity)),
		)
	).filter((entry) => activity(entry).urn !== '');
	const found: Array<{ thread: IDataObject; message: IDataObject; parsed: InboxMessage }> = [];
	for (const thread of previous ? threads : []) {
		const { urn } = activity(thread);
		if (changedThreads(previous, [activity(thread)]).length === 0) continue;
		const since = previous!.threads[urn] ?? previous!.watermark;
		const messages = await read(
			{ method: 'GET', url: threadPath(urn), qs: { since } },
			threadPaging,
			() => true,
		);
		const fresh = new Set(
			newMessages(previous!, urn, messages.map(inboxMessage)).map((m) => m.urn),
		);
		for (const message of messages)
			if (fresh.has(String(message.messageUrn)))
				found.push({ thread, message, parsed: inboxMessage(message) });
	}
	found.sort((a, b) => a.parsed.at - b.parsed.at);
	return {
		state: nextInboxState(
			previous,
			key,
			threads.map(activity),
			found.map((f) => f.parsed),
		),
		items: found.map(({ thread, message }) => ({ json: output(thread, message) })),
	};
}

/** "Fetch Test Event": the newest message someone sent the account, without touching the saved state. */
export async function newestReceived(
	ctx: IPollFunctions,
	accountId: string,
): Promise<INodeExecutionData[][]> {
	const read = reader(ctx, accountId);
	const threads = await read({ method: 'GET', url: '/conversations' }, inboxPaging, () => false);
	for (const thread of threads.slice(0, TEST_THREADS)) {
		const urn = String(thread.conversationUrn ?? '');
		const messages = await read({ method: 'GET', url: threadPath(urn) }, threadPaging, () => false);
		const received = messages.find((message) => message.isSentByOwner === false);
		if (received !== undefined) return [[{ json: output(thread, received) }]];
	}
	throw new NodeOperationError(
		ctx.getNode(),
		'There is no received message in the newest threads yet',
		{
			description: `The test event is the newest message someone sent the LinkedIn account (in its ${TEST_THREADS} most recent threads), and there is none. Once the workflow is active, the trigger fires for every new message received.`,
		},
	);
}
