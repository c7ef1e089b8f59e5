// The finders (Profile → Get, Search, Get Many Visitors; Post → commenters, reactors; Group → members) and Follow,
// through n8n's engine against the strict fake: the exact requests, one person shape, people only, each person once,
// documented keys only, and a found person handed to a write with no field edited and no profile view spent.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { finders } from '../dev/fake-api';
import { runListSearch } from './helpers/engine';
import { json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const body = (path: string) =>
	f.api.requests.filter((r) => r.path === path).map((r) => r.body as IDataObject);
const views = () => finders.usedToday(f.api.state, 'PROFILE_VIEW');
const search = (extra: IDataObject = {}): INodeParameters =>
	({
		resource: 'profile',
		operation: 'search',
		keywords: '',
		...extra,
	}) as INodeParameters;
const PERSON_KEYS = [
	'profileId',
	'profileUrn',
	'name',
	'headline',
	'profileUrl',
	'connectionDegree',
];

describe('Profile → Search', () => {
	test('Limit 5: one request asking 5, documented keys only, the person shape', async () => {
		const { items } = await f.run(search({ keywords: 'sales', limit: 5 }));
		expect(body('/search/people')).toEqual([{ keywords: 'sales', start: 0, count: 5 }]);
		expect(items.length).toBeGreaterThan(0);
		for (const item of json(items)) {
			expect(Object.keys(item)).toEqual(expect.arrayContaining(PERSON_KEYS));
			expect(item.profileUrn).toMatch(/^urn:li:fsd_profile:ACoA/);
			expect(['1st', '2nd', '3rd+']).toContain(item.connectionDegree);
		}
	});

	test('Return All: every person once, in the fewest pages (offset + exact hasMore)', async () => {
		const { items } = await f.run(search({ keywords: '', returnAll: true }), [{}]);
		expect(items).toHaveLength(0);
		const all = await f.run(search({ keywords: 'a', returnAll: true }));
		const pages = body('/search/people');
		expect(pages.map((b) => [b.start, b.count])).toEqual(pages.map((_, i) => [i * 50, 50]));
		expect(pages).toHaveLength(Math.ceil(all.items.length / 50));
		expect(new Set(json(all.items).map((p) => p.profileUrn)).size).toBe(all.items.length);
	});

	test('Location: only filters.locationId goes out; the picker lists ConnectSafely’s locations', async () => {
		const london = finders.GEOS[1];
		const picked = await runListSearch({
			method: 'searchLocations',
			filter: 'london',
			credentials: f.credentials,
		});
		expect(picked.results).toEqual([{ name: london.name, value: london.geoId }]);
		f.api.clearRequests();
		const { items } = await f.run(
			search({ keywords: 'a', filters: { location: { mode: 'list', value: london.geoId } } }),
		);
		expect(body('/search/people')).toEqual([
			{ keywords: 'a', start: 0, count: 50, filters: { locationId: london.geoId } },
		]);
		expect(json(items).every((p) => p.location === london.name)).toBe(true);
	});

	test.each([0, 1, 2])(
		'bad input at item %i: nothing sent for it, Stop and Continue',
		async (at) => {
			const input = [0, 1, 2].map((i) => ({ k: i === at ? '' : 'a' }));
			const parameters = search({ keywords: '={{ $json.k }}', limit: 1 });
			const stop = await f.run(parameters, input);
			expect(stop.error?.message).toBe('"Keywords" is empty');
			f.api.clearRequests();
			const goOn = await f.run(parameters, input, { continueOnFail: true });
			expect(goOn.items.map((i) => [i.pairedItem, i.json.error ? 'error' : 'ok'])).toEqual(
				[0, 1, 2].map((i) => [{ item: i }, i === at ? 'error' : 'ok']),
			);
			expect(body('/search/people')).toHaveLength(2);
		},
	);
});

describe('Post → Get Many Commenters / Reactors', () => {
	const post = { postUrl: finders.POST_URL };

	test('commenters: people only, each once with their first comment; token + offset paging', async () => {
		const { items } = await f.run(
			{ resource: 'post', operation: 'getCommenters', returnAll: true },
			[post],
		);
		const pages = body('/posts/comments');
		expect(pages[0]).toEqual({ postUrl: finders.POST_URL, start: 0, commentCount: 50 });
		const people = json(items);
		expect(people.every((p) => p.profileId !== null && p.profileUrn !== null)).toBe(true);
		expect(new Set(people.map((p) => p.profileUrn)).size).toBe(people.length);
		const twice = people.find((p) => p.commentId === '7400000000000100002');
		expect(twice?.commentText).toBe('Comment 3: interesting take on growth.');
		expect(people.every((p) => p.postUrl === finders.POST_URL)).toBe(true);
	});

	test('commenters across pages: start and paginationToken as the answer gives them', async () => {
		f.api.reset({ finders: { comments: 120 } });
		const { items } = await f.run(
			{ resource: 'post', operation: 'getCommenters', returnAll: true },
			[post],
		);
		const pages = body('/posts/comments');
		expect(pages.map((b) => [b.start, typeof b.paginationToken])).toEqual([
			[0, 'undefined'],
			[50, 'string'],
			[100, 'string'],
		]);
		expect(items.length).toBeGreaterThan(50);
		f.api.reset({});
	});

	test('Include Companies and Deleted Authors brings them, without a person to act on', async () => {
		const { items } = await f.run(
			{
				resource: 'post',
				operation: 'getCommenters',
				returnAll: true,
				options: { includeNonPeople: true },
			},
			[post],
		);
		const others = json(items).filter((p) => p.profileId === null);
		expect(others.map((p) => p.name)).toEqual(
			expect.arrayContaining(['Northwind Analytics', 'LinkedIn Member']),
		);
	});

	test('reactors: token paging, companies left out, Reaction Types filter', async () => {
		const { items } = await f.run(
			{
				resource: 'post',
				operation: 'getReactors',
				returnAll: true,
				filters: { reactionTypes: ['LIKE'] },
			},
			[post],
		);
		expect(body('/posts/reactions')).toEqual([{ postUrl: finders.POST_URL, count: 50 }]);
		expect(json(items).every((p) => p.reactionType === 'LIKE' && p.actorType === 'profile')).toBe(
			true,
		);
		expect(json(items).every((p) => p.profileUrn === null && typeof p.profileId === 'string')).toBe(
			true,
		);
	});

	test('a paging API that repeats its token ends, keeping what it read', async () => {
		const page = (from: number) => ({
			success: true,
			reactions: Array.from({ length: 10 }, (_, i) => ({
				reactionType: 'LIKE',
				actorType: 'profile',
				actorName: `P ${from + i}`,
				actorPublicIdentifier: `person-${from + i}`,
			})),
			pagination: { count: 10, hasNextPage: true, nextPaginationToken: 'same' },
		});
		let n = 0;
		f.api.fault({ path: '/posts/reactions', status: 200, body: () => page((n += 10)), times: 10 });
		const { items, error } = await f.run(
			{ resource: 'post', operation: 'getReactors', returnAll: true },
			[post],
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(20);
		expect(body('/posts/reactions').map((b) => b.paginationToken)).toEqual([undefined, 'same']);
	});

	test.each([0, 1, 2])('a post URL that is not a post, at item %i', async (at) => {
		const input = [0, 1, 2].map((i) => ({
			postUrl: i === at ? 'https://www.linkedin.com/in/jane' : finders.POST_URL,
		}));
		const parameters = { resource: 'post', operation: 'getCommenters', limit: 1 };
		const stop = await f.run(parameters, input);
		expect(stop.error?.message).toMatch(/^"Post URL" is not a LinkedIn post/);
		f.api.clearRequests();
		const goOn = await f.run(parameters, input, { continueOnFail: true });
		expect(
			goOn.items.map((i) => (i.json.error ? `${JSON.stringify(i.pairedItem)} error` : 'ok')),
		).toEqual([0, 1, 2].map((i) => (i === at ? `{"item":${i}} error` : 'ok')));
		expect(body('/posts/comments')).toHaveLength(2);
	});
});

describe('every scheme ends where the API repeats itself, keeping what it read', () => {
	const person = (i: number) => ({
		profileId: `p-${i}`,
		profileUrn: `urn:li:fsd_profile:ACoAAB${String(i).padStart(20, '0')}`,
		publicIdentifier: `p-${i}`,
		entityUrn: `urn:li:fsd_profile:ACoAAB${String(i).padStart(20, '0')}`,
		commentId: `c-${i}`,
		hasProfile: true,
		commenterUrn: `urn:li:fsd_profile:ACoAAB${String(i).padStart(20, '0')}`,
	});
	test.each([
		[
			'offset + hasMore: the same page again',
			'/search/people',
			search({ keywords: 'a', returnAll: true }),
			'people',
			() => ({ hasMore: true }),
		],
		[
			'token + offset: the same token again',
			'/posts/comments',
			{ resource: 'post', operation: 'getCommenters', returnAll: true },
			'comments',
			() => ({ pagination: { hasNextPage: true, nextPaginationToken: 't', nextStart: 5 } }),
		],
	])('%s', async (_name, path, parameters, list, more) => {
		let n = 0;
		f.api.fault({
			path,
			status: 200,
			body: () => ({
				success: true,
				[list]: Array.from({ length: 5 }, () => person(n++ % 5)),
				...more(),
			}),
			times: 10,
		});
		const { items, error } = await f.run(parameters as INodeParameters, [
			{ postUrl: finders.POST_URL },
		]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(body(path)).toHaveLength(2);
	});
});

describe('Group → Get Many Members', () => {
	test('by URL or by ID, Roles and Name by their documented keys', async () => {
		await f.run({ resource: 'group', operation: 'getMembers', group: finders.GROUP_URL, limit: 3 });
		await f.run({
			resource: 'group',
			operation: 'getMembers',
			group: finders.GROUP_ID,
			limit: 3,
			filters: { roles: ['OWNER'], name: 'a' },
		});
		expect(f.api.requests.map((r) => [r.path, r.body])).toEqual([
			['/groups/members-by-url', { groupUrl: finders.GROUP_URL, start: 0, count: 3 }],
			[
				'/groups/members',
				{
					groupId: finders.GROUP_ID,
					membershipStatuses: ['OWNER'],
					typeaheadQuery: 'a',
					start: 0,
					count: 3,
				},
			],
		]);
	});

	test('Return All over a page boundary, and a group the account is not in explained', async () => {
		const { items } = await f.run({
			resource: 'group',
			operation: 'getMembers',
			group: finders.GROUP_ID,
			returnAll: true,
		});
		expect(items).toHaveLength(64);
		expect(body('/groups/members').map((b) => b.start)).toEqual([0, 50]);
		const { error } = await f.run({
			resource: 'group',
			operation: 'getMembers',
			group: finders.FOREIGN_GROUP_ID,
		});
		expect(error?.description).toMatch(/Join the group/);
	});
});

describe('Profile → Get Many Visitors', () => {
	test('maxVisitors sent, anonymous viewers left out, 1st-degree visitors marked', async () => {
		const { items } = await f.run({
			resource: 'profile',
			operation: 'getVisitors',
			returnAll: true,
			filters: { timeRange: 'past_1_year' },
		});
		expect(body('/profile/visitors')[0]).toEqual({
			maxVisitors: 10000,
			timeRange: 'past_1_year',
			start: 0,
			count: 20,
		});
		expect(json(items).every((v) => v.profileUrn !== null)).toBe(true);
		expect(json(items).some((v) => v.connectionDegree === '1st')).toBe(true);
	});

	test('Limit 5: five people although anonymous viewers are among the first five visitors', async () => {
		const { items } = await f.run({
			resource: 'profile',
			operation: 'getVisitors',
			limit: 5,
			filters: { timeRange: 'past_1_year' },
		});
		expect(items).toHaveLength(5);
		expect(body('/profile/visitors').map((b) => [b.maxVisitors, b.start, b.count])).toEqual([
			[10, 0, 5],
			[10, 5, 1],
		]);
	});

	test('the Premium 403 says what to change', async () => {
		f.api.reset({ finders: { premium: false } });
		const { error } = await f.run({ resource: 'profile', operation: 'getVisitors' });
		expect(error?.message).toMatch(/Premium/);
		expect(error?.description).toMatch(/Premium accounts only/);
		f.api.reset({});
	});
});

describe('Profile → Get', () => {
	test('by vanity name, with what to include; the person shape first', async () => {
		const found = await f.run(search({ keywords: 'a', limit: 1 }));
		f.api.clearRequests();
		const { items } = await f.run(
			{ resource: 'profile', operation: 'get', options: { include: ['experience', 'location'] } },
			found.items,
		);
		const slug = found.items[0].json.profileId;
		expect(body('/profile')).toEqual([
			{ profileId: slug, includeExperience: true, includeGeoLocation: true },
		]);
		expect(items[0].json).toMatchObject({
			profileId: slug,
			profileUrn: found.items[0].json.profileUrn,
			connectionDegree: '2nd',
		});
		expect(items[0].json.experience).toBeDefined();
	});

	test('a URN-only person fails before any request, saying what to give', async () => {
		const { error } = await f.run({ resource: 'profile', operation: 'get' }, [
			{ profileUrn: 'urn:li:fsd_profile:ACoAAB1234567890abcdefgh' },
		]);
		expect(error?.message).toBe(
			'"Profile" is a member URN, but Get Profile needs the vanity name or profile URL',
		);
		expect(f.api.requests).toEqual([]);
	});
});

describe('Follow / Unfollow and handing found people to a write', () => {
	test('Search → Send Request: by URN, no field edited, no profile view spent', async () => {
		const found = await f.run(search({ keywords: 'a', limit: 3 }));
		f.api.clearRequests();
		const before = views();
		const { items } = await f.run(
			{
				resource: 'connection',
				operation: 'sendRequest',
				options: { skipIfConnectedOrPending: false },
			},
			found.items,
		);
		expect(body('/connect').map((b) => b.profileUrn)).toEqual(
			json(found.items).map((p) => p.profileUrn),
		);
		expect(items.map((i) => i.json.status)).toEqual(['sent', 'sent', 'sent']);
		expect(views() - before).toBe(0);
	});

	test('Search → Get Status: by vanity name from the item, no field edited, no profile view spent', async () => {
		const found = await f.run(search({ keywords: 'a', limit: 3 }));
		f.api.clearRequests();
		const before = views();
		const { items, error } = await f.run(
			{ resource: 'connection', operation: 'getStatus' },
			found.items,
		);
		expect(error).toBeUndefined();
		expect(f.api.requests.map((r) => r.path)).toEqual(
			json(found.items).map((p) => `/relationship/${String(p.profileId)}`),
		);
		expect(items.map((i) => [i.pairedItem, i.json.profileId])).toEqual(
			json(found.items).map((p, i) => [{ item: i }, p.profileId]),
		);
		expect(views() - before).toBe(0);
	});

	test.each([0, 1, 2])(
		'Get Status behind a finder: an item with only a URN at %i fails that item alone, no request for it',
		async (at) => {
			const found = await f.run(search({ keywords: 'a', limit: 3 }));
			const input = json(found.items).map((p, i) =>
				i === at ? { profileUrn: p.profileUrn, name: p.name } : p,
			);
			const parameters = { resource: 'connection', operation: 'getStatus' };
			const problem = /^"Profile" must be a profile URL or vanity name for Get Status/;
			f.api.clearRequests();
			const stop = await f.run(parameters, input, {
				wiring: { predecessor: true, onError: 'stopWorkflow' },
			});
			expect(stop.error?.message).toMatch(problem);
			// Reads of the other items run side by side (RoutingNode); none goes out for the bad one.
			const good = input
				.filter((_, i) => i !== at)
				.map((p) => `/relationship/${String(p.profileId)}`);
			for (const r of f.api.requests) expect(good).toContain(r.path);
			for (const onError of ['continueRegularOutput', 'continueErrorOutput'] as const) {
				f.api.clearRequests();
				const { outputs, error } = await f.run(parameters, input, {
					wiring: { predecessor: true, onError },
				});
				expect(error).toBeUndefined();
				const all = outputs.flat();
				expect(all.map((i) => (i.pairedItem as { item: number }).item).sort()).toEqual([0, 1, 2]);
				const failed = all.filter((i) => i.json.error !== undefined);
				expect(failed.map((i) => [i.pairedItem, String(i.json.error)])).toEqual([
					[{ item: at }, expect.stringMatching(problem)],
				]);
				if (onError === 'continueErrorOutput') expect(outputs[1]).toEqual(failed);
				expect(f.api.requests.filter((r) => r.path.startsWith('/relationship'))).toHaveLength(2);
			}
		},
	);

	test('Follow then Unfollow, by URN; the FOLLOW quota as a write’s', async () => {
		const found = await f.run({
			resource: 'group',
			operation: 'getMembers',
			group: finders.GROUP_ID,
			limit: 2,
		});
		f.api.clearRequests();
		const followed = await f.run({ resource: 'profile', operation: 'follow' }, found.items);
		const unfollowed = await f.run(
			{ resource: 'profile', operation: 'unfollow' },
			found.items.slice(0, 1),
		);
		expect(body('/follow')).toEqual([
			...json(found.items).map((p) => ({ profileUrn: p.profileUrn, action: 'follow' })),
			{ profileUrn: found.items[0].json.profileUrn, action: 'unfollow' },
		]);
		expect(followed.items.map((i) => i.json.status)).toEqual(['followed', 'followed']);
		expect(unfollowed.items[0].json.status).toBe('unfollowed');
	});

	test.each([0, 1, 2])(
		'Follow: a company page at item %i fails that item alone, before any request for it',
		async (at) => {
			const found = await f.run({
				resource: 'group',
				operation: 'getMembers',
				group: finders.GROUP_ID,
				limit: 3,
			});
			const input = json(found.items).map((p, i) =>
				i === at
					? { profileUrl: 'https://www.linkedin.com/company/acme/' }
					: { profileUrn: p.profileUrn },
			);
			f.api.clearRequests();
			const stop = await f.run({ resource: 'profile', operation: 'follow' }, input);
			expect(stop.error?.message).toMatch(/^Invalid "Profile": .* is a LinkedIn company page/);
			expect(body('/follow')).toHaveLength(at);
			f.api.clearRequests();
			const goOn = await f.run({ resource: 'profile', operation: 'follow' }, input, {
				continueOnFail: true,
			});
			expect(goOn.items.map((i) => [i.pairedItem, i.json.error ? 'error' : i.json.status])).toEqual(
				[0, 1, 2].map((i) => [{ item: i }, i === at ? 'error' : 'followed']),
			);
			expect(body('/follow')).toHaveLength(2);
		},
	);
});
