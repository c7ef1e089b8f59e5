// Conversation → Get Many and Get Messages: the inbox newest first and one thread, paged by cursor to the end (and
// ended by what they see when the API repeats a cursor), each item carrying the other person so it chains on.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeConnection } from '../dev/fake-api';
import { connectionFields } from './helpers/expected';
import { json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const getMany = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'conversation',
	operation: 'getMany',
	...extra,
});
const getMessages = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'conversation',
	operation: 'getMessages',
	...extra,
});
const inboxReads = () => f.api.requests.filter((r) => r.path === '/conversations');
const friend = (i: number) => makeConnection(i).vanityName;
const outline = (items: INodeExecutionData[]) =>
	items.map(
		(i) =>
			`${(i.pairedItem as { item: number }).item} ${i.json.error !== undefined ? `error ${String(i.json.error)}` : String(i.json.messageUrn ?? i.json.conversationUrn)}`,
	);

/** `n` more threads, one message each from the person, newest last. */
function threads(n: number) {
	return Array.from({ length: n }, (_, i) =>
		f.api.addConversation(friend(i % 12), [{ text: `message ${i}` }]),
	);
}

describe('Get Many: the inbox, newest first', () => {
	test('each thread with the other person as the fields every list uses', async () => {
		const thread = f.api.addConversation(friend(0), [{ text: 'Are you free Tuesday?' }]);
		const { items } = await f.run(getMany({ limit: 1 }));
		const person = f.api.findProfile(friend(0))!;
		expect(json(items)).toEqual([
			{
				...connectionFields(person),
				conversationUrn: thread.conversationUrn,
				conversationId: thread.conversationId,
				lastActivityAt: new Date(thread.messages[0].sentAt).toISOString(),
				unreadCount: 1,
				participants: [expect.objectContaining({ profileId: person.memberId })],
				latestMessage: {
					text: 'Are you free Tuesday?',
					sentAt: thread.messages[0].sentAt,
					senderName: `${person.firstName} ${person.lastName}`,
					hasAttachment: false,
				},
			},
		]);
		expect(inboxReads().map((r) => r.query)).toEqual([{ count: '1' }]);
	});

	test('Return All follows the cursor to the end; Limit asks only for what it needs', async () => {
		threads(42); // 12 distinct people, plus the 3 seeded threads: 15 threads
		const all = await f.run(getMany({ returnAll: true }));
		expect(all.items).toHaveLength(15);
		const times = json(all.items).map((i) => Date.parse(String(i.lastActivityAt)));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(inboxReads().map((r) => [r.query.count, r.query.nextCursor === undefined])).toEqual([
			['20', true],
		]);
		f.api.clearRequests();
		const few = await f.run(getMany({ limit: 3 }));
		expect(few.items).toHaveLength(3);
		expect(inboxReads().map((r) => r.query)).toEqual([{ count: '3' }]);
	});

	test('paging across pages: 45 threads in pages of 20, 20, 5', async () => {
		const extra = Array.from({ length: 42 }, (_, i) => makeConnection(100 + i));
		for (const connection of extra) f.api.addConnection(connection);
		for (const connection of extra)
			f.api.addConversation(connection.vanityName, [{ text: 'hello' }]);
		const { items } = await f.run(getMany({ returnAll: true }));
		expect(items).toHaveLength(45);
		expect(new Set(json(items).map((i) => i.conversationUrn)).size).toBe(45);
		const reads = inboxReads();
		expect(reads.map((r) => r.query.count)).toEqual(['20', '20', '20']);
		expect(reads[0].query.nextCursor).toBeUndefined();
		expect(reads[2].query.nextCursor).not.toBe(reads[1].query.nextCursor);
	});

	test('a cursor that repeats ends the list with what was read', async () => {
		const extra = Array.from({ length: 30 }, (_, i) => makeConnection(200 + i));
		for (const connection of extra) f.api.addConnection(connection);
		for (const connection of extra) f.api.addConversation(connection.vanityName, [{ text: 'x' }]);
		f.api.repeatInboxCursor();
		const { items, error } = await f.run(getMany({ returnAll: true }));
		expect(error).toBeUndefined();
		// Page 1 (20 threads), page 2 answers with the cursor it was asked with: the walk ends there.
		expect(items).toHaveLength(33);
		expect(inboxReads()).toHaveLength(2);
	});

	test('Filters → Unread Only', async () => {
		f.api.addConversation(friend(0), [{ text: 'new' }]);
		f.api.addConversation(friend(1), [{ text: 'mine', fromOwner: true }]);
		const { items } = await f.run(getMany({ returnAll: true, filters: { unreadOnly: true } }));
		expect(json(items).map((i) => i.profileId)).toEqual([
			friend(0),
			f.api.conversations()[2].person.slug,
		]);
		expect(json(items).every((i) => (i.unreadCount as number) > 0)).toBe(true);
	});
});

describe('Get Messages: one thread from the incoming item', () => {
	test('Get Many → Get Messages: each message with its thread and the other person, the account’s own too', async () => {
		const thread = f.api.addConversation(friend(0), [
			{ text: 'Hi Sarah', fromOwner: false },
			{ text: 'Hi! How can I help?', fromOwner: true },
		]);
		const inbox = await f.run(getMany({ limit: 1 }));
		f.api.clearRequests();
		const { items } = await f.run(getMessages(), inbox.items);
		const [theirs, ours] = thread.messages;
		const person = connectionFields(f.api.findProfile(friend(0))!);
		expect(json(items)).toEqual([
			{ conversationUrn: thread.conversationUrn, ...person, ...ours },
			{ conversationUrn: thread.conversationUrn, ...person, ...theirs },
		]);
		// The sender stays visible beside the person: the account on its own message.
		expect(json(items)[0]).toMatchObject({ isSentByOwner: true, senderName: ours.senderName });
		expect(ours.senderName).not.toBe(person.name);
		expect(f.api.requests.map((r) => [r.path, r.query])).toEqual([
			[`/conversations/${thread.conversationUrn}/messages`, { count: '50' }],
		]);
	});

	const participantCases: Array<[string, (account: IDataObject, person: IDataObject) => unknown]> =
		[
			['no participants', () => undefined],
			['an empty participants list', () => []],
			[
				'two other participants',
				(_account, person) => [person, { ...person, profileId: 'ACoAother' }],
			],
		];
	test.each(participantCases)(
		'a thread answer with %s: their messages name the sender, the account’s own no one (nothing invented)',
		async (_case, participantsOf) => {
			const thread = f.api.addConversation(friend(0), [
				{ text: 'Hi Sarah', fromOwner: false },
				{ text: 'Hi! How can I help?', fromOwner: true },
			]);
			const [theirs, ours] = thread.messages;
			const person = f.api.findProfile(friend(0))!;
			const participants = participantsOf(
				{ profileId: ours.senderProfileId, name: ours.senderName },
				{ profileId: person.memberId, name: theirs.senderName, distance: 'DISTANCE_1' },
			);
			f.api.fault({
				path: /\/messages$/,
				status: 200,
				body: () => ({
					success: true,
					messages: [ours, theirs],
					...(participants === undefined ? {} : { participants }),
					hasMore: false,
					cursor: null,
				}),
			});
			const { items } = await f.run(getMessages({ conversationUrn: thread.conversationUrn }));
			expect(json(items)).toEqual([
				{ conversationUrn: thread.conversationUrn, ...ours },
				{
					conversationUrn: thread.conversationUrn,
					// The one person shape; a message names only the sender's member ID and name.
					profileId: null,
					profileUrn: person.memberUrn,
					name: `${person.firstName} ${person.lastName}`,
					firstName: person.firstName,
					lastName: person.lastName,
					headline: null,
					profileUrl: null,
					connectionDegree: null,
					...theirs,
				},
			]);
		},
	);

	test('a thread answer listing the account beside the person: the person, not the account', async () => {
		const thread = f.api.addConversation(friend(0), [{ text: 'Hi!', fromOwner: true }]);
		const [ours] = thread.messages;
		const person = f.api.findProfile(friend(0))!;
		f.api.fault({
			path: /\/messages$/,
			status: 200,
			body: () => ({
				success: true,
				messages: [ours],
				participants: [
					{ profileId: ours.senderProfileId, name: ours.senderName },
					{
						profileId: person.memberId,
						name: `${person.firstName} ${person.lastName}`,
						headline: person.headline,
						profileUrl: person.profileUrl,
						distance: 'DISTANCE_1',
					},
				],
				hasMore: false,
				cursor: null,
			}),
		});
		const { items } = await f.run(getMessages({ conversationUrn: thread.conversationUrn }));
		expect(json(items)).toEqual([
			{ conversationUrn: thread.conversationUrn, ...connectionFields(person), ...ours },
		]);
	});

	test('Get Messages → Message → Send, no field edited: the newest message (the account’s own) reaches the person of the thread', async () => {
		const thread = f.api.addConversation(friend(4), [
			{ text: 'Great meeting you!', fromOwner: false },
			{ text: 'Likewise, talk soon.', fromOwner: true },
		]);
		const other = f.api.addConversation(friend(5), [{ text: 'Hello', fromOwner: false }]);
		const read = await f.run(getMessages({ conversationUrn: thread.conversationUrn, limit: 1 }));
		expect(json(read.items).map((i) => i.isSentByOwner)).toEqual([true]);
		f.api.clearRequests();
		const { items, error } = await f.run(
			{ resource: 'message', operation: 'send', text: '=Hi {{ $json.firstName }}, following up.' },
			read.items,
		);
		expect(error).toBeUndefined();
		const person = f.api.findProfile(friend(4))!;
		const sent = `Hi ${person.firstName}, following up.`;
		expect(f.api.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
			['/conversations/send', { conversationUrn: thread.conversationUrn, message: sent }],
		]);
		expect(thread.messages.at(-1)).toMatchObject({ text: sent, isSentByOwner: true });
		expect(other.messages).toHaveLength(1);
		expect(json(items)).toEqual([
			expect.objectContaining({ status: 'sent', profileUrn: person.memberUrn }),
		]);
	});

	test('a long thread is read by cursor to its end; Limit stops early', async () => {
		const thread = f.api.addConversation(
			friend(0),
			Array.from({ length: 120 }, (_, i) => ({ text: `m${i}`, fromOwner: i % 2 === 0 })),
		);
		const all = await f.run(
			getMessages({ conversationUrn: thread.conversationUrn, returnAll: true }),
		);
		expect(json(all.items).map((i) => i.text)).toEqual(
			thread.messages.map((m) => m.text).reverse(),
		);
		expect(f.api.requests.map((r) => r.query.cursor === undefined)).toEqual([true, false, false]);
		f.api.clearRequests();
		const some = await f.run(getMessages({ conversationUrn: thread.conversationUrn, limit: 60 }));
		expect(some.items).toHaveLength(60);
		expect(f.api.requests.map((r) => r.query.count)).toEqual(['50', '10']);
	});

	const three = () => f.api.conversations().map((t) => ({ c: t.conversationUrn }));
	const parameters = getMessages({ conversationUrn: '={{ $json.c }}', limit: 1 });

	test.each([0, 1, 2])('a conversation URN that is not one at item %i', async (at) => {
		const input: IDataObject[] = three().map((item, i) => (i === at ? { c: 'thread-1' } : item));
		const stop = await f.run(parameters, input);
		expect(stop.error?.message).toBe('"Conversation URN" is not a conversation URN: "thread-1"');
		f.api.clearRequests();
		const goOn = await f.run(parameters, input, { continueOnFail: true });
		expect(outline(goOn.items)).toEqual(
			[0, 1, 2].map((i) =>
				i === at
					? `${i} error "Conversation URN" is not a conversation URN: "thread-1"`
					: `${i} ${f.api.conversations()[i].messages.at(-1)!.messageUrn}`,
			),
		);
		expect(f.api.requests).toHaveLength(2);
	});

	test('an unknown thread: the API’s 404, naming it', async () => {
		const urn = 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAnothing,2-none)';
		const { error } = await f.run(getMessages({ conversationUrn: urn }));
		expect(error?.message).toBe(
			`Get messages failed: ConnectSafely could not find what the request refers to (404): Conversation not found: ${urn}`,
		);
	});
});
