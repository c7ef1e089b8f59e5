// The trigger's New Message through n8n-core's real PollContext: every message received (never the account's own)
// once, across polls, a failed poll and a restart in a fresh process; the first poll only records the inbox.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { makeConnection } from '../dev/fake-api';
import { freshPackage, runPoll } from './helpers/engine';
import { connectionFields } from './helpers/expected';
import { json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();
const NEW_MESSAGE = { event: 'newMessage' };
const friend = (i: number) => makeConnection(i).vanityName;

interface Polled {
	items: IDataObject[];
	saved: IDataObject;
	paths: string[];
}

/** One poll with the static data n8n saved after the last one (undefined: just activated). */
async function poll(saved?: IDataObject, loader?: Awaited<ReturnType<typeof freshPackage>>) {
	const start = f.api.requests.length;
	const result = await runPoll({
		parameters: NEW_MESSAGE,
		credentials: f.credentials,
		staticData:
			saved === undefined ? undefined : (JSON.parse(JSON.stringify(saved)) as IDataObject),
		activation: saved === undefined ? 'activate' : 'init',
		loader,
	});
	const paths = f.api.requests
		.slice(start)
		.filter((r) => r.path !== '/account/status')
		.map(
			(r) =>
				`${r.path.replace(/urn:li:msg_conversation:[^/]*/, 'urn')}${r.query.since ? ' since' : ''}`,
		);
	return {
		items: json((result.items ?? []) as INodeExecutionData[]),
		saved: JSON.parse(JSON.stringify(result.staticData)) as IDataObject,
		paths,
	} as Polled;
}

test('the first poll records what exists (one inbox page, no thread read); a reply arriving is emitted once', async () => {
	const first = await poll();
	expect(first.items).toEqual([]);
	expect(first.paths).toEqual(['/conversations']);

	const thread = f.api.addConversation(friend(0), [
		{ text: 'Thanks for connecting!', fromOwner: true },
	]);
	const reply = f.api.replyArrives(friend(0), 'Happy to chat next week');
	const second = await poll(first.saved);
	const person = f.api.findProfile(friend(0))!;
	expect(second.items).toEqual([
		{
			...connectionFields(person),
			conversationUrn: thread.conversationUrn,
			...reply,
		},
	]);
	expect(second.paths).toEqual(['/conversations', '/conversations/urn/messages since']);

	const third = await poll(second.saved);
	expect(third.items).toEqual([]);
	expect(third.paths).toEqual(['/conversations']);
});

test('the account’s own messages are never emitted; replies in several threads come oldest first', async () => {
	const first = await poll();
	const sent = await f.run({
		resource: 'message',
		operation: 'send',
		profile: friend(1),
		text: 'Hello',
	});
	expect(sent.items[0].json.status).toBe('sent');
	const a = f.api.replyArrives(friend(2), 'first');
	const b = f.api.replyArrives(friend(3), 'second');
	const c = f.api.replyArrives(friend(2), 'third');
	const next = await poll(first.saved);
	expect(next.items.map((i) => [i.text, i.messageUrn])).toEqual([
		['first', a.messageUrn],
		['second', b.messageUrn],
		['third', c.messageUrn],
	]);
	expect((await poll(next.saved)).items).toEqual([]);
});

test('a burst of 120 messages in one thread: all of them, once, by cursor', async () => {
	const first = await poll();
	f.api.addConversation(
		friend(4),
		Array.from({ length: 120 }, (_, i) => ({ text: `m${i}` })),
	);
	const next = await poll(first.saved);
	expect(next.items.map((i) => i.text)).toEqual(Array.from({ length: 120 }, (_, i) => `m${i}`));
	expect(next.paths.filter((p) => p.includes('messages'))).toHaveLength(3);
	expect((await poll(next.saved)).items).toEqual([]);
});

test('a failed read leaves the state: the next poll emits what the failed one missed', async () => {
	const first = await poll();
	const reply = f.api.replyArrives(friend(5), 'Are you there?');
	f.api.fault({
		method: 'GET',
		path: /\/messages$/,
		status: 500,
		body: { success: false, error: 'Internal error' },
	});
	await expect(poll(first.saved)).rejects.toThrow(/server error \(500\)/);
	const retried = await poll(first.saved);
	expect(retried.items.map((i) => i.messageUrn)).toEqual([reply.messageUrn]);
});

test('restart: messages that arrived while n8n was down come once from a fresh process', async () => {
	const first = await poll();
	const before = f.api.replyArrives(friend(6), 'before');
	const running = await poll(first.saved);
	expect(running.items.map((i) => i.text)).toEqual(['before']);
	expect(before.text).toBe('before');
	const whileDown = [
		f.api.replyArrives(friend(7), 'down 1'),
		f.api.replyArrives(friend(6), 'down 2'),
	];
	const process = await freshPackage();
	const restarted = await poll(running.saved, process);
	expect(restarted.items.map((i) => i.messageUrn)).toEqual(whileDown.map((m) => m.messageUrn));
	expect((await poll(restarted.saved, process)).items).toEqual([]);
});

test('Trigger (New Message) → Message → Send replies into the same thread, with no new conversation counted', async () => {
	const first = await poll();
	const thread = f.api.addConversation(friend(8), [{ text: 'Can we talk?' }]);
	f.api.setConversationUsed(150);
	const next = await poll(first.saved);
	f.api.clearRequests();
	const { items } = await f.run(
		{ resource: 'message', operation: 'send', text: 'Sure — tomorrow?' },
		next.items,
	);
	expect(items.map((i) => i.json.status)).toEqual(['sent']);
	expect(f.api.requests.map((r) => r.body)).toEqual([
		{ conversationUrn: thread.conversationUrn, message: 'Sure — tomorrow?' },
	]);
	expect(thread.messages.map((m) => m.text)).toEqual(['Can we talk?', 'Sure — tomorrow?']);
});

test('Fetch Test Event: the newest received message, without touching the state', async () => {
	const reply = f.api.replyArrives(friend(9), 'Latest');
	const start = f.api.requests.length;
	const result = await runPoll({
		parameters: NEW_MESSAGE,
		credentials: f.credentials,
		mode: 'manual',
	});
	expect(json(result.items!).map((i) => i.messageUrn)).toEqual([reply.messageUrn]);
	expect(result.nodeStaticData).toEqual({});
	expect(f.api.requests.slice(start).every((r) => r.method === 'GET')).toBe(true);
});
