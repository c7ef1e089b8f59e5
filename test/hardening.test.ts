// Every request goes through one path that never follows a redirect, bounds the whole answer in time and size,
// accepts only the success ConnectSafely promises for each endpoint, pages to an end, redacts the key from every
// answer and refuses bad parameter types before any request. Each fault is aimed at every operation family
// (lists, writes, status, the trigger, the account picker) with On Error → Continue and Stop.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { makeProfile, makeReceived, makeSent, startRecorder, type Recorder } from '../dev/fake-api';
import { runListSearch, runPoll, type RunNodeResult } from './helpers/engine';
import { calls, useFakeApi } from './helpers/fixture';

const KEY = 'csk_live_Hq7Lm2Vx9Rt4Wp6Zc3Nb';
const PIECES = Array.from({ length: KEY.length - 7 }, (_, i) => KEY.slice(i, i + 8));
const f = useFakeApi({ apiKey: KEY });

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
beforeEach(() => recorder.clear());
afterAll(async () => recorder.close());

const stranger = makeProfile(8);

interface Family {
	name: string;
	kind: 'list' | 'write' | 'status';
	parameters: INodeParameters;
	input: () => IDataObject[];
	path: string | RegExp;
	label: string;
}

const NODE_OPERATIONS: Family[] = [
	{
		name: 'Get Many Received',
		kind: 'list',
		parameters: { resource: 'invitation', operation: 'getReceived', returnAll: true },
		input: () => [{}],
		path: '/invitations/received',
		label: 'Get received invitations',
	},
	{
		name: 'Get Many Sent',
		kind: 'list',
		parameters: { resource: 'invitation', operation: 'getSent', returnAll: true },
		input: () => [{}],
		path: '/invitations/sent',
		label: 'Get sent invitations',
	},
	{
		name: 'Accept',
		kind: 'write',
		parameters: { resource: 'invitation', operation: 'accept' },
		input: () => [{ ...makeReceived(0) }],
		path: '/invitations/received/respond',
		label: 'Accept invitation',
	},
	{
		name: 'Ignore',
		kind: 'write',
		parameters: { resource: 'invitation', operation: 'ignore' },
		input: () => [{ ...makeReceived(1) }],
		path: '/invitations/received/respond',
		label: 'Ignore invitation',
	},
	{
		name: 'Withdraw',
		kind: 'write',
		parameters: { resource: 'invitation', operation: 'withdraw' },
		input: () => [{ ...makeSent(0) }],
		path: '/invitations/withdraw',
		label: 'Withdraw invitation',
	},
	{
		name: 'Send Request',
		kind: 'write',
		parameters: { resource: 'connection', operation: 'sendRequest', profile: stranger.slug },
		input: () => [{}],
		path: '/connect',
		label: 'Send connection request',
	},
	{
		name: 'Send Request (status check)',
		kind: 'status',
		parameters: { resource: 'connection', operation: 'sendRequest', profile: stranger.slug },
		input: () => [{}],
		path: /^\/relationship\//,
		label: 'Send connection request (status check)',
	},
	{
		name: 'Get Status',
		kind: 'status',
		parameters: { resource: 'connection', operation: 'getStatus', profile: stranger.slug },
		input: () => [{}],
		path: /^\/relationship\//,
		label: 'Get connection status',
	},
];

function leaks(value: unknown): string[] {
	const text = JSON.stringify(value, (_key, v) =>
		v instanceof Error
			? { ...v, message: v.message, description: (v as { description?: unknown }).description }
			: v,
	);
	return [KEY, ...PIECES].filter((piece) => text.includes(piece));
}

/** The one error of a one-item run: the error item (Continue) or the node's error (Stop). */
function errorOf(
	result: RunNodeResult,
	continueOnFail: boolean,
): { message: string; description?: string } {
	if (continueOnFail) {
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const { json } = result.items[0];
		expect(json.error).toBeDefined();
		return {
			message: String(json.error),
			description: json.message as string | undefined,
		};
	}
	expect(result.error).toBeDefined();
	return {
		message: result.error!.message,
		description: (result.error as { description?: string }).description,
	};
}

const connects = () => f.api.requests.filter((r) => r.path === '/connect');

describe('redirects are never followed', () => {
	describe.each(NODE_OPERATIONS)('$name', (op) => {
		test.each(
			[301, 302, 303, 307, 308].flatMap((status) => [
				[status, true] as const,
				[status, false] as const,
			]),
		)(
			'%i, On Error → Continue %p: an error naming the status and host; the other host gets nothing',
			async (status, continueOnFail) => {
				f.api.fault({
					path: op.path,
					action: 'redirect',
					status,
					location: `${recorder.url}/linkedin/elsewhere?token=abc`,
				});
				const result = await f.run(op.parameters, op.input(), { continueOnFail });
				const error = errorOf(result, continueOnFail);
				expect(error.message).toBe(
					`${op.label} failed: ConnectSafely answered with a redirect (${status}) to 127.0.0.1:${recorder.port}`,
				);
				expect(error.description).toContain("ConnectSafely's API does not redirect");
				expect(error.message).not.toContain('token=abc');
				expect(recorder.requests).toEqual([]);
				if (op.kind === 'status') expect(connects()).toEqual([]);
				expect(leaks(result)).toEqual([]);
			},
		);
	});

	test.each([301, 307])('the trigger and the account picker (%i)', async (status) => {
		f.api.fault({
			path: '/invitations/received',
			action: 'redirect',
			status,
			location: `${recorder.url}/x`,
		});
		await expect(
			runPoll({ parameters: { event: 'invitationReceived' }, credentials: f.credentials }),
		).rejects.toMatchObject({
			message: `Checking for new invitations failed: ConnectSafely answered with a redirect (${status}) to 127.0.0.1:${recorder.port}`,
		});
		f.api.fault({ path: '/accounts', action: 'redirect', status, location: `${recorder.url}/x` });
		await expect(
			runListSearch({ method: 'searchAccounts', credentials: f.credentials }),
		).rejects.toMatchObject({
			message: `Listing LinkedIn accounts failed: ConnectSafely answered with a redirect (${status}) to 127.0.0.1:${recorder.port}`,
		});
		expect(recorder.requests).toEqual([]);
	});
});

describe('the key never shows, even when a successful answer echoes it', () => {
	test.each(NODE_OPERATIONS.filter((op) => op.kind !== 'status' || op.name === 'Get Status'))(
		'$name',
		async (op) => {
			f.api.fault({ path: op.path, action: 'echo', times: 5 });
			const result = await f.run(op.parameters, op.input());
			expect(result.error).toBeUndefined();
			expect(result.items.length).toBeGreaterThan(0);
			expect(f.api.requests.some((r) => r.fault === 'echo')).toBe(true);
			expect(leaks(result)).toEqual([]);
		},
	);

	test('the trigger and the account picker', async () => {
		f.api.addReceived();
		const first = await runPoll({
			parameters: { event: 'invitationReceived' },
			credentials: f.credentials,
		});
		f.api.addReceived();
		f.api.fault({ path: '/invitations/received', action: 'echo' });
		const next = await runPoll({
			parameters: { event: 'invitationReceived' },
			credentials: f.credentials,
			staticData: first.staticData,
		});
		expect(next.items).toHaveLength(1);
		f.api.fault({ path: '/accounts', action: 'echo' });
		const accounts = await runListSearch({
			method: 'searchAccounts',
			credentials: f.credentials,
		}).catch((error: unknown) => error);
		expect(leaks([next, accounts])).toEqual([]);
	});

	test('a key stored with spaces around it: the header carries it trimmed, and it is redacted', async () => {
		f.api.fault({ path: '/relationship/' + stranger.slug, action: 'echo' });
		const result = await f.run(
			{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
			[{}],
			{ credentials: { apiKey: `  ${KEY} ` } },
		);
		expect(result.error).toBeUndefined();
		expect(f.api.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
		expect(leaks(result)).toEqual([]);
	});
});

describe('only the success ConnectSafely promises counts', () => {
	const ODD_200S: Array<[string, unknown]> = [
		['{}', {}],
		['success "false"', { success: 'false' }],
		['success 0', { success: 0 }],
		["a captive portal's JSON", { status: 'ok', redirect: 'https://portal.example/login' }],
	];
	describe.each(NODE_OPERATIONS.filter((op) => op.kind === 'write'))('$name', (op) => {
		test.each(
			ODD_200S.flatMap(([name, body]) => [
				[name, body, true] as const,
				[name, body, false] as const,
			]),
		)(
			'%s, On Error → Continue %p: an error saying it may or may not have been carried out',
			async (_name, body, continueOnFail) => {
				f.api.fault({ path: op.path, status: 200, body: body as IDataObject });
				const result = await f.run(op.parameters, op.input(), { continueOnFail });
				const error = errorOf(result, continueOnFail);
				expect(error.message).toMatch(
					new RegExp(
						`^${op.label.replace(/[()]/g, '\\$&')} failed: ConnectSafely sent an answer that is not what it promises \\(.+\\) \\(200\\)$`,
					),
				);
				expect(error.description).toContain('may have reached ConnectSafely and been carried out');
				expect(
					f.api.requests.filter((r) =>
						typeof op.path === 'string' ? r.path === op.path : op.path.test(r.path),
					),
				).toHaveLength(1);
			},
		);
	});

	test.each([true, false])(
		'a status check without the relationship flags stops the send (Continue %p)',
		async (continueOnFail) => {
			f.api.fault({
				path: /^\/relationship\//,
				status: 200,
				body: { success: true, status: 'NOT_CONNECTED' },
			});
			const result = await f.run(
				{ resource: 'connection', operation: 'sendRequest', profile: stranger.slug },
				[{}],
				{ continueOnFail },
			);
			const error = errorOf(result, continueOnFail);
			expect(error.message).toBe(
				'Send connection request (status check) failed: ConnectSafely sent an answer that is not what it promises (no true/false connected, invitationSent, invitationReceived) (200)',
			);
			expect(connects()).toEqual([]);
		},
	);

	test('Get Status without the flags is an error, not a status', async () => {
		f.api.fault({ path: /^\/relationship\//, status: 200, body: { connected: 'yes' } });
		const result = await f.run(
			{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
			[{}],
			{ continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toContain(
			'no true/false connected, invitationSent, invitationReceived',
		);
	});

	test('the account picker needs a list', async () => {
		f.api.fault({ path: '/accounts', status: 200, body: { success: true } });
		await expect(
			runListSearch({ method: 'searchAccounts', credentials: f.credentials }),
		).rejects.toMatchObject({
			message:
				'Listing LinkedIn accounts failed: ConnectSafely sent an answer that is not what it promises (no list of accounts) (200)',
		});
	});
});

describe('paging always ends', () => {
	const page = (n: number, from = 0) => ({
		success: true,
		invitations: Array.from({ length: n }, (_, i) => makeReceived(from + i)),
	});

	test.each([true, false])(
		'an API that ignores startIndex: 2 requests, each entry once (Continue %p)',
		async (continueOnFail) => {
			f.api.fault({ path: '/invitations/received', status: 200, body: () => page(10), times: 100 });
			const result = await f.run(
				{ resource: 'invitation', operation: 'getReceived', returnAll: true },
				[{}],
				{ continueOnFail },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.invitationId)).toEqual(
				page(10).invitations.map((inv) => inv.invitationId),
			);
			expect(calls(f.api).map((c) => c.query.startIndex)).toEqual(['0', '10']);
		},
	);

	test('a list that shifts while paging: startIndex advances by what was received, nothing repeats', async () => {
		// Page 2 starts with the last entry of page 1 (a new invitation arrived in between).
		f.api.fault({
			path: '/invitations/received',
			query: { startIndex: 0 },
			status: 200,
			body: page(10),
		});
		f.api.fault({
			path: '/invitations/received',
			query: { startIndex: 10 },
			status: 200,
			body: page(5, 9),
		});
		const result = await f.run(
			{ resource: 'invitation', operation: 'getReceived', returnAll: true },
			[{}],
		);
		expect(result.items.map((item) => item.json.invitationId)).toEqual(
			page(14).invitations.map((inv) => inv.invitationId),
		);
		expect(calls(f.api).map((c) => c.query.startIndex)).toEqual(['0', '10']);
	});

	test.each([
		[20, true],
		[20, false],
		[10_000, true],
		[10_000, false],
	])(
		'a page of %i entries is refused, no stack overflow (Continue %p)',
		async (size, continueOnFail) => {
			f.api.fault({
				path: '/invitations/received',
				status: 200,
				body: {
					success: true,
					invitations: Array.from({ length: size }, (_, i) => ({
						id: String(i),
						invitationId: String(i),
					})),
				},
			});
			const result = await f.run(
				{ resource: 'invitation', operation: 'getReceived', returnAll: true },
				[{}],
				{ continueOnFail },
			);
			const error = errorOf(result, continueOnFail);
			expect(error.message).toBe(
				`Get received invitations failed: ConnectSafely sent ${size} entries in one page, more than the 10 it promises`,
			);
			expect(f.api.requests).toHaveLength(1);
		},
	);

	test('Return All reads past 500 pages to the end of the list, and keeps every entry', async () => {
		let n = 0;
		f.api.fault({
			path: '/invitations/received',
			status: 200,
			body: () => page(n < 6000 ? 10 : 3, (n += 10) - 10),
			times: 601,
		});
		const result = await f.run(
			{ resource: 'invitation', operation: 'getReceived', returnAll: true },
			[{}],
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(6003);
		expect(f.api.requests).toHaveLength(601);
	}, 120_000);

	test('the trigger refuses an overlong page and remembers nothing from it', async () => {
		f.api.fault({ path: '/invitations/received', status: 200, body: page(11) });
		await expect(
			runPoll({ parameters: { event: 'invitationReceived' }, credentials: f.credentials }),
		).rejects.toMatchObject({
			message:
				'Checking for new invitations failed: ConnectSafely sent 11 entries in one page, more than the 10 it promises',
		});
	});
});

describe('every answer is bounded in time and size', () => {
	test.each(
		NODE_OPERATIONS.flatMap((op) => [[op.name, op, true] as const, [op.name, op, false] as const]),
	)(
		'%s: a body dripping 1 byte a second ends at Timeout 500 ms (Continue %p)',
		async (_name, op, continueOnFail) => {
			f.api.fault({
				path: op.path,
				action: 'drip',
				status: 200,
				body: {
					success: true,
					connected: false,
					invitationSent: false,
					invitationReceived: false,
					invitations: [],
				},
				chunkBytes: 1,
				intervalMs: 1000,
			});
			const result = await f.run(
				{ ...op.parameters, requestOptions: { timeout: 500 } },
				op.input(),
				{ continueOnFail },
			);
			const error = errorOf(result, continueOnFail);
			expect(error.message).toBe(
				`${op.label} failed: ConnectSafely did not answer within the request timeout of 500 ms (ETIMEDOUT)`,
			);
			// Cut by the deadline, not by the body's end (the drip would take longer than the test may run).
			const dripped = f.api.requests.find((r) => r.fault === 'drip');
			expect(dripped?.completed).not.toBe(true);
			expect(dripped?.bytesSent ?? 0).toBeLessThan(20);
			if (op.kind !== 'list')
				expect(connects().length).toBeLessThanOrEqual(op.name === 'Send Request' ? 1 : 0);
		},
	);

	test.each(
		NODE_OPERATIONS.flatMap((op) => [[op.name, op, true] as const, [op.name, op, false] as const]),
	)('%s: an endless body is cut at 5 MB (Continue %p)', async (_name, op, continueOnFail) => {
		f.api.fault({ path: op.path, action: 'endless' });
		const result = await f.run(op.parameters, op.input(), { continueOnFail });
		const error = errorOf(result, continueOnFail);
		expect(error.message).toBe(`${op.label} failed: ConnectSafely's answer is larger than 5 MB`);
		const endless = f.api.requests.find((r) => r.fault === 'endless');
		expect(endless?.bytesSent ?? 0).toBeLessThan(32 * 1024 * 1024);
	});

	test('a 64 MB valid JSON answer is refused, not read', async () => {
		f.api.fault({ path: '/invitations/received', action: 'large', bytes: 64 * 1024 * 1024 });
		const result = await f.run(
			{ resource: 'invitation', operation: 'getReceived', returnAll: true },
			[{}],
			{ continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toBe(
			"Get received invitations failed: ConnectSafely's answer is larger than 5 MB",
		);
	});

	test('the trigger and the account picker: endless bodies are cut, hangs end at the 30 s default deadline', async () => {
		f.api.fault({ path: '/invitations/received', action: 'endless' });
		await expect(
			runPoll({ parameters: { event: 'invitationReceived' }, credentials: f.credentials }),
		).rejects.toMatchObject({
			message: "Checking for new invitations failed: ConnectSafely's answer is larger than 5 MB",
		});
		f.api.fault({ path: '/invitations/received', action: 'hang' });
		f.api.fault({ path: '/accounts', action: 'hang' });
		const started = Date.now();
		const [poll, accounts] = await Promise.allSettled([
			runPoll({ parameters: { event: 'invitationReceived' }, credentials: f.credentials }),
			runListSearch({ method: 'searchAccounts', credentials: f.credentials }),
		]);
		const elapsed = Date.now() - started;
		expect(poll).toMatchObject({
			status: 'rejected',
			reason: {
				message:
					'Checking for new invitations failed: ConnectSafely did not answer within the request timeout of 30000 ms (ETIMEDOUT)',
			},
		});
		expect(accounts).toMatchObject({
			status: 'rejected',
			reason: {
				message:
					'Listing LinkedIn accounts failed: ConnectSafely did not answer within the request timeout of 30000 ms (ETIMEDOUT)',
			},
		});
		expect(elapsed).toBeGreaterThanOrEqual(29_000);
	}, 45_000);
});

describe('Base URL checks, before any request', () => {
	test.each([
		['', 'Get connection status failed: The Base URL of the credential is empty'],
		[
			'api.connectsafely.ai/linkedin',
			'Get connection status failed: The Base URL of the credential must start with https://',
		],
		[
			'ftp://api.connectsafely.ai/linkedin',
			'Get connection status failed: The Base URL of the credential must start with https://',
		],
		[
			'https://api.connectsafely.ai/linkedin?x=1',
			'Get connection status failed: The Base URL of the credential must not have a query or fragment (https://api.connectsafely.ai/linkedin…)',
		],
		[
			'http://api.connectsafely.ai/linkedin',
			'Get connection status failed: The Base URL of the credential uses plain http:// to api.connectsafely.ai: the API key would travel unencrypted',
		],
		[
			'http://user:s3cretpass@api.connectsafely.ai/linkedin',
			'Get connection status failed: The Base URL of the credential uses plain http:// to api.connectsafely.ai: the API key would travel unencrypted',
		],
	])('%p', async (baseUrl, message) => {
		const result = await f.run(
			{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
			[{}],
			{ credentials: { baseUrl } },
		);
		expect(result.error?.message).toBe(message);
		expect(JSON.stringify(result)).not.toContain('s3cretpass');
		expect(f.api.requests).toEqual([]);
	});

	test('user:password in a loopback Base URL never appears in a message', async () => {
		const baseUrl = f.api.url.replace('http://', 'http://user:s3cretpass@');
		f.api.fault({ path: /^\/relationship\//, action: 'reset' });
		const result = await f.run(
			{ resource: 'connection', operation: 'getStatus', profile: stranger.slug },
			[{}],
			{ credentials: { baseUrl }, continueOnFail: true },
		);
		expect(result.items[0].json.error).toBeDefined();
		expect(JSON.stringify(result)).not.toContain('s3cretpass');
		const error = await runPoll({
			parameters: { event: 'invitationReceived' },
			credentials: { ...f.credentials, baseUrl: 'http://user:s3cretpass@127.0.0.1:9/linkedin' },
		}).catch((e: { message: string; description: string }) => e);
		expect(error).toMatchObject({
			message:
				'Checking for new invitations failed: ConnectSafely could not be reached (ECONNREFUSED)',
		});
		const { message, description } = error as { message: string; description: string };
		expect(`${message} ${description}`).not.toContain('s3cretpass');
		expect(description).toContain('(http://127.0.0.1:9/linkedin)');
	});
});

describe('parameter types are checked before any request', () => {
	const accept = { resource: 'invitation', operation: 'accept' };
	test.each<[string, INodeParameters, IDataObject, string]>([
		[
			'an Invitation ID that lost digits as a number',
			accept,
			{ ...makeReceived(0), invitationId: 7212345678901234567 },
			'"Invitation ID" arrived as the number 7212345678901235000, which has lost digits',
		],
		[
			'an Invitation ID that is an object',
			accept,
			{ ...makeReceived(0), invitationId: { id: 1 } },
			'"Invitation ID" expects text, got an object',
		],
		[
			'an Invitation ID that is an array',
			accept,
			{ ...makeReceived(0), invitationId: ['1'] },
			'"Invitation ID" expects text, got an array',
		],
		[
			'an Invitation ID that is a boolean',
			accept,
			{ ...makeReceived(0), invitationId: true },
			'"Invitation ID" expects text, got a boolean (true)',
		],
		[
			'Return All as the text "true"',
			{ resource: 'invitation', operation: 'getReceived', returnAll: '={{ "true" }}' },
			{},
			'"Return All" expects true or false, got a string',
		],
		[
			'Limit as text',
			{ resource: 'invitation', operation: 'getReceived', limit: '={{ "5" }}' },
			{},
			'"Limit" must be a whole number of at least 1, got "5"',
		],
		[
			'a Profile of combining marks only',
			{ resource: 'connection', operation: 'sendRequest', profile: '\u0301\u0302\u0303\u0304' },
			{},
			'Invalid "Profile": "\u0301\u0302\u0303\u0304" is not a LinkedIn profile: it has no letter or digit.',
		],
		[
			'a Profile that is an object',
			{ resource: 'connection', operation: 'getStatus', profile: '={{ $json.p }}' },
			{ p: { a: 1 } },
			'Invalid "Profile": expects text, got an object with the fields a; an expression probably points at the wrong field.',
		],
	])('%s', async (_name, parameters, item, message) => {
		for (const continueOnFail of [true, false]) {
			f.api.reset();
			const result = await f.run(parameters, [item], { continueOnFail });
			expect(errorOf(result, continueOnFail).message).toBe(message);
			expect(f.api.requests).toEqual([]);
		}
	});

	test('a small Invitation ID number is sent as text', async () => {
		const invitation = f.api.addReceived({ invitationId: '4242' });
		const result = await f.run({ ...accept, options: { allowNonConnection: true } }, [
			{ ...invitation, invitationId: 4242 },
		]);
		expect(result.error).toBeUndefined();
		expect((f.api.requests[0].body as IDataObject).invitationId).toBe('4242');
	});
});

describe('the trigger', () => {
	const ALL = { event: 'invitationReceived', filters: { categories: [] } };
	test('two polls at once: the second does nothing, each invitation is emitted once', async () => {
		const first = await runPoll({ parameters: ALL, credentials: f.credentials });
		f.api.clearRequests();
		f.api.addReceived();
		f.api.addReceived();
		f.api.fault({
			path: '/invitations/received',
			status: 200,
			delayMs: 300,
			body: () => ({ success: true, invitations: f.api.state.received.slice(0, 10) }),
		});
		const copy = () => JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		const [a, b] = await Promise.all([
			runPoll({ parameters: ALL, credentials: f.credentials, staticData: copy() }),
			runPoll({ parameters: ALL, credentials: f.credentials, staticData: copy() }),
		]);
		expect([a.items?.length ?? 0, b.items?.length ?? 0].sort()).toEqual([0, 2]);
		expect(f.api.requests.filter((r) => r.path === '/invitations/received')).toHaveLength(1);
	});

	test.each<[string, unknown]>([
		['seen as text', { version: 1, key: 'invitationReceived:default', seen: 'abc' }],
		[
			'seen of numbers and objects',
			{ version: 1, key: 'invitationReceived:default', seen: [1, { a: 1 }, null] },
		],
		[
			'ids far too long',
			{ version: 1, key: 'invitationReceived:default', seen: ['x'.repeat(100_000)] },
		],
		[
			'a million ids',
			{
				version: 1,
				key: 'invitationReceived:default',
				seen: Array.from({ length: 1_000_000 }, (_, i) => `id-${i}`),
			},
		],
	])(
		'tampered state (%s) is ignored safely and replaced by a bounded one',
		async (_name, stored) => {
			const staticData = { 'node:ConnectSafely Trigger': stored } as IDataObject;
			const result = await runPoll({
				parameters: { event: 'invitationReceived' },
				credentials: f.credentials,
				staticData,
			});
			expect(result.items).toBeNull();
			const saved = JSON.stringify(result.nodeStaticData);
			expect(saved.length).toBeLessThan(10_000);
			expect(
				(result.nodeStaticData.seen as string[]).every(
					(id) => typeof id === 'string' && id.length <= 200,
				),
			).toBe(true);
		},
	);

	test('node state that is not an object: nothing emitted, a warning, no crash', async () => {
		const staticData = { 'node:ConnectSafely Trigger': 'garbage' } as IDataObject;
		f.api.addReceived();
		const result = await runPoll({ parameters: ALL, credentials: f.credentials, staticData });
		expect(result.items).toBeNull();
		expect(result.logs.join('\n')).toContain('the saved state of this node is not an object');
	});
});
