// The node as an AI agent's tool, through n8n-core's own tool invocation: in-process (older agents, one execute per
// call with the agent's execute data) and as node executions of their own (the Tools Agent V3 on n8n 2.x). Each call
// is a run of its own; the same write twice in one agent run goes once; pacing, holds and quotas hold across calls.
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT_ID,
	makeConnection,
	makeProfile,
	startFakeApi,
	type FakeApi,
} from '../dev/fake-api';
import {
	hasEngineRequests,
	nodeType,
	runToolCalls,
	type RunToolCallsResult,
	type ToolCall,
	type ToolNode,
	type ToolWay,
} from './helpers/engine';
import { FAST_PACING, useFakeApi, useTimeScale } from './helpers/fixture';
import { quota429 } from './helpers/expected';

const f = useFakeApi();

const ways: ToolWay[] = hasEngineRequests() ? ['inProcess', 'engineRequest'] : ['inProcess'];

const fromAI = (key: string, description: string, type = 'string') =>
	`={{ $fromAI("${key}", "${description}", "${type}") }}`;

const readTool: ToolNode = {
	name: 'Get_Connections',
	parameters: {
		resource: 'connection',
		operation: 'getMany',
		limit: fromAI('limit', 'How many connections to read', 'number'),
	},
};
const inviteTool: ToolNode = {
	name: 'Send_Request',
	parameters: {
		resource: 'connection',
		operation: 'sendRequest',
		profile: fromAI('profile', 'LinkedIn profile URL or vanity name'),
		message: fromAI('note', 'A short personal note'),
	},
};
const messageTool = (options: INodeParameters = {}): ToolNode => ({
	name: 'Send_Message',
	parameters: {
		resource: 'message',
		operation: 'send',
		profile: fromAI('recipient', 'LinkedIn profile URL or vanity name of a connection'),
		text: fromAI('text', 'The message'),
		options,
	},
});

const profileTool: ToolNode = {
	name: 'Get_Profile',
	parameters: {
		resource: 'profile',
		operation: 'get',
		profile: fromAI('profile', 'LinkedIn profile URL or vanity name'),
	},
};

const friend = makeConnection(0).vanityName;
const other = makeConnection(1).vanityName;
const stranger = makeProfile(5).slug;
const message = (to: string, text: string): ToolCall => ({
	tool: 'Send_Message',
	args: { recipient: to, text },
});
const SEND = '/conversations/send';
const QUOTA_READ = `/account/${DEFAULT_ACCOUNT_ID}/quota`;
const messagesTo = (api: FakeApi) =>
	api.requests
		.filter((r) => r.method === 'POST' && r.path === SEND)
		.map((r) => `${String(r.body.recipientProfileId)}: ${String(r.body.message)}`);

/**
 * The requests of `runs` calls, without the default account's look-up: each call is a node run of its own, and a run
 * looks the default account up at most once and reads its quotas at most once.
 */
const requests = (runs = 1) => {
	const all = f.requests();
	const lookups = all.filter(
		(r) => r.path === '/account/status' && r.query.accountId === undefined,
	);
	expect(lookups.length).toBeLessThanOrEqual(runs);
	expect(all.filter((r) => r.path === QUOTA_READ).length).toBeLessThanOrEqual(runs);
	return all.filter((r) => !lookups.includes(r));
};

/**
 * Call `i` failed with `message`. n8n 2.x hands a tool's error to the agent; on n8n-core 1.122 a call run as its own
 * node execution fails the execution (the tool's On Error decides), so later calls never run; in-process, n8n-core
 * 1.84 tells the agent only "Error during node execution: " and the error's description.
 */
function expectError(result: RunToolCallsResult, i: number, message: RegExp): void {
	const error = result.responses[0]?.[i]?.error ?? (i === 0 ? undefined : result.error?.message);
	if (result.responses.length === 0) {
		expect(result.error?.message).toMatch(message);
		return;
	}
	expect(error).toMatch(/^Error during node execution: /.test(error ?? '') ? /^Error/ : message);
}

const run = async (way: ToolWay, tools: ToolNode[], turns: ToolCall[][]) =>
	await runToolCalls({ way, tools, turns, credentials: f.credentials, loader: await f.process() });

describe.each(ways)('as a tool (%s)', (way) => {
	test('a read: what the model asked for, one request', async () => {
		const result = await run(way, [readTool], [[{ tool: 'Get_Connections', args: { limit: 2 } }]]);
		expect(result.error).toBeUndefined();
		expect(result.responses[0][0].response?.map((c) => c.vanityName)).toEqual([
			makeConnection(0).vanityName,
			makeConnection(1).vanityName,
		]);
		expect(requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /connections']);
	});

	test('Send Request: the profile and note the model gave, after the status check', async () => {
		const result = await run(
			way,
			[inviteTool],
			[[{ tool: 'Send_Request', args: { profile: stranger, note: 'Loved your talk' } }]],
		);
		expect(result.responses[0][0].response).toEqual([
			expect.objectContaining({ status: 'sent', profileId: stranger }),
		]);
		expect(requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET ${QUOTA_READ}`,
			`GET /relationship/${stranger}`,
			'POST /connect',
		]);
		expect(requests()[2].body).toEqual({ profileId: stranger, customMessage: 'Loved your talk' });
	});

	test('two different messages to one person in one conversation: both go out', async () => {
		const result = await run(
			way,
			[messageTool()],
			[[message(friend, 'Hi!')], [message(friend, 'One more thing: the slides are attached.')]],
		);
		expect(result.responses[0].map((r) => r.response?.[0]?.status)).toEqual(['sent', 'sent']);
		expect(messagesTo(f.api)).toEqual([
			`${friend}: Hi!`,
			`${friend}: One more thing: the slides are attached.`,
		]);
	});

	test('the same call twice in one agent run: sent once, the second skipped as duplicate', async () => {
		const result = await run(
			way,
			[messageTool()],
			[[message(friend, 'Hi!')], [message(friend, 'Hi!')], [message(other, 'Hi!')]],
		);
		expect(result.responses[0].map((r) => r.response?.[0])).toEqual([
			expect.objectContaining({ status: 'sent', profileId: friend }),
			expect.objectContaining({ status: 'skipped', reason: 'duplicate', profileId: friend }),
			expect.objectContaining({ status: 'sent', profileId: other }),
		]);
		expect(messagesTo(f.api)).toEqual([`${friend}: Hi!`, `${other}: Hi!`]);
	});

	test('the same call twice in one turn (made at the same time in-process): sent once', async () => {
		const result = await run(
			way,
			[messageTool()],
			[[message(friend, 'Hi!'), message(friend, 'Hi!')]],
		);
		expect(result.responses[0].map((r) => r.response?.[0]?.status).sort()).toEqual([
			'sent',
			'skipped',
		]);
		expect(messagesTo(f.api)).toEqual([`${friend}: Hi!`]);
	});

	test('the same Send Request twice: one invitation', async () => {
		const call = { tool: 'Send_Request', args: { profile: stranger, note: 'Hello' } };
		const result = await run(way, [inviteTool], [[call], [call]]);
		expect(result.responses[0].map((r) => r.response?.[0]?.status)).toEqual(['sent', 'skipped']);
		expect(result.responses[0][1].response?.[0]?.reason).toBe('duplicate');
		expect(f.requests().filter((r) => r.path === '/connect')).toHaveLength(1);
	});

	test('Retry On Fail after an answer that was lost (504): the retry does not send the message again', async () => {
		f.api.fault({ method: 'POST', path: SEND, status: 504, times: 1 });
		await run(way, [{ ...messageTool(), retryOnFail: true }], [[message(friend, 'Hi!')]]);
		// In-process, n8n's retry runs the node again: a second run, with its own look-up and read-out.
		expect(requests(2).filter((r) => r.path === SEND)).toHaveLength(1);
	});

	test('Delay Between Requests spaces the calls of one agent run', async () => {
		const delay = { delayBetweenRequests: { values: { minSeconds: 1, maxSeconds: 1 } } };
		const result = await run(
			way,
			[messageTool(delay)],
			[[message(friend, 'Hi!')], [message(other, 'Hi!')]],
		);
		expect(result.responses[0].map((r) => r.response?.[0]?.status)).toEqual(['sent', 'sent']);
		const [first, second] = requests(2).filter((r) => r.path === SEND);
		expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
	});

	test('a new agent run may send the same message again (the node run is the agent run)', async () => {
		await run(way, [messageTool()], [[message(friend, 'Hi!')]]);
		await run(way, [messageTool()], [[message(friend, 'Hi!')]]);
		expect(messagesTo(f.api)).toEqual([`${friend}: Hi!`, `${friend}: Hi!`]);
	});

	test('a spent new-conversation quota stops the next call: no request', async () => {
		f.api.setConversationUsed(149);
		const result = await run(
			way,
			[messageTool()],
			[[message(friend, 'Hi!')], [message(other, 'Hi!')]],
		);
		expect(messagesTo(f.api)).toEqual([`${friend}: Hi!`]);
		expectError(result, 1, /Not sent: the NEW_CONVERSATION quota is used up/);
	});

	test('the calls of one agent run look the default account up and read its quotas once, for all its tools', async () => {
		const result = await run(
			way,
			[messageTool(), inviteTool, profileTool],
			[
				[message(friend, 'Hi!')],
				[{ tool: 'Send_Request', args: { profile: stranger, note: 'Hello' } }],
				[message(other, 'Hi!')],
				[{ tool: 'Get_Profile', args: { profile: makeProfile(6).slug } }],
			],
		);
		expect(result.responses[0].map((r) => r.response?.[0]?.status ?? 'read')).toEqual([
			'sent',
			'sent',
			'sent',
			'read',
		]);
		const all = f.requests().map((r) => `${r.method} ${r.path}`);
		expect(all.filter((r) => r === 'GET /account/status')).toHaveLength(1);
		expect(all.filter((r) => r === `GET ${QUOTA_READ}`)).toHaveLength(1);
		expect(all.filter((r) => r.startsWith('POST '))).toEqual([
			`POST ${SEND}`,
			'POST /connect',
			`POST ${SEND}`,
			'POST /profile',
		]);
	});

	test('a spent profile-view quota stops Get Profile in the next calls: no request', async () => {
		f.api.fault(quota429('/profile', 'PROFILE_VIEW', '120/120', '2099-01-01T00:00:00Z'));
		const result = await run(
			way,
			[
				way === 'engineRequest'
					? { ...profileTool, onError: 'continueRegularOutput' }
					: profileTool,
			],
			[
				[{ tool: 'Get_Profile', args: { profile: stranger } }],
				[{ tool: 'Get_Profile', args: { profile: friend } }],
			],
		);
		expect(f.requests().filter((r) => r.path === '/profile')).toHaveLength(1);
		expectError(
			result,
			0,
			/^Get profile stopped: the PROFILE_VIEW quota is used up; it resets at 2099-01-01T00:00:00Z/,
		);
		expectError(
			result,
			1,
			/^Get profile stopped: the PROFILE_VIEW quota is used up; it resets at 2099-01-01T00:00:00Z/,
		);
	});

	test('a LinkedIn hold after one call stops Send Request in the next calls: no request', async () => {
		// LinkedIn's hold, which ConnectSafely's quota read-out does not show before the first call meets it.
		f.api.setConnectUsed(10);
		f.api.state.holdUntil[DEFAULT_ACCOUNT_ID] = new Date(Date.now() + 24 * 3600_000)
			.toISOString()
			.replace(/\.\d{3}Z$/, 'Z');
		const result = await run(
			way,
			// As node executions of their own on n8n-core 1.122, a failed call ends the execution unless On Error goes on.
			[way === 'engineRequest' ? { ...inviteTool, onError: 'continueRegularOutput' } : inviteTool],
			[
				[{ tool: 'Send_Request', args: { profile: stranger, note: 'Hello' } }],
				[{ tool: 'Send_Request', args: { profile: makeProfile(6).slug, note: 'Hello' } }],
			],
		);
		expect(f.requests().filter((r) => r.path === '/connect')).toHaveLength(1);
		expectError(result, 0, /Rate limit exceeded for CONNECT: 10\/90 used/);
		expectError(result, 1, /^Not sent: LinkedIn put the account on hold/);
	});
});

describe.each(ways)('pacing across calls (%s)', (way) => {
	const WINDOW = 1500;
	let api: FakeApi;
	beforeAll(async () => {
		useTimeScale(WINDOW / 60_000);
		api = await startFakeApi({ throttle: { windowMs: WINDOW } });
	});
	afterAll(async () => {
		useTimeScale(FAST_PACING);
		await api.close();
	});

	test('more messages than the per-minute write limit in one conversation: the calls wait, no 429', async () => {
		// The fake has 15 connections; the 16th write is a second message to the first of them.
		const people = Array.from({ length: 15 }, (_, i) => makeConnection(i).vanityName);
		const calls = [...people.map((p) => message(p, 'Hi!')), message(people[0], 'And the slides.')];
		const result = await runToolCalls({
			way,
			tools: [messageTool()],
			turns: calls.map((call) => [call]),
			credentials: { apiKey: api.apiKey, baseUrl: api.url },
			loader: await f.process(),
		});
		expect(result.responses[0].map((r) => r.response?.[0]?.status ?? r.error)).toEqual(
			calls.map(() => 'sent'),
		);
		expect(api.requests.filter((r) => r.status === 429)).toEqual([]);
		expect(messagesTo(api)).toHaveLength(16);
	});
});

describe('fields as a tool', () => {
	test('a field the model was not given: "empty", and how to let the model define it; the plain node says nothing of it', async () => {
		const result = await run(
			'inProcess',
			[
				{
					...messageTool(),
					parameters: { ...messageTool().parameters, text: '={{ $json.nothing }}' },
				},
			],
			[[message(friend, 'unused')]],
		);
		expectError(result, 0, /"Text" is empty[^]*Let the model define this parameter/);
		const plain = await f.run(
			{ resource: 'message', operation: 'send', profile: friend, text: '={{ $json.nothing }}' },
			[{}],
		);
		expect(plain.error?.message).toBe('"Text" is empty');
		expect(plain.error?.description).not.toMatch(/model/);
		expect(messagesTo(f.api)).toEqual([]);
	});

	test('every field whose default reads the incoming item says that, as a tool, the model defines it', async () => {
		const type = await nodeType('connectSafely');
		const fields = (properties: INodeProperties[]): INodeProperties[] =>
			properties.flatMap((p) => [
				p,
				...fields(((p.options ?? []) as INodeProperties[]).filter((o) => 'type' in o)),
			]);
		const fromItem = fields(type.description.properties).filter(
			(p) => typeof p.default === 'string' && p.default.includes('$json'),
		);
		expect(fromItem.length).toBeGreaterThan(10);
		expect(
			fromItem.filter((p) => !p.description?.includes('as an AI tool, let the model define it')),
		).toEqual([]);
	});
});
