// Tests of the fake's inbox (dev/fake-api/conversations.js) over real HTTP: as strict as the contract.
import { makeConnection, makeProfile, startFakeApi, type FakeApi } from '../dev/fake-api';

const START = Date.parse('2026-04-22T15:42:11Z');
let nowMs = START;
let api: FakeApi;

beforeAll(async () => {
	api = await startFakeApi({ now: () => new Date(nowMs), conversationQuota: 2 });
});
beforeEach(() => {
	nowMs = START;
	api.reset();
});
afterAll(async () => api.close());

async function call(
	method: string,
	path: string,
	body?: unknown,
	query: Record<string, string> = {},
) {
	const url = new URL(api.url + path);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	const response = await fetch(url, {
		method,
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.apiKey}` },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json: any = await response.json();
	return { status: response.status, body: json, headers: response.headers };
}
const send = (body: unknown) => call('POST', '/conversations/send', body);
const friend = (i: number) => makeConnection(i).vanityName;
const thread = (urn: string) => `/conversations/${encodeURIComponent(urn)}/messages`;

describe('POST /conversations/send', () => {
	test('new conversations count against the day (429 past it, before anything is sent); replies never', async () => {
		expect((await send({ recipientProfileId: friend(0), message: 'a' })).status).toBe(200);
		const second = await send({ recipientProfileId: friend(1), message: 'b' });
		expect(second.headers.get('x-ratelimit-action')).toBe('NEW_CONVERSATION');
		expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(second.headers.get('x-ratelimit-reset')).toBe('2026-04-23T00:00:00Z');
		const over = await send({ recipientProfileId: friend(2), message: 'c' });
		expect(over).toMatchObject({
			status: 429,
			body: {
				success: false,
				error: 'Rate limit exceeded for NEW_CONVERSATION: 2/2 used. Resets at 2026-04-23T00:00:00Z',
			},
		});
		expect(api.conversations().some((t) => t.person.slug === friend(2))).toBe(false);
		const urn = api.conversations().find((t) => t.person.slug === friend(0))!.conversationUrn;
		expect((await send({ conversationUrn: urn, message: 'reply' })).status).toBe(200);
		expect((await send({ recipientProfileId: friend(1), message: 'same thread' })).status).toBe(
			200,
		);
		nowMs = Date.parse('2026-04-23T00:00:01Z');
		expect((await send({ recipientProfileId: friend(2), message: 'c' })).status).toBe(200);
	});

	test('validates like Zod: a message and one of the three addressees; a known thread; connections only', async () => {
		const none = await send({ message: 'x' });
		expect(none.status).toBe(400);
		expect(none.body.error.issues[0].path).toEqual(['recipientProfileUrn']);
		expect((await send({ recipientProfileId: friend(0) })).status).toBe(400);
		expect(
			(await send({ recipientProfileId: friend(0), message: 'x', messagingChannel: 'sms' })).status,
		).toBe(400);
		const unknown = await send({
			conversationUrn: 'urn:li:msg_conversation:(x,2-y)',
			message: 'x',
		});
		expect(unknown).toMatchObject({
			status: 404,
			body: { error: 'Conversation not found: urn:li:msg_conversation:(x,2-y)' },
		});
		const stranger = await send({ recipientProfileId: makeProfile(3).slug, message: 'x' });
		expect(stranger.status).toBe(400);
		expect(stranger.body.error).toMatch(
			/^Cannot send a message: .* is not a 1st-degree connection/,
		);
	});

	test('the message lands in the thread; the answer names it (threadId only for a new one)', async () => {
		const fresh = await send({
			recipientProfileUrn: api.findProfile(friend(0))!.memberUrn,
			message: 'hi',
		});
		const saved = api.conversations().find((t) => t.person.slug === friend(0))!;
		expect(fresh.body).toEqual({
			success: true,
			message: 'Message sent successfully',
			recipientProfileUrn: api.findProfile(friend(0))!.memberUrn,
			sentMessage: {
				messageUrn: saved.messages[0].messageUrn,
				text: 'hi',
				sentAt: START,
				senderProfileId: saved.messages[0].senderProfileId,
				isSentByOwner: true,
			},
			threadId: saved.conversationId,
		});
		const again = await send({ conversationUrn: saved.conversationUrn, message: 'again' });
		expect(again.body.threadId).toBeUndefined();
		expect(saved.messages.map((m) => m.text)).toEqual(['hi', 'again']);
	});
});

describe('GET /conversations and a thread', () => {
	test('the inbox newest first by cursor until hasMore is false; a bad cursor is a 400', async () => {
		for (let i = 0; i < 5; i++) api.addConversation(friend(i), [{ text: `m${i}` }]);
		const first = await call('GET', '/conversations', undefined, { count: '3' });
		expect(
			first.body.conversations.map(
				(c: { latestMessage: { text: string } }) => c.latestMessage.text,
			),
		).toEqual(['m4', 'm3', 'm2']);
		expect(first.body.hasMore).toBe(true);
		const second = await call('GET', '/conversations', undefined, {
			count: '3',
			nextCursor: first.body.nextCursor,
		});
		expect(second.body.conversations).toHaveLength(3);
		const third = await call('GET', '/conversations', undefined, {
			count: '3',
			nextCursor: second.body.nextCursor,
		});
		expect(third.body).toMatchObject({ hasMore: false, nextCursor: null });
		expect(third.body.conversations).toHaveLength(2);
		expect((await call('GET', '/conversations', undefined, { nextCursor: 'nope' })).status).toBe(
			400,
		);
		expect((await call('GET', '/conversations', undefined, { count: '0' })).status).toBe(400);
	});

	test('the repeat fault answers the cursor it was asked with', async () => {
		for (let i = 0; i < 5; i++) api.addConversation(friend(i), [{ text: `m${i}` }]);
		api.repeatInboxCursor();
		const first = await call('GET', '/conversations', undefined, { count: '3' });
		const second = await call('GET', '/conversations', undefined, {
			count: '3',
			nextCursor: first.body.nextCursor,
		});
		expect(second.body.nextCursor).toBe(first.body.nextCursor);
	});

	test('a thread: newest first, since (epoch ms) keeps only newer, exists finds it by vanity name or URN', async () => {
		const saved = api.addConversation(friend(0), [
			{ text: 'one' },
			{ text: 'two', fromOwner: true },
		]);
		const all = await call('GET', thread(saved.conversationUrn));
		expect(all.body.messages.map((m: { text: string }) => m.text)).toEqual(['two', 'one']);
		const since = String(saved.messages[0].sentAt);
		const newer = await call('GET', thread(saved.conversationUrn), undefined, { since });
		expect(newer.body.messages.map((m: { text: string }) => m.text)).toEqual(['two']);
		for (const id of [friend(0), api.findProfile(friend(0))!.memberUrn]) {
			const exists = await call('GET', `/conversations/exists/${encodeURIComponent(id)}`);
			expect(exists.body).toMatchObject({
				hasConversation: true,
				conversationUrn: saved.conversationUrn,
			});
		}
		const none = await call('GET', `/conversations/exists/${friend(1)}`);
		expect(none.body).toMatchObject({ hasConversation: false, conversationUrn: null });
		expect((await call('GET', '/conversations/exists/nobody-here-1')).status).toBe(404);
	});
});

describe('POST /messaging/send-group', () => {
	test('needs a member URN and a numeric group ID; counts as a MESSAGE', async () => {
		const urn = api.findProfile(makeProfile(3).slug)!.memberUrn;
		const ok = await call('POST', '/messaging/send-group', {
			recipientProfileUrn: urn,
			groupId: '42',
			message: 'hi',
		});
		expect(ok.status).toBe(200);
		expect(ok.headers.get('x-ratelimit-action')).toBe('MESSAGE');
		expect(
			(
				await call('POST', '/messaging/send-group', {
					recipientProfileUrn: urn,
					groupId: 'abc',
					message: 'hi',
				})
			).status,
		).toBe(400);
		expect(
			(
				await call('POST', '/messaging/send-group', {
					recipientProfileId: 'x',
					groupId: '42',
					message: 'hi',
				})
			).status,
		).toBe(400);
	});
});
