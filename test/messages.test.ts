// Message → Send: the recipient fills itself from whatever came before (a connection, an invitation, a status, an
// Accept), and a message goes out like every write: in input order, paced, within the daily quota of new
// conversations, once per person — on POST /conversations/send (InMail alone on the deprecated POST /message).
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeConnection, makeProfile } from '../dev/fake-api';
import { runPoll } from './helpers/engine';
import { calls, json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const send = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'message',
	operation: 'send',
	text: '=Hi {{ $json.firstName ?? $json.profile?.firstName }}, thanks for connecting!',
	...extra,
});
const posts = () =>
	f.api.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/send');
const legacy = () => f.api.requests.filter((r) => r.method === 'POST' && r.path === '/message');
const outline = (items: INodeExecutionData[]) =>
	items.map(
		(i) =>
			`${(i.pairedItem as { item: number }).item} ${i.json.error !== undefined ? `error ${String(i.json.error)}` : `${String(i.json.status)}${i.json.reason ? `:${String(i.json.reason)}` : ''}`}`,
	);

describe('the recipient fills itself from the incoming item', () => {
	test('Get Many Connections → Message → Send: no field to fill', async () => {
		const list = await f.run({ resource: 'connection', operation: 'getMany', limit: 2 });
		f.api.clearRequests();
		const { items, error } = await f.run(send(), list.items);
		expect(error).toBeUndefined();
		const friends = [makeConnection(0), makeConnection(1)];
		expect(calls(f.api)).toEqual(
			friends.map((friend) => ({
				method: 'POST',
				path: '/conversations/send',
				query: {},
				body: {
					recipientProfileId: friend.vanityName,
					message: `Hi ${friend.firstName}, thanks for connecting!`,
				},
			})),
		);
		expect(json(items)).toEqual(
			friends.map((friend) => ({
				status: 'sent',
				profileId: friend.vanityName,
				success: true,
				message: 'Message sent successfully',
				recipientProfileUrn: f.api.findProfile(friend.vanityName)!.memberUrn,
				sentMessage: {
					messageUrn: expect.stringMatching(/^urn:li:msg_message:/),
					text: `Hi ${friend.firstName}, thanks for connecting!`,
					sentAt: expect.any(Number),
					senderProfileId: expect.stringMatching(/^ACoA/),
					isSentByOwner: true,
				},
				threadId: expect.any(String),
				rateLimit: {
					action: 'NEW_CONVERSATION',
					limit: 150,
					used: expect.any(Number),
					remaining: expect.any(Number),
					reset: expect.stringMatching(/T00:00:00/),
				},
				pacing: { waitedMs: expect.any(Number), retries: 0 },
			})),
		);
	});

	test('the trigger’s New Connection → Message → Send', async () => {
		const credentials = f.credentials;
		const first = await runPoll({ parameters: { event: 'connectionAdded' }, credentials });
		const added = f.api.addConnection();
		const next = await runPoll({
			parameters: { event: 'connectionAdded' },
			credentials,
			staticData: JSON.parse(JSON.stringify(first.staticData)) as IDataObject,
		});
		f.api.clearRequests();
		const { items } = await f.run(send(), next.items!);
		expect(posts().map((r) => r.body.recipientProfileId)).toEqual([added.vanityName]);
		expect(items[0].json.status).toBe('sent');
	});

	test('Get Many Received → Accept → Message → Send: the accepted person, with no field filled', async () => {
		const list = await f.run({
			resource: 'invitation',
			operation: 'getReceived',
			limit: 2,
			filters: { categories: ['CONNECTION'] },
		});
		const accepted = await f.run({ resource: 'invitation', operation: 'accept' }, list.items);
		expect(accepted.items.map((i) => i.json.status)).toEqual(['accepted', 'accepted']);
		f.api.clearRequests();
		const { items, error } = await f.run(send(), accepted.items);
		expect(error).toBeUndefined();
		const people = json(list.items).map((i) => i.profile as IDataObject);
		expect(posts().map((r) => [r.body.recipientProfileId, r.body.message])).toEqual(
			people.map((p) => [p.publicIdentifier, `Hi ${String(p.firstName)}, thanks for connecting!`]),
		);
		expect(items.map((i) => i.json.status)).toEqual(['sent', 'sent']);
	});

	test('Get Status → Message → Send, and an item with only a member ID', async () => {
		const [a, b] = [makeConnection(3), makeConnection(4)];
		const status = await f.run({
			resource: 'connection',
			operation: 'getStatus',
			profile: a.vanityName,
		});
		const memberId = f.api.findProfile(b.vanityName)!.memberId;
		f.api.clearRequests();
		const { items } = await f.run(send({ text: 'Hello' }), [...status.items, { memberId }]);
		// Get Status carries the member URN, which the recipient prefers over the vanity name.
		expect(posts().map((r) => r.body)).toEqual([
			{ recipientProfileUrn: f.api.findProfile(a.vanityName)!.memberUrn, message: 'Hello' },
			{ recipientProfileUrn: `urn:li:fsd_profile:${memberId}`, message: 'Hello' },
		]);
		expect(items.map((i) => i.json.status)).toEqual(['sent', 'sent']);
	});
});

describe('who may get a message', () => {
	const stranger = makeProfile(5);

	test('a normal message to someone who is not a connection fails that item, saying so', async () => {
		const { error } = await f.run(send({ profile: stranger.slug, text: 'Hi' }));
		expect(error?.message).toMatch(
			/^Send message failed: ConnectSafely rejected the request \(400\): Cannot send a message: .* is not a 1st-degree connection/,
		);
		expect(error?.description).toMatch(/Message Type to InMail/);
	});

	test('… or, with On Not Connected → Skip, is skipped as notConnected', async () => {
		const { items } = await f.run(
			send({ profile: '={{ $json.p }}', text: 'Hi', options: { onNotConnected: 'skip' } }),
			[{ p: stranger.slug }, { p: makeConnection(0).vanityName }],
		);
		expect(json(items)).toEqual([
			{ status: 'skipped', reason: 'notConnected', profileId: stranger.slug },
			expect.objectContaining({ status: 'sent', profileId: makeConnection(0).vanityName }),
		]);
	});

	test('an InMail goes to anyone, with its subject', async () => {
		const { items } = await f.run(
			send({
				profile: stranger.slug,
				text: 'Hi',
				options: { messageType: 'inmail', subject: 'A question' },
			}),
		);
		expect(legacy().map((r) => r.body)).toEqual([
			{
				recipientProfileId: stranger.slug,
				message: 'Hi',
				messageType: 'inmail',
				subject: 'A question',
			},
		]);
		expect(posts()).toEqual([]);
		expect(items[0].json.status).toBe('sent');
	});

	test('the same person twice in one run gets one message, unless Send Again to the Same Person is on', async () => {
		const friend = makeConnection(2);
		const input = [{ p: friend.vanityName }, { p: friend.profileUrl }];
		const once = await f.run(send({ profile: '={{ $json.p }}' }), input);
		expect(outline(once.items)).toEqual(['0 sent', '1 skipped:duplicate']);
		expect(posts()).toHaveLength(1);
		const twice = await f.run(
			send({ profile: '={{ $json.p }}', options: { allowRepeat: true } }),
			input,
		);
		expect(outline(twice.items)).toEqual(['0 sent', '1 sent']);
		expect(posts()).toHaveLength(3);
	});
});

describe('bad input is refused before any request: first, middle and last item', () => {
	const friends = [0, 1, 2].map((i) => ({ p: makeConnection(i).vanityName, t: 'Hello' }));
	const parameters = send({ profile: '={{ $json.p }}', text: '={{ $json.t }}' });

	test.each([0, 1, 2])('an empty text at item %i', async (at) => {
		const input = friends.map((friend, i) => (i === at ? { ...friend, t: '  ' } : friend));
		const stop = await f.run(parameters, input);
		expect(stop.error?.message).toBe('"Text" is empty');
		expect(posts().map((r) => r.body.recipientProfileId)).toEqual(
			friends.slice(0, at).map((x) => x.p),
		);
		f.api.clearRequests();
		const goOn = await f.run(parameters, input, { continueOnFail: true });
		expect(outline(goOn.items)).toEqual(
			[0, 1, 2].map((i) => (i === at ? `${i} error "Text" is empty` : `${i} sent`)),
		);
		expect(posts().map((r) => r.body.recipientProfileId)).toEqual(
			friends.filter((_, i) => i !== at).map((x) => x.p),
		);
	});

	test('a company page as recipient', async () => {
		const { error } = await f.run(send({ profile: 'https://www.linkedin.com/company/acme/' }));
		expect(error?.message).toMatch(/^Invalid "Recipient": .* is a LinkedIn company page/);
		expect(f.api.requests).toEqual([]);
	});
});

describe('150 new conversations a day', () => {
	const friends = [0, 1, 2, 3, 4].map((i) => ({ p: makeConnection(i).vanityName }));
	const parameters = (policy: string) =>
		send({ profile: '={{ $json.p }}', text: 'Hello', options: { onQuotaExhausted: policy } });

	test('the quota reaching 0 mid-run (fail): 3 sent, then a clear error, nothing more sent', async () => {
		f.api.setConversationUsed(147);
		const { error } = await f.run(parameters('fail'), friends);
		expect(posts()).toHaveLength(3);
		expect(error?.message).toMatch(
			/^Not sent: the NEW_CONVERSATION quota is used up \(150\/150\); it resets at \d{4}-\d\d-\d\dT00:00:00/,
		);
	});

	test('the quota reaching 0 mid-run (skip remaining): the rest skipped with resumeAfter, the next run sends nothing', async () => {
		f.api.setConversationUsed(148);
		const { items } = await f.run(parameters('skipRemaining'), friends);
		expect(outline(items)).toEqual([
			'0 sent',
			'1 sent',
			'2 skipped:quota',
			'3 skipped:quota',
			'4 skipped:quota',
		]);
		expect(items[2].json.resumeAfter).toMatch(/T00:00:00/);
		f.api.clearRequests();
		await f.run(parameters('skipRemaining'), friends.slice(2));
		expect(posts()).toEqual([]);
	});

	test('a quota 429 is never retried; with Continue every item yields one item, in order', async () => {
		// The quota read-out would stop them before any POST: here it is unavailable, so the 429 decides.
		f.api.fault({
			path: /\/quota$/,
			status: 500,
			body: { success: false, code: 'internal_error', message: 'Down' },
		});
		f.api.setConversationUsed(150);
		const { items } = await f.run(parameters('fail'), friends.slice(0, 3), {
			continueOnFail: true,
		});
		expect(posts()).toHaveLength(1);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(String(items[0].json.error)).toMatch(
			/rate limit for NEW_CONVERSATION was reached \(429\)/,
		);
		expect(String(items[1].json.error)).toMatch(/^Not sent: the NEW_CONVERSATION quota is used up/);
	});

	test('a quota already used up (ConnectSafely’s read-out, any client) sends nothing', async () => {
		f.api.setConversationUsed(150);
		const { items } = await f.run(parameters('fail'), friends.slice(0, 2), {
			continueOnFail: true,
		});
		expect(posts()).toEqual([]);
		expect(items.map((i) => String(i.json.error))).toEqual(
			Array(2).fill(
				expect.stringMatching(
					/^Not sent: the NEW_CONVERSATION quota is used up \(150\/150\); it resets at /,
				),
			),
		);
	});
});
