// The API key never leaks: every operation, every error path (bad input, API errors, network faults, an API that
// echoes the key back) and the trigger run with a recognisable key, and the key — or any 8-character piece of its
// secret part — appears in no output item, no error (message, description or any other property) and nothing
// n8n or the node logs.
import { inspect } from 'util';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { makeProfile, makeReceived, makeSent, type FaultRule } from '../dev/fake-api';
import {
	logs,
	runListSearch,
	runPoll,
	type PollResult,
	type RunNodeResult,
} from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const SECRET = 'Zq8wK3vN7pR2tY6mB4xD';
const KEY = `csk_live_${SECRET}`;
const PIECES = Array.from({ length: SECRET.length - 7 }, (_, i) => SECRET.slice(i, i + 8));

const f = useFakeApi({ apiKey: KEY });

const logStart = logs.length;
let runs = 0;

function everything(value: unknown): string {
	return `${inspect(value, { depth: null, showHidden: true, getters: true, maxArrayLength: null, maxStringLength: null })}\n${safeJson(value)}`;
}

function safeJson(value: unknown): string {
	try {
		return (
			JSON.stringify(value, (_key, v) =>
				v instanceof Error
					? {
							...v,
							message: v.message,
							stack: v.stack,
							description: (v as { description?: unknown }).description,
						}
					: v,
			) ?? ''
		);
	} catch {
		return '';
	}
}

function leaks(text: string): string[] {
	return [KEY, ...PIECES].filter((piece) => text.includes(piece));
}

function expectNoLeak(result: RunNodeResult | PollResult | object): void {
	runs++;
	const text = everything(result);
	expect(leaks(text)).toEqual([]);
}

/** The key really was sent: otherwise the test would prove nothing. */
function expectKeyUsed(): void {
	expect(f.api.requests.length).toBeGreaterThan(0);
	expect(f.api.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
}

async function poll(
	parameters: INodeParameters,
	options: Partial<Parameters<typeof runPoll>[0]> = {},
) {
	try {
		return await runPoll({ parameters, credentials: f.credentials, ...options });
	} catch (error) {
		return { error, logs: logs.slice(-50) };
	}
}

const stranger = makeProfile(8);

interface Operation {
	name: string;
	parameters: INodeParameters;
	input: () => IDataObject[];
	/** The request faults are aimed at. */
	path: string | RegExp;
}

const OPERATIONS: Operation[] = [
	{
		name: 'Get Many Received',
		parameters: { resource: 'invitation', operation: 'getReceived', returnAll: true },
		input: () => [{}],
		path: '/invitations/received',
	},
	{
		name: 'Get Many Sent',
		parameters: { resource: 'invitation', operation: 'getSent', returnAll: true },
		input: () => [{}],
		path: '/invitations/sent',
	},
	{
		name: 'Accept',
		parameters: { resource: 'invitation', operation: 'accept' },
		input: () => [{ ...makeReceived(0) }],
		path: '/invitations/received/respond',
	},
	{
		name: 'Ignore',
		parameters: { resource: 'invitation', operation: 'ignore' },
		input: () => [{ ...makeReceived(1) }],
		path: '/invitations/received/respond',
	},
	{
		name: 'Withdraw',
		parameters: { resource: 'invitation', operation: 'withdraw' },
		input: () => [{ ...makeSent(0) }],
		path: '/invitations/withdraw',
	},
	{
		name: 'Send Request (status check)',
		parameters: { resource: 'connection', operation: 'sendRequest', profile: stranger.slug },
		input: () => [{}],
		path: /^\/relationship\//,
	},
	{
		name: 'Send Request',
		parameters: { resource: 'connection', operation: 'sendRequest', profile: stranger.slug },
		input: () => [{}],
		path: '/connect',
	},
	{
		name: 'Get Status',
		parameters: { resource: 'connection', operation: 'getStatus', profile: stranger.slug },
		input: () => [{}],
		path: /^\/relationship\//,
	},
];

const FAULTS: Array<[string, Omit<FaultRule, 'path'>]> = [
	[
		'400 with Zod issues',
		{
			status: 400,
			body: {
				success: false,
				error: { name: 'ZodError', issues: [{ path: ['profileId'], message: 'Required' }] },
			},
		},
	],
	['401', { status: 401, body: { error: 'Unauthorized - Invalid credentials' } }],
	[
		'401 echoing the Authorization header',
		{ status: 401, body: { success: false, error: `Invalid Authorization header: Bearer ${KEY}` } },
	],
	[
		'401 echoing the bare key',
		{ status: 401, body: { success: false, error: `API key ${KEY} is not valid`, key: KEY } },
	],
	[
		'400 echoing the key in a nested field',
		{
			status: 400,
			body: {
				success: false,
				message: 'Bad request',
				request: { headers: { authorization: `Bearer ${KEY}` }, apiKey: KEY },
			},
		},
	],
	[
		'200 success: false echoing the key',
		{ status: 200, body: { success: false, error: `Key ${KEY} has no seat for this account` } },
	],
	['403', { status: 403, body: { success: false, error: 'Trial expired' } }],
	['404', { status: 404, body: { success: false, error: 'LinkedIn profile not found: x' } }],
	[
		'429 quota',
		{
			status: 429,
			body: {
				success: false,
				error: 'Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-04-28T00:00:00Z',
				holdUntil: '2026-04-27T15:42:11Z',
			},
		},
	],
	['500', { status: 500, body: { success: false, error: 'Internal server error' } }],
	[
		'502 HTML page quoting the key',
		{
			status: 502,
			body: `<html><body><h1>Bad Gateway</h1><pre>Authorization: Bearer ${KEY}</pre></body></html>`,
		},
	],
	[
		'502 plain text quoting the key',
		{ status: 502, body: `upstream rejected key ${KEY}`, contentType: 'text/plain' },
	],
	[
		'503 with Retry-After',
		{
			status: 503,
			body: { success: false, error: 'Service unavailable' },
			headers: { 'Retry-After': '1' },
		},
	],
	['latency above the request timeout', { delayMs: 3000, status: 200, body: { success: true } }],
	['connection reset', { action: 'reset' }],
	[
		'connection reset mid-response',
		{ action: 'truncate', status: 200, body: { success: true, echo: KEY } },
	],
	[
		'200 not JSON, quoting the key',
		{ status: 200, body: `<html>Sign in again. Your key: ${KEY}</html>` },
	],
	['empty 204', { status: 204 }],
];

// Only an error for the list operations and the trigger (elsewhere it is a success whose body is output as is).
const MISSING_LIST: [string, Omit<FaultRule, 'path'>] = [
	'200 without the list, echoing the key',
	{ status: 200, body: { success: true, key: KEY } },
];

afterAll(() => {
	// Everything n8n and the node logged during this file: not a trace of the key.
	expect(leaks(logs.slice(logStart).join('\n'))).toEqual([]);
});

describe('every operation, successful', () => {
	test.each(OPERATIONS.filter((op) => !op.name.includes('status check')))('$name', async (op) => {
		const result = await f.run(
			{ ...op.parameters, options: { skipIfConnectedOrPending: true } },
			op.input(),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(0);
		expectKeyUsed();
		expectNoLeak(result);
	});

	test('the LinkedIn Account picker (list search)', async () => {
		const result = await runListSearch({
			method: 'searchAccounts',
			filter: 'sarah',
			credentials: f.credentials,
		});
		expect(result.results.length).toBe(1);
		expectKeyUsed();
		expectNoLeak(result);
	});
});

describe.each(OPERATIONS)('$name: every error path', (op) => {
	describe.each(op.name.startsWith('Get Many') ? [...FAULTS, MISSING_LIST] : FAULTS)(
		'%s',
		(_name, rule) => {
			test.each([true, false])('On Error → Continue %p', async (continueOnFail) => {
				f.api.fault({ ...rule, path: op.path });
				const result = await f.run(
					{ ...op.parameters, requestOptions: { timeout: 1000 } },
					op.input(),
					{ continueOnFail },
				);
				const failed = continueOnFail
					? result.items.find((item) => item.json.error !== undefined)
					: result.error;
				expect(failed).toBeDefined();
				expectKeyUsed();
				expectNoLeak(result);
			});
		},
	);
});

describe('bad input', () => {
	test.each<[string, INodeParameters, IDataObject]>([
		[
			'a company URL as Profile',
			{
				resource: 'connection',
				operation: 'sendRequest',
				profile: 'https://www.linkedin.com/company/acme',
			},
			{},
		],
		[
			'a note over the limit',
			{
				resource: 'connection',
				operation: 'sendRequest',
				profile: stranger.slug,
				message: 'x'.repeat(301),
			},
			{},
		],
		[
			'an accept item without validation token',
			{ resource: 'invitation', operation: 'accept' },
			{ ...makeReceived(0), validationToken: '' },
		],
		['Limit 0', { resource: 'invitation', operation: 'getReceived', limit: '={{ 0 }}' }, {}],
		[
			'an invalid account ID',
			{
				resource: 'connection',
				operation: 'getStatus',
				profile: stranger.slug,
				accountId: { __rl: true, mode: 'list', value: '={{ "not-an-account" }}' },
			},
			{},
		],
		[
			'an object as Profile',
			{ resource: 'connection', operation: 'getStatus', profile: '={{ $json.p }}' },
			{ p: { nested: true } },
		],
	])('%s', async (_name, parameters, item) => {
		for (const continueOnFail of [true, false]) {
			const result = await f.run(parameters, [item], { continueOnFail });
			expectNoLeak(result);
		}
		expect(f.api.requests).toHaveLength(0);
	});

	test('an unreachable Base URL', async () => {
		for (const continueOnFail of [true, false]) {
			const result = await f.run(
				{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
				[{}],
				{
					continueOnFail,
					credentials: { baseUrl: 'http://127.0.0.1:9/linkedin' },
				},
			);
			expect(continueOnFail ? result.items[0].json.error : result.error).toBeDefined();
			expectNoLeak(result);
		}
	});

	test('a wrong key: the rejected key does not leak either', async () => {
		const wrong = `csk_live_${'W'.repeat(4)}${SECRET.slice(4)}`;
		const result = await f.run(
			{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
			[{}],
			{
				credentials: { apiKey: wrong },
			},
		);
		expect(result.error?.httpCode).toBe('401');
		expectNoLeak(result);
		expect(everything(result)).not.toContain(wrong);
	});
});

describe('ConnectSafely Trigger', () => {
	const invitations = { event: 'invitationReceived', filters: { categories: [] } };
	const connections = { event: 'connectionAdded' };

	test.each([
		['New Received Invitation', invitations],
		['New Connection', connections],
	])('%s: activation, new items, test event', async (_name, parameters) => {
		const first = await poll(parameters);
		expectNoLeak(first);
		f.api.addReceived();
		f.api.addConnection();
		const next = await poll(parameters, { staticData: (first as PollResult).staticData });
		expect((next as PollResult).items).toHaveLength(1);
		expectNoLeak(next);
		expectNoLeak(await poll(parameters, { mode: 'manual' }));
		expectKeyUsed();
	});

	test.each([...FAULTS, MISSING_LIST])('%s', async (_name, rule) => {
		for (const [path, parameters] of [
			['/invitations/received', invitations],
			['/connections', connections],
		] as const) {
			f.api.fault({ ...rule, path });
			const result = await poll(parameters);
			expect('error' in result && result.error).toBeTruthy();
			expectNoLeak(result);
		}
		expectKeyUsed();
	});

	test('an invalid account ID and an unreachable Base URL', async () => {
		expectNoLeak(
			await poll({ ...invitations, accountId: { __rl: true, mode: 'id', value: 'nope' } }),
		);
		expectNoLeak(
			await poll(invitations, {
				credentials: { ...f.credentials, baseUrl: 'http://127.0.0.1:9/linkedin' },
			}),
		);
	});
});

test('the checks above really ran', () => {
	expect(runs).toBeGreaterThan(300);
});
