// A daily quota of a finder reaching 0 mid-run: the action stops as Send Request's weekly quota does (On Quota
// Exhausted: Fail or Skip Remaining Items with resumeAfter), never retried; a list keeps what it read when skipping.
// The block outlives the run as a write's does: this process remembers it, another learns it from the quota read-out.
import { DEFAULT_ACCOUNT_ID, finders } from '../dev/fake-api';
import { freshPackage } from './helpers/engine';
import { json, useFakeApi } from './helpers/fixture';
import { quota429 } from './helpers/expected';

const f = useFakeApi({
	finderQuotas: { PROFILE_VIEW: 2, SEARCH_PEOPLE: 6, FOLLOW: 1 },
	seed: { finders: { people: 120 } },
});

const slugs = () => f.api.requests.filter((r) => r.path === '/profile').length;

async function people(n: number) {
	const found = await f.run({
		resource: 'group',
		operation: 'getMembers',
		group: finders.GROUP_ID,
		limit: n,
	});
	f.api.clearRequests();
	return found.items;
}

describe('Profile → Get: 120 unique profiles a day', () => {
	test('Fail: the third item stops with the reset time, and sends nothing', async () => {
		const { items, error } = await f.run(
			{ resource: 'profile', operation: 'get' },
			await people(3),
		);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			/^Get profile stopped: the PROFILE_VIEW quota is used up \(2\/2\); it resets at \d{4}-/,
		);
		expect(slugs()).toBe(2);
	});

	test('Skip Remaining Items: the rest come out skipped with resumeAfter; Continue pairs every item', async () => {
		const input = await people(4);
		const { items } = await f.run(
			{ resource: 'profile', operation: 'get', options: { onQuotaExhausted: 'skipRemaining' } },
			input,
			{ continueOnFail: true },
		);
		expect(items.map((i) => [i.pairedItem, i.json.status ?? 'read'])).toEqual([
			[{ item: 0 }, 'read'],
			[{ item: 1 }, 'read'],
			[{ item: 2 }, 'skipped'],
			[{ item: 3 }, 'skipped'],
		]);
		expect(items[2].json).toEqual({
			status: 'skipped',
			reason: 'quota',
			resumeAfter: expect.stringMatching(/T00:00:00/),
			profileId: input[2].json.profileId,
		});
		expect(slugs()).toBe(2);
	});

	test('a quota 429 (another client spent it) is not retried', async () => {
		f.api.fault(quota429('/profile', 'PROFILE_VIEW', '120/120', '2099-01-01T00:00:00Z'));
		const input = await people(2);
		const { items } = await f.run(
			{ resource: 'profile', operation: 'get', options: { onQuotaExhausted: 'skipRemaining' } },
			input,
		);
		expect(json(items).map((i) => i.resumeAfter)).toEqual([
			'2099-01-01T00:00:00Z',
			'2099-01-01T00:00:00Z',
		]);
		expect(slugs()).toBe(1);
	});
});

describe('a spent read quota outlives the run, like a write’s', () => {
	const skip = { onQuotaExhausted: 'skipRemaining' };
	const QUOTA_READ = `/account/${DEFAULT_ACCOUNT_ID}/quota`;

	test('Profile → Get: the next execution in this process sends nothing', async () => {
		const input = await people(3);
		await f.run({ resource: 'profile', operation: 'get', options: skip }, input);
		expect(slugs()).toBe(2);
		f.api.clearRequests();
		const next = await f.run({ resource: 'profile', operation: 'get', options: skip }, input);
		expect(next.items.map((i) => [i.pairedItem, i.json.status, i.json.reason])).toEqual([
			[{ item: 0 }, 'skipped', 'quota'],
			[{ item: 1 }, 'skipped', 'quota'],
			[{ item: 2 }, 'skipped', 'quota'],
		]);
		expect(slugs()).toBe(0);
	});

	test('Profile → Get in another process (a queue-mode worker): ConnectSafely’s read-out blocks it, 0 /profile', async () => {
		const input = await people(3);
		await f.run({ resource: 'profile', operation: 'get' }, input.slice(0, 2));
		expect(slugs()).toBe(2);
		f.api.clearRequests();
		f.quotaReads.length = 0;
		const other = await f.run({ resource: 'profile', operation: 'get' }, input.slice(2), {
			loader: await freshPackage(),
		});
		expect(other.error?.message).toMatch(
			/^Get profile stopped: the PROFILE_VIEW quota is used up \(2\/2\); it resets at /,
		);
		expect(slugs()).toBe(0);
		expect(f.quotaReads.map((r) => r.path)).toEqual([QUOTA_READ]);
	});

	test('Search in another process: blocked by the read-out, the list sends nothing; Skip gives no items', async () => {
		await f.run({
			resource: 'profile',
			operation: 'search',
			keywords: 'a',
			returnAll: true,
			options: skip,
		});
		f.api.clearRequests();
		const other = await f.run(
			{ resource: 'profile', operation: 'search', keywords: 'b', options: skip },
			[{}],
			{ loader: await freshPackage() },
		);
		expect(other.error).toBeUndefined();
		expect(other.items).toEqual([]);
		expect(f.api.requests.filter((r) => r.path === '/search/people')).toHaveLength(0);
	});

	test('a quota 429 on a list is remembered for the next execution: 0 requests', async () => {
		f.api.fault(quota429('/search/people', 'SEARCH_PEOPLE', '1000/1000', '2099-01-01T00:00:00Z'));
		const first = await f.run({ resource: 'profile', operation: 'search', keywords: 'a' });
		expect(first.error?.message).toMatch(
			/^Search people stopped: the SEARCH_PEOPLE quota is used up; it resets at 2099-01-01T00:00:00Z/,
		);
		f.api.clearRequests();
		const next = await f.run({ resource: 'profile', operation: 'search', keywords: 'a' });
		expect(next.error?.message).toMatch(
			/^Search people stopped: the SEARCH_PEOPLE quota is used up/,
		);
		expect(f.api.requests.filter((r) => r.path === '/search/people')).toHaveLength(0);
	});

	test('bad input is refused before the look-up and the read-out: no request at all', async () => {
		const { error } = await f.run(
			{ resource: 'profile', operation: 'search', keywords: 'a', returnAll: false, limit: 0 },
			[{}],
			{ loader: await freshPackage() },
		);
		expect(error?.message).toMatch(/"Limit" must be a whole number/);
		expect(f.api.requests).toEqual([]);
		expect(f.quotaReads).toEqual([]);
	});
});

describe('Search: 1,000 a day, per page walked', () => {
	test('Fail: the list stops when the quota reaches 0 mid-list', async () => {
		const { error } = await f.run({
			resource: 'profile',
			operation: 'search',
			keywords: 'a',
			returnAll: true,
		});
		expect(error?.message).toMatch(
			/^Search people stopped: the SEARCH_PEOPLE quota is used up \(6\/6\)/,
		);
		expect(f.api.requests.filter((r) => r.path === '/search/people')).toHaveLength(2);
	});

	test('Skip Remaining Items: what was read comes out; the next item sends nothing', async () => {
		const { items, error } = await f.run(
			{
				resource: 'profile',
				operation: 'search',
				keywords: 'a',
				returnAll: true,
				options: { onQuotaExhausted: 'skipRemaining' },
			},
			[{}, {}],
		);
		expect(error).toBeUndefined();
		expect(items.length).toBe(100);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(f.api.requests.filter((r) => r.path === '/search/people')).toHaveLength(2);
	});
});

describe('Group → Get Many Members: 1,000 a day', () => {
	const spent = (used: number) => f.api.setFinderUsed('GROUP_MEMBERS', used);
	const members = (options = {}) => ({
		resource: 'group',
		operation: 'getMembers',
		group: finders.GROUP_ID,
		returnAll: true,
		options,
	});
	const memberPages = () => f.api.requests.filter((r) => r.path === '/groups/members');

	test('the quota reaching 0 mid-list (X-RateLimit-Remaining: 0): Fail says so after that page', async () => {
		spent(950);
		const { error } = await f.run(members());
		expect(error?.message).toMatch(
			/^Get group members stopped: the GROUP_MEMBERS quota is used up \(1000\/1000\); it resets at /,
		);
		expect(memberPages()).toHaveLength(1);
	});

	test('Skip keeps the page read; the next execution in this process sends nothing', async () => {
		spent(950);
		const kept = await f.run(members({ onQuotaExhausted: 'skipRemaining' }));
		expect(kept.error).toBeUndefined();
		expect(kept.items).toHaveLength(50);
		f.api.clearRequests();
		const next = await f.run(members({ onQuotaExhausted: 'skipRemaining' }), [{}, {}]);
		expect(next.items).toEqual([]);
		expect(memberPages()).toHaveLength(0);
	});

	test('another process: the read-out names no GROUP_MEMBERS quota, so its first page meets the 429, never retried', async () => {
		spent(1000);
		const other = await f.run(members({ onQuotaExhausted: 'skipRemaining' }), [{}, {}], {
			loader: await freshPackage(),
		});
		expect(other.items).toEqual([]);
		expect(memberPages()).toHaveLength(1);
	});
});

describe('Follow: 100 a day, a write like the others', () => {
	test('the second follow is skipped with resumeAfter (On Quota Exhausted → Skip)', async () => {
		const { items } = await f.run(
			{ resource: 'profile', operation: 'follow', options: { onQuotaExhausted: 'skipRemaining' } },
			await people(3),
		);
		expect(items.map((i) => i.json.status)).toEqual(['followed', 'skipped', 'skipped']);
		expect(f.api.requests.filter((r) => r.path === '/follow')).toHaveLength(1);
	});
});

describe('Account → Get Quota shows what the finders spent', () => {
	test('profile views, searches and follows, from ConnectSafely’s read-out', async () => {
		await f.run({ resource: 'profile', operation: 'search', keywords: 'a', limit: 5 });
		await f.run({ resource: 'profile', operation: 'follow' }, await people(1));
		const { items } = await f.run({ resource: 'account', operation: 'getQuota' });
		const byFeature = Object.fromEntries(items.map((i) => [i.json.feature, i.json]));
		expect(byFeature.SEARCH_PEOPLE).toMatchObject({
			used: 1,
			limit: 6,
			remaining: 5,
			window: 'daily',
		});
		expect(byFeature.FOLLOW).toMatchObject({ used: 1, limit: 1, remaining: 0 });
		expect(byFeature.PROFILE_VIEW).toMatchObject({ used: 0, limit: 2 });
	});
});
