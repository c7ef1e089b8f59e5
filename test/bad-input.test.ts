// Bad input: every case fails with an error naming the field, before any request is sent. Run through n8n's real
// engine against the fake API, which records every request it receives.
import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { makeProfile, makeReceived, makeSent } from '../dev/fake-api';
import { expectRefusal, runPoll } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const stranger = makeProfile(4);

const sendRequest = (profile: unknown, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: profile as NodeParameterValueType,
	...extra,
});
const getStatus = (profile: unknown, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'getStatus',
	profile: profile as NodeParameterValueType,
	...extra,
});
const withdraw = (profile: unknown, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'invitation',
	operation: 'withdraw',
	profile: profile as NodeParameterValueType,
	...extra,
});

const PROFILE_OPERATIONS = [
	['Send Request', sendRequest],
	['Get Status', getStatus],
	['Withdraw', withdraw],
] as const;

const BAD_PROFILES: Array<[string, unknown, RegExp]> = [
	['whitespace only', '  \t ', /The profile is empty/],
	[
		'a company page',
		'https://www.linkedin.com/company/acme-corp/',
		/is a LinkedIn company page, not a person's profile/,
	],
	[
		'a school page',
		'https://www.linkedin.com/school/stanford-university/',
		/is a LinkedIn school page, not a person's profile/,
	],
	[
		'a job posting',
		'https://www.linkedin.com/jobs/view/3912345678/',
		/is a LinkedIn job URL, not a person's profile/,
	],
	[
		'a post',
		'https://www.linkedin.com/posts/jane-doe_growth-activity-7123456789012345678-abcd',
		/is a LinkedIn post or feed URL/,
	],
	['a URL with only /in/', 'https://www.linkedin.com/in/', /has no profile name after \/in\//],
	[
		'an object from an expression',
		'={{ $json.person }}',
		/expects text, got an object with the fields name, url/,
	],
	['a number from an expression', '={{ $json.count }}', /expects text, got a number \(42\)/],
	[
		'a missing field from an expression',
		'={{ $json.nothing }}',
		/The profile is empty \(the value is undefined\)/,
	],
];

const INPUT = { person: { name: 'Jane', url: 'https://www.linkedin.com/in/jane' }, count: 42 };

const WITHDRAW_BLANK = '"Profile" is empty and there is no "Member ID" to fall back on';

describe.each(PROFILE_OPERATIONS)(
	'%s: bad Profile values are refused before any request',
	(name, operation) => {
		test.each(BAD_PROFILES)('%s', async (_label, profile, problem) => {
			const { error, items } = await f.run(operation(profile), [INPUT]);
			expect(items).toEqual([]);
			if (name === 'Withdraw' && /empty/.test(problem.source)) {
				// Withdraw falls back on the item's member ID when Profile is blank; this item has none.
				expect(error?.message).toBe(WITHDRAW_BLANK);
				expect(error?.description).toMatch(/Get Many Sent/);
			} else {
				expect(error?.message).toMatch(/^Invalid "Profile": /);
				expect(error?.message).toMatch(problem);
				expect(error?.description).toMatch(/linkedin\.com\/in\/john-doe-123/);
			}
			expect(f.api.requests).toHaveLength(0);
		});

		test('an empty Profile is refused by n8n itself (a required parameter), before any request', async () => {
			await expectRefusal(f.run(operation(''), [INPUT]), 'Parameter "Profile" is required');
			expect(f.api.requests).toHaveLength(0);
		});
	},
);

describe('Send Request: notes over the limit are refused before any request', () => {
	test('a 301-character note', async () => {
		const { error } = await f.run(sendRequest(stranger.slug, { message: 'a'.repeat(301) }));
		expect(error?.message).toBe('"Note": The note is 301 characters long; the limit is 300');
		expect(error?.description).toMatch(/Shorten the note.*Truncate or Send Without Note/);
		expect(f.api.requests).toHaveLength(0);
	});

	test('a 300-character note of emoji (600 UTF-16 units, over the API’s limit)', async () => {
		const { error } = await f.run(sendRequest(stranger.slug, { message: '🤝'.repeat(300) }));
		expect(error?.message).toBe(
			'"Note": The note is 300 characters long but 600 UTF-16 units; ConnectSafely accepts at most 300 units (emoji and some symbols count twice)',
		);
		expect(f.api.requests).toHaveLength(0);
	});

	test('a note that is an object from an expression', async () => {
		const { error } = await f.run(sendRequest(stranger.slug, { message: '={{ $json.person }}' }), [
			INPUT,
		]);
		expect(error?.message).toBe('"Note": The note expects text, got an object');
		expect(f.api.requests).toHaveLength(0);
	});
});

describe.each([
	['Accept', 'accept'],
	['Ignore', 'ignore'],
])('%s: an item missing what the API needs is refused before any request', (_name, operation) => {
	const respond = { resource: 'invitation', operation };
	const connection = makeReceived(0);

	test('an item without validationToken', async () => {
		const { validationToken: _dropped, ...item } = connection;
		const { error } = await f.run(respond, [item]);
		expect(error?.message).toBe('"Validation Token" is empty');
		expect(error?.description).toMatch(/field validationToken/);
		expect(f.api.requests).toHaveLength(0);
	});

	test('an item with a blank validationToken', async () => {
		const { error } = await f.run(respond, [{ ...connection, validationToken: '   ' }]);
		expect(error?.message).toBe('"Validation Token" is empty');
		expect(f.api.requests).toHaveLength(0);
	});

	test('an item without invitationId', async () => {
		const { invitationId: _a, ...item } = connection;
		const { error } = await f.run(respond, [item]);
		expect(error?.message).toBe('"Invitation ID" is empty');
		expect(f.api.requests).toHaveLength(0);
	});

	test('a connection invitation without the inviter’s member ID', async () => {
		const { error } = await f.run(respond, [{ ...connection, memberId: '' }]);
		expect(error?.message).toBe('"Member ID" is empty');
		expect(f.api.requests).toHaveLength(0);
	});

	test('an empty item (not connected after Get Many Received)', async () => {
		const { error } = await f.run(respond, [{}]);
		expect(error?.message).toBe('"Invitation ID" is empty');
		expect(f.api.requests).toHaveLength(0);
	});
});

describe('Withdraw: an item with neither a profile nor a member URN', () => {
	test('is refused before any request, saying where the profile usually comes from', async () => {
		const { profile: _profile, memberId: _memberId, memberUrn: _memberUrn, ...item } = makeSent(0);
		const { error } = await f.run({ resource: 'invitation', operation: 'withdraw' }, [item]);
		expect(error?.message).toBe(WITHDRAW_BLANK);
		expect(error?.description).toMatch(/Get Many Sent/);
		expect(f.api.requests).toHaveLength(0);
	});

	test('an empty item is refused the same way', async () => {
		const { error } = await f.run({ resource: 'invitation', operation: 'withdraw' }, [{}]);
		expect(error?.message).toBe(WITHDRAW_BLANK);
		expect(f.api.requests).toHaveLength(0);
	});
});

describe.each([
	['Get Many Received', 'getReceived'],
	['Get Many Sent', 'getSent'],
])('%s: Limit below 1 from an expression is refused before any request', (_name, operation) => {
	test.each([
		['0', '={{ 0 }}', '0'],
		['-5', '={{ -5 }}', '-5'],
		['2.5', '={{ 2.5 }}', '2.5'],
		['a text', '={{ "ten" }}', '"ten"'],
	])('Limit %s', async (_label, limit, shown) => {
		const { error, items } = await f.run({
			resource: 'invitation',
			operation,
			returnAll: false,
			limit,
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe(`"Limit" must be a whole number of at least 1, got ${shown}`);
		expect(error?.description).toMatch(/Return All/);
		expect(f.api.requests).toHaveLength(0);
	});
});

const ALL_OPERATIONS: Array<[string, INodeParameters, object]> = [
	['Get Many Received', { resource: 'invitation', operation: 'getReceived' }, {}],
	['Get Many Sent', { resource: 'invitation', operation: 'getSent' }, {}],
	['Accept', { resource: 'invitation', operation: 'accept' }, makeReceived(0)],
	['Ignore', { resource: 'invitation', operation: 'ignore' }, makeReceived(0)],
	['Withdraw', { resource: 'invitation', operation: 'withdraw' }, makeSent(0)],
	['Send Request', sendRequest(stranger.slug), {}],
	['Get Status', getStatus(stranger.slug), {}],
];

const BAD_ACCOUNTS = [
	'64f1a2b3',
	'64f1a2b3c4d5e6f7a8b9c0dz',
	'64f1a2b3c4d5e6f7a8b9c0d1ff',
	'default account',
	'${accountId}',
];

describe.each(ALL_OPERATIONS)(
	'%s: an account ID that is not 24 hex characters is refused before any request',
	(_name, parameters, item) => {
		test.each(BAD_ACCOUNTS)('%p from an expression', async (accountId) => {
			const { error } = await f.run(
				{ ...parameters, accountId: { __rl: true, mode: 'list', value: '={{ $json.account }}' } },
				[{ ...item, account: accountId }],
			);
			expect(error?.message).toBe(
				`"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId}"`,
			);
			expect(error?.description).toMatch(/Pick the account from the list/);
			expect(f.api.requests).toHaveLength(0);
		});
	},
);

describe('ConnectSafely Trigger: an account ID that is not 24 hex characters', () => {
	test.each(BAD_ACCOUNTS)('%p is refused before any request', async (accountId) => {
		await expect(
			runPoll({
				parameters: {
					event: 'invitationReceived',
					accountId: { __rl: true, mode: 'id', value: accountId },
				},
				credentials: f.credentials,
			}),
		).rejects.toThrow(
			`"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId}"`,
		);
		expect(f.api.requests).toHaveLength(0);
	});
});

describe('On Error → Continue: bad items fail in place, the good ones are sent, in order', () => {
	test('Send Request over a mix of good and bad profiles and notes', async () => {
		const good = [makeProfile(6), makeProfile(7)];
		const input = [
			{ p: good[0].slug, note: '' },
			{ p: 'https://www.linkedin.com/company/acme/', note: '' },
			{ p: stranger.slug, note: 'x'.repeat(301) },
			{ p: 42, note: '' },
			{ p: good[1].profileUrl, note: 'Hi!' },
		];
		const { items, error } = await f.run(
			sendRequest('={{ $json.p }}', { message: '={{ $json.note }}' }),
			input,
			{
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(
			items.map((item) => [
				item.pairedItem,
				item.json.error ?? `${item.json.status} ${item.json.profileId}`,
			]),
		).toEqual([
			[{ item: 0 }, `sent ${good[0].slug}`],
			[
				{ item: 1 },
				'Invalid "Profile": "https://www.linkedin.com/company/acme/" is a LinkedIn company page, not a person\'s profile.',
			],
			[{ item: 2 }, '"Note": The note is 301 characters long; the limit is 300'],
			[
				{ item: 3 },
				'Invalid "Profile": expects text, got a number (42); an expression probably points at the wrong field.',
			],
			[{ item: 4 }, `sent ${good[1].slug}`],
		]);
		expect(f.api.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
			[...good.map((p) => `GET /relationship/${p.slug}`), 'POST /connect', 'POST /connect'].sort(),
		);
		expect(f.api.requests.filter((r) => r.path === '/connect').map((r) => r.body)).toEqual([
			{ profileId: good[0].slug },
			{ profileId: good[1].slug, customMessage: 'Hi!' },
		]);
	});

	test('Accept over items with and without a validation token', async () => {
		const [a, b, c] = [makeReceived(0), makeReceived(1), makeReceived(3)];
		const { validationToken: _dropped, ...withoutToken } = b;
		const { items } = await f.run(
			{ resource: 'invitation', operation: 'accept' },
			[a, withoutToken, c],
			{ continueOnFail: true },
		);
		expect(items.map((item) => [item.pairedItem, item.json.error ?? item.json.status])).toEqual([
			[{ item: 0 }, 'accepted'],
			[{ item: 1 }, '"Validation Token" is empty'],
			[{ item: 2 }, 'accepted'],
		]);
		expect(f.api.requests.map((r) => r.body.invitationId)).toEqual([
			a.invitationId,
			c.invitationId,
		]);
	});
});
