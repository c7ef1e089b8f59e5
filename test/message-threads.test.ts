// Message → Send into threads: replies go into the thread the item names and are never held by the quota of new
// conversations; Skip If They Replied reads the thread first; a failed send frees the person for a later item; each
// kind of message takes the endpoint the contract documents for it.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeConnection, makeProfile } from '../dev/fake-api';
import { json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const send = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	profile: '={{ $json.p }}',
	text: 'Just checking in',
	...extra,
});
const sends = () =>
	f.api.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/send');
const outline = (items: INodeExecutionData[]) =>
	items.map(
		(i) =>
			`${(i.pairedItem as { item: number }).item} ${i.json.error !== undefined ? `error ${String(i.json.error)}` : `${String(i.json.status)}${i.json.reason ? `:${String(i.json.reason)}` : ''}`}`,
	);
const friend = (i: number) => makeConnection(i).vanityName;

describe('replies go into the thread and are never held by the new-conversation quota', () => {
	test('the quota of new conversations reaching 0 mid-run: cold sends stop, replies still go', async () => {
		const threads = [5, 6].map((i) =>
			f.api.addConversation(friend(i), [{ text: 'Hi!', fromOwner: true }]),
		);
		f.api.setConversationUsed(149);
		const input = [
			{ p: friend(0) },
			{ p: friend(1) },
			{ conversationUrn: threads[0].conversationUrn },
			{ p: friend(2) },
			{ conversationUrn: threads[1].conversationUrn },
		];
		const { items } = await f.run(send({ options: { onQuotaExhausted: 'skipRemaining' } }), input);
		expect(outline(items)).toEqual([
			'0 sent',
			'1 skipped:quota',
			'2 sent',
			'3 skipped:quota',
			'4 sent',
		]);
		expect(sends().map((r) => r.body)).toEqual([
			{ recipientProfileId: friend(0), message: 'Just checking in' },
			{ conversationUrn: threads[0].conversationUrn, message: 'Just checking in' },
			{ conversationUrn: threads[1].conversationUrn, message: 'Just checking in' },
		]);
		expect(items[1].json.resumeAfter).toMatch(/T00:00:00/);
		for (const thread of threads)
			expect(thread.messages.map((m) => m.text)).toEqual(['Hi!', 'Just checking in']);
	});

	test('a reply reporting the quota spent (fail): the cold send after it stops before any request', async () => {
		const thread = f.api.addConversation(friend(5), [{ text: 'Hi!' }]);
		f.api.setConversationUsed(150);
		const { error } = await f.run(send(), [
			{ conversationUrn: thread.conversationUrn },
			{ p: friend(0) },
			{ conversationUrn: thread.conversationUrn, p: friend(5) },
		]);
		expect(error?.message).toMatch(
			/^Not sent: the NEW_CONVERSATION quota is used up \(150\/150\); it resets at \d{4}-\d\d-\d\dT00:00:00Z$/,
		);
		expect(sends().map((r) => r.body)).toEqual([
			{ conversationUrn: thread.conversationUrn, message: 'Just checking in' },
		]);
	});

	test('a cold send over quota that nothing announced gets the 429, never retried; replies go on (Continue)', async () => {
		const thread = f.api.addConversation(friend(5), [{ text: 'Hi!' }]);
		f.api.setConversationUsed(150);
		// The quota read-out would stop it before any POST: here it is unavailable, so the 429 decides.
		f.api.fault({
			path: /\/quota$/,
			status: 500,
			body: { success: false, code: 'internal_error', message: 'Down' },
		});
		const { items } = await f.run(
			send(),
			[{ p: friend(0) }, { conversationUrn: thread.conversationUrn }],
			{
				continueOnFail: true,
			},
		);
		expect(outline(items)).toEqual([
			expect.stringMatching(
				/^0 error Send message failed: the rate limit for NEW_CONVERSATION was reached \(429\)/,
			),
			'1 sent',
		]);
		expect(sends()).toHaveLength(2);
	});

	test('a reply to a thread from the inbox carries the person, and the thread holds the message', async () => {
		const thread = f.api.addConversation(friend(3), [{ text: 'Can you send the deck?' }]);
		const inbox = await f.run({ resource: 'conversation', operation: 'getMany', limit: 1 });
		f.api.clearRequests();
		const { items } = await f.run(send({ profile: undefined, text: 'Here it is' }), inbox.items);
		const person = f.api.findProfile(friend(3))!;
		expect(sends().map((r) => r.body)).toEqual([
			{ conversationUrn: thread.conversationUrn, message: 'Here it is' },
		]);
		expect(json(items)[0]).toMatchObject({
			status: 'sent',
			profileUrn: person.memberUrn,
			conversationUrn: thread.conversationUrn,
		});
		expect(thread.messages.map((m) => [m.text, m.isSentByOwner])).toEqual([
			['Can you send the deck?', false],
			['Here it is', true],
		]);
	});
});

describe('Skip If They Replied', () => {
	const parameters = send({ options: { skipIfReplied: true } });

	test('a thread holding their message: skipped as replied, with the thread and their last message; nothing sent', async () => {
		const thread = f.api.addConversation(friend(0), [
			{ text: 'Thanks for connecting!', fromOwner: true },
			{ text: 'Sure, let’s talk next week' },
			{ text: 'Following up', fromOwner: true },
		]);
		f.api.addConversation(friend(1), [{ text: 'Thanks for connecting!', fromOwner: true }]);
		const { items } = await f.run(parameters, [
			{ p: friend(0) },
			{ p: friend(1) },
			{ p: friend(2) },
		]);
		expect(outline(items)).toEqual(['0 skipped:replied', '1 sent', '2 sent']);
		const theirs = thread.messages[1];
		expect(json(items)[0]).toEqual({
			status: 'skipped',
			reason: 'replied',
			conversationUrn: thread.conversationUrn,
			lastReply: {
				text: 'Sure, let’s talk next week',
				sentAt: theirs.sentAt,
				messageUrn: theirs.messageUrn,
				senderName: theirs.senderName,
			},
			profileId: friend(0),
		});
		expect(sends().map((r) => r.body.recipientProfileId)).toEqual([friend(1), friend(2)]);
		// Reads in each item's turn: exists, then the thread when there is one.
		expect(
			f.api.requests.map(
				(r) => `${r.method} ${r.path.replace(/urn:li:msg_conversation:.*\//, 'urn/')}`,
			),
		).toEqual([
			`GET /conversations/exists/${friend(0)}`,
			'GET /conversations/urn/messages',
			`GET /conversations/exists/${friend(1)}`,
			'GET /conversations/urn/messages',
			'POST /conversations/send',
			`GET /conversations/exists/${friend(2)}`,
			'POST /conversations/send',
		]);
	});

	test('their message older than a long page of ours is found on a later page', async () => {
		const ours = Array.from({ length: 60 }, (_, i) => ({ text: `ping ${i}`, fromOwner: true }));
		f.api.addConversation(friend(4), [{ text: 'Hello from me' }, ...ours]);
		const { items } = await f.run(parameters, [{ p: friend(4) }]);
		expect(json(items)[0]).toMatchObject({
			reason: 'replied',
			lastReply: { text: 'Hello from me' },
		});
		const reads = f.api.requests.filter((r) => r.path.endsWith('/messages'));
		expect(reads.map((r) => r.query.cursor === undefined)).toEqual([true, false]);
		expect(sends()).toEqual([]);
	});

	test('a member URN is asked as is, and a reply arriving between runs stops the next follow-up', async () => {
		const urn = f.api.findProfile(friend(7))!.memberUrn;
		const first = await f.run(parameters, [{ p: urn }]);
		expect(outline(first.items)).toEqual(['0 sent']);
		expect(f.api.requests[0].path).toBe(`/conversations/exists/${urn}`);
		f.api.replyArrives(friend(7), 'Not interested, thanks');
		const second = await f.run(parameters, [{ p: urn }]);
		expect(json(second.items)[0]).toMatchObject({
			reason: 'replied',
			lastReply: { text: 'Not interested, thanks' },
		});
		expect(sends()).toHaveLength(1);
	});
});

describe('a claim settles on the outcome', () => {
	test('the first send to someone fails (500): a later item for the same person is still sent', async () => {
		f.api.fault({
			method: 'POST',
			path: '/conversations/send',
			status: 500,
			body: { success: false, error: 'Internal error' },
		});
		const { items } = await f.run(send(), [{ p: friend(0) }, { p: friend(0) }, { p: friend(0) }], {
			continueOnFail: true,
		});
		expect(outline(items)).toEqual([
			'0 error Send message failed: ConnectSafely had a server error (500): Internal error',
			'1 sent',
			'2 skipped:duplicate',
		]);
		expect(sends()).toHaveLength(2);
	});

	test('an unknown outcome (502) keeps the person: no second message', async () => {
		f.api.fault({ method: 'POST', path: '/conversations/send', status: 502, body: 'Bad gateway' });
		const { items } = await f.run(send(), [{ p: friend(0) }, { p: friend(0) }], {
			continueOnFail: true,
		});
		expect(outline(items).map((line) => line.replace(/ error .*/, ' error'))).toEqual([
			'0 error',
			'1 skipped:duplicate',
		]);
		expect(sends()).toHaveLength(1);
	});
});

describe('each kind of message takes its documented endpoint', () => {
	test('a group message: /messaging/send-group for a member URN, /message for a vanity name', async () => {
		const stranger = makeProfile(6);
		const urn = f.api.findProfile(stranger.slug)!.memberUrn;
		const { items } = await f.run(send({ options: { groupId: '4242' } }), [
			{ p: urn },
			{ p: stranger.slug },
		]);
		expect(outline(items)).toEqual(['0 sent', '1 sent']);
		expect(f.api.requests.map((r) => [r.path, r.body])).toEqual([
			[
				'/messaging/send-group',
				{ recipientProfileUrn: urn, groupId: '4242', message: 'Just checking in' },
			],
			[
				'/message',
				{
					recipientProfileId: stranger.slug,
					message: 'Just checking in',
					messageType: 'normal',
					groupId: '4242',
				},
			],
		]);
	});
});

describe('bad input is refused before any request: first, middle and last item', () => {
	const thread = (i: number) => f.api.conversations()[i].conversationUrn;
	const parameters = send({ conversationUrn: '={{ $json.c }}' });

	test.each([0, 1, 2])('a conversation URN that is not one at item %i', async (at) => {
		const input = [0, 1, 2].map((i) =>
			i === at ? { c: 'urn:li:fsd_profile:ACoAxyz' } : { c: thread(i) },
		);
		const stop = await f.run(parameters, input);
		expect(stop.error?.message).toBe(
			'"Conversation URN" is not a conversation URN: "urn:li:fsd_profile:ACoAxyz"',
		);
		expect(stop.error?.description).toMatch(
			/conversationUrn of an item from Conversation → Get Many/,
		);
		expect(sends()).toHaveLength(at);
		f.api.clearRequests();
		const goOn = await f.run(parameters, input, { continueOnFail: true });
		expect(outline(goOn.items)).toEqual(
			[0, 1, 2].map((i) =>
				i === at
					? `${i} error "Conversation URN" is not a conversation URN: "urn:li:fsd_profile:ACoAxyz"`
					: `${i} sent`,
			),
		);
		expect(sends()).toHaveLength(2);
	});
});

describe('the follow-up sequence: Get Many Connections (3 to 10 days ago) → Message → Send (Skip If They Replied)', () => {
	const MONTHS = [
		'Jan',
		'Feb',
		'Mar',
		'Apr',
		'May',
		'Jun',
		'Jul',
		'Aug',
		'Sep',
		'Oct',
		'Nov',
		'Dec',
	];
	const daysAgo = (days: number) => {
		const d = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
		return `Connected on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
	};

	test('only the window is listed, and only who has not replied is messaged', async () => {
		f.api.reset({ connections: 0 });
		// Added oldest first: the list is newest first, as LinkedIn's is.
		const [old, due, replied, fresh] = [14, 8, 5, 1].map((days) =>
			f.api.addConnection({ connectedDate: daysAgo(days) }),
		);
		f.api.addConversation(replied.vanityName, [
			{ text: 'Thanks for connecting!', fromOwner: true },
			{ text: 'Let’s talk Thursday' },
		]);
		const list = await f.run({
			resource: 'connection',
			operation: 'getMany',
			returnAll: true,
			filters: { connectedWithinDays: 10, connectedAtLeastDaysAgo: 3 },
		});
		expect(json(list.items).map((c) => c.vanityName)).toEqual([replied.vanityName, due.vanityName]);
		f.api.clearRequests();
		const { items } = await f.run(
			send({ profile: undefined, options: { skipIfReplied: true } }),
			list.items,
		);
		expect(outline(items)).toEqual(['0 skipped:replied', '1 sent']);
		expect(sends().map((r) => r.body.recipientProfileId)).toEqual([due.vanityName]);
		expect(
			[fresh, old].every((c) => !sends().some((r) => r.body.recipientProfileId === c.vanityName)),
		).toBe(true);
	});

	test.each([
		['connectedAtLeastDaysAgo', 'Connected At Least (Days Ago)'],
		['connectedWithinDays', 'Connected Within (Days)'],
	])('a negative %s is refused before any request', async (name, label) => {
		const { error } = await f.run({
			resource: 'connection',
			operation: 'getMany',
			filters: { [name]: -1 },
		});
		expect(error?.message).toBe(`"${label}" must be a number of at least 0, got -1`);
		expect(f.api.requests).toEqual([]);
	});
});
