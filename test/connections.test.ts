import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT_ID,
	makeConnection,
	makeProfile,
	memberIdFor,
	SECOND_ACCOUNT_ID,
} from '../dev/fake-api';
import { expectRefusal } from './helpers/engine';
import { calls, json, shiftClock, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const send = (profile: unknown, extra = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: profile as NodeParameterValueType,
	...extra,
});
const status = (profile: unknown, extra = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'getStatus',
	profile: profile as NodeParameterValueType,
	...extra,
});

const stranger = makeProfile(3);

const connectRequest = () => f.api.requests.filter((r) => r.path === '/connect')[0];
const connectBody = () => connectRequest().body;

describe('Send Request', () => {
	const slug = stranger.slug;
	test.each([
		[`https://www.linkedin.com/in/${slug}/`],
		[`http://linkedin.com/in/${slug}`],
		[`www.linkedin.com/in/${slug}`],
		[`linkedin.com/in/${slug}/?utm_source=share#about`],
		[`https://uk.linkedin.com/in/${slug}`],
		[`https://www.linkedin.com/in/${slug}/details/experience/`],
		[`  ${slug}  `],
	])('profile %p is sent as the vanity name', async (profile) => {
		const { items, error } = await f.run(send(profile));
		expect(error).toBeUndefined();
		expect(calls(f.api)).toEqual([
			{ method: 'GET', path: `/relationship/${slug}`, query: {}, body: undefined },
			{ method: 'POST', path: '/connect', query: {}, body: { profileId: slug } },
		]);
		expect(items[0].json).toMatchObject({ status: 'sent', success: true, profileId: slug });
	});

	test('a non-ASCII slug, raw or percent-encoded, is sent decoded', async () => {
		const accented = makeProfile(39);
		const target = Object.values(f.api.state.profiles).find(
			(p) =>
				/[^\x00-\x7f]/.test(p.slug) && !p.connected && !p.invitationSent && !p.invitationReceived,
		)!;
		expect(target).toBeDefined();
		void accented;
		await f.run(send(`https://www.linkedin.com/in/${encodeURIComponent(target.slug)}/`));
		expect(connectBody()).toEqual({ profileId: target.slug });
		expect(connectRequest().status).toBe(200);
	});

	test.each([
		['a member URN', (m: string) => `urn:li:fsd_profile:${m}`],
		['a bare member ID', (m: string) => m],
	])('%s is sent as profileUrn', async (_label, form) => {
		const memberId = memberIdFor(stranger.slug);
		await f.run(send(form(memberId)));
		expect(connectBody()).toEqual({ profileUrn: `urn:li:fsd_profile:${memberId}` });
		expect(connectRequest().status).toBe(200);
	});

	test('an empty Profile is caught by n8n itself before the node runs', async () => {
		await expectRefusal(f.run(send('')), 'Parameter "Profile" is required');
		expect(f.api.requests).toHaveLength(0);
	});

	test.each([
		['={{ $json.missing }}', /empty/],
		['   ', /empty/],
		['https://www.linkedin.com/company/acme/', /company/i],
		['https://www.linkedin.com/school/mit/', /school/i],
		['https://www.linkedin.com/jobs/view/123456/', /job/i],
		['https://www.linkedin.com/posts/jane_doe-activity-123', /post/i],
		['https://www.linkedin.com/in/', /in\//],
		['https://www.linkedin.com/sales/lead/ACwAAB123,NAME_SEARCH,abc', /Sales Navigator/],
		[42, /number/],
		[{ url: 'x' }, /object/],
	])('profile %p is refused naming the parameter, before any request', async (profile, problem) => {
		const { error } = await f.run(send(profile));
		expect(error?.message).toMatch(/^Invalid "Profile": /);
		expect(error?.message).toMatch(problem);
		expect(error?.description).toMatch(/linkedin\.com\/in\//);
		expect(f.api.requests).toHaveLength(0);
	});

	test('the limit counts characters as LinkedIn does: 150 letters and 50 emoji fit a limit of 200', async () => {
		const note = `${'a'.repeat(100)} ${'👋'.repeat(50)} ${'b'.repeat(48)}`;
		const { error } = await f.run(
			send(stranger.slug, { message: note, options: { messageLimit: 200 } }),
		);
		expect(error).toBeUndefined();
		expect(connectBody()).toEqual({ profileId: stranger.slug, customMessage: note });
	});

	test('a note of 300 emoji fits 300 characters but not the API’s 300 UTF-16 units: refused before any request', async () => {
		const { error } = await f.run(send(stranger.slug, { message: '👋'.repeat(300) }));
		expect(error?.message).toBe(
			'"Note": The note is 300 characters long but 600 UTF-16 units; ConnectSafely accepts at most 300 units (emoji and some symbols count twice)',
		);
		expect(f.api.requests).toHaveLength(0);
	});

	test('a note over the limit fails by default with its length and the limit, before any request', async () => {
		const { error } = await f.run(send(stranger.slug, { message: 'a'.repeat(301) }));
		expect(error?.message).toBe('"Note": The note is 301 characters long; the limit is 300');
		expect(f.api.requests).toHaveLength(0);
	});

	test('Note Limit 200 applies to free accounts', async () => {
		const { error } = await f.run(
			send(stranger.slug, { message: 'b'.repeat(201), options: { messageLimit: 200 } }),
		);
		expect(error?.message).toBe('"Note": The note is 201 characters long; the limit is 200');
		expect(f.api.requests).toHaveLength(0);
	});

	test('Truncate cuts at the last word that fits', async () => {
		const message = `${'word '.repeat(59)}lastword`;
		const { items } = await f.run(
			send(stranger.slug, { message, options: { onLongMessage: 'truncate' } }),
		);
		expect(connectBody().customMessage).toBe('word '.repeat(59).trimEnd());
		expect(items[0].json).toMatchObject({ status: 'sent', messageTruncated: true });
		expect(items[0].json.messageOmitted).toBeUndefined();
	});

	test('Send Without Note sends the request with no note', async () => {
		const { items } = await f.run(
			send(stranger.slug, { message: 'x'.repeat(400), options: { onLongMessage: 'omit' } }),
		);
		expect(connectBody()).toEqual({ profileId: stranger.slug });
		expect(items[0].json).toMatchObject({ status: 'sent', messageOmitted: true });
		expect(items[0].json.messageTruncated).toBeUndefined();
	});

	test('an empty message sends no note', async () => {
		const { items } = await f.run(send(stranger.slug, { message: '  ' }));
		expect(connectBody()).toEqual({ profileId: stranger.slug });
		expect(items[0].json.messageTruncated).toBeUndefined();
		expect(items[0].json.messageOmitted).toBeUndefined();
	});

	test('the account goes in the body, and in the path of the relationship check', async () => {
		await f.run(
			send(stranger.slug, { accountId: { __rl: true, mode: 'id', value: SECOND_ACCOUNT_ID } }),
		);
		expect(calls(f.api)).toEqual([
			{
				method: 'GET',
				path: `/relationship/${SECOND_ACCOUNT_ID}/${stranger.slug}`,
				query: {},
				body: undefined,
			},
			{
				method: 'POST',
				path: '/connect',
				query: {},
				body: { profileId: stranger.slug, accountId: SECOND_ACCOUNT_ID },
			},
		]);
	});

	test('n8n itself refuses a typed account ID that is not 24 hex characters', async () => {
		await expectRefusal(
			f.run(send(stranger.slug, { accountId: { __rl: true, mode: 'id', value: '64f1a2b3' } })),
			'An account ID is 24 hexadecimal characters',
		);
		expect(f.api.requests).toHaveLength(0);
	});

	test.each(['64f1a2b3', 'zzzzzzzzzzzzzzzzzzzzzzzz', '64f1a2b3c4d5e6f7a8b9c0d1ff'])(
		'account ID %p from an expression is refused before any request',
		async (accountId) => {
			const { error } = await f.run(
				send(stranger.slug, {
					accountId: { __rl: true, mode: 'list', value: `={{ "${accountId}" }}` },
				}),
			);
			expect(error?.message).toMatch(
				/^"LinkedIn Account" must be a 24-character hexadecimal account ID/,
			);
			expect(f.api.requests).toHaveLength(0);
		},
	);
});

describe('Get Status', () => {
	test('a stranger is not connected; the checked profile ID is added', async () => {
		const { items } = await f.run(status(`https://www.linkedin.com/in/${stranger.slug}/`));
		expect(calls(f.api)).toEqual([
			{ method: 'GET', path: `/relationship/${stranger.slug}`, query: {}, body: undefined },
		]);
		expect(json(items)).toEqual([
			{
				success: true,
				connected: false,
				invitationSent: false,
				invitationReceived: false,
				status: 'NOT_CONNECTED',
				profileUrn: stranger.memberUrn,
				accountId: DEFAULT_ACCOUNT_ID,
				profileId: stranger.slug,
			},
		]);
	});

	test('the status changes after a request is sent', async () => {
		await f.run(send(stranger.slug));
		const { items } = await f.run(status(stranger.slug));
		expect(items[0].json).toMatchObject({ invitationSent: true, status: 'INVITATION_SENT' });
	});

	test.each([
		['member URN', `urn:li:fsd_profile:${stranger.memberId}`],
		['member ID', stranger.memberId],
	])(
		'a %s is refused before any request: /relationship takes a vanity name only',
		async (_kind, id) => {
			const { error } = await f.run(status(id));
			expect(error?.message).toBe(
				'"Profile" must be a profile URL or vanity name for Get Status, got a member URN or ID',
			);
			expect(error?.description).toMatch(/vanity name only/);
			expect(f.api.requests).toEqual([]);
		},
	);

	test('Send Request to a member URN goes without the status check (it needs a vanity name)', async () => {
		const { items, error } = await f.run({
			resource: 'connection',
			operation: 'sendRequest',
			profile: `urn:li:fsd_profile:${stranger.memberId}`,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('sent');
		expect(f.api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /connect']);
	});

	test('the account goes in the path', async () => {
		await f.run(
			status(stranger.slug, { accountId: { __rl: true, mode: 'list', value: SECOND_ACCOUNT_ID } }),
		);
		expect(calls(f.api)).toEqual([
			{
				method: 'GET',
				path: `/relationship/${SECOND_ACCOUNT_ID}/${stranger.slug}`,
				query: {},
				body: undefined,
			},
		]);
	});

	test('several items are checked and stay paired and in order', async () => {
		const people = [makeProfile(5), makeProfile(6), makeProfile(7)];
		const { items } = await f.run(
			status('={{ $json.url }}'),
			people.map((p) => ({ url: p.profileUrl })),
		);
		expect(items.map((i) => [i.json.profileId, i.pairedItem])).toEqual(
			people.map((p, i) => [p.slug, { item: i }]),
		);
	});
});

describe('Get Many', () => {
	const many = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'connection',
		operation: 'getMany',
		...extra,
	});
	const pages = () =>
		f.api.requests.filter((r) => r.path === '/connections').map((r) => ({ ...r.query }));

	test('Return All pages by 12 until the list ends; each item carries profileId and an estimated date', async () => {
		f.api.reset({ connections: 30 });
		const { items, error } = await f.run(many({ returnAll: true }));
		expect(error).toBeUndefined();
		expect(pages()).toEqual([
			{ limit: '12', startIndex: '0' },
			{ limit: '12', startIndex: '12' },
			{ limit: '12', startIndex: '24' },
		]);
		expect(items).toHaveLength(30);
		const first = makeConnection(0);
		expect(items[0].json).toEqual({
			...first,
			profileId: first.vanityName,
			connectedAtEstimate: '2025-05-14T00:00:00.000Z',
		});
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Limit (default 50) stops paging once reached; Sort By goes in every page’s query', async () => {
		f.api.reset({ connections: 30 });
		const { items } = await f.run(many({ limit: 14, options: { sortBy: 'lastName' } }));
		expect(items).toHaveLength(14);
		expect(pages()).toEqual([
			{ limit: '12', sortBy: 'lastName', startIndex: '0' },
			{ limit: '12', sortBy: 'lastName', startIndex: '12' },
		]);
		const names = items.map((i) => String(i.json.lastName));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	test('Connected Within (Days): only this week’s connections, and paging ends at the first older one', async () => {
		f.api.reset({ connections: 30 });
		const added = [f.api.addConnection(), f.api.addConnection(), f.api.addConnection()];
		const { items } = await f.run(many({ returnAll: true, filters: { connectedWithinDays: 7 } }));
		expect(items.map((i) => i.json.vanityName)).toEqual(added.reverse().map((c) => c.vanityName));
		expect(pages()).toHaveLength(1);
	});

	test('Connected Within (Days) counts calendar days (UTC): Monday’s connection is within 7 days the next Monday at 10:00', async () => {
		const at = (date: string) => makeConnection(0, { connectedDate: `Connected on ${date}` });
		f.api.reset({
			connections: [
				{ ...at('Apr 20, 2026'), vanityName: 'today' },
				{ ...at('Apr 13, 2026'), vanityName: 'last-monday' },
				{ ...at('Apr 12, 2026'), vanityName: 'last-sunday' },
			],
		});
		shiftClock(Date.parse('2026-04-20T10:00:00Z') - Date.now());
		try {
			const { items } = await f.run(many({ returnAll: true, filters: { connectedWithinDays: 7 } }));
			expect(items.map((i) => i.json.vanityName)).toEqual(['today', 'last-monday']);
		} finally {
			shiftClock(0);
		}
	});

	test('an account goes in the query; a bad filter value is refused before any request', async () => {
		await f.run(
			many({ accountId: { __rl: true, mode: 'id', value: SECOND_ACCOUNT_ID }, limit: 1 }),
		);
		expect(pages()[0].accountId).toBe(SECOND_ACCOUNT_ID);
		f.api.clearRequests();
		const { error } = await f.run(many({ filters: { connectedWithinDays: -1 } }));
		expect(error?.message).toBe('"Connected Within (Days)" must be a number of at least 0, got -1');
		expect(f.api.requests).toEqual([]);
	});
});
