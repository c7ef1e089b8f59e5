// A daily quota of a finder reaching 0 mid-run: the action stops as Send Request's weekly quota does (On Quota
// Exhausted: Fail or Skip Remaining Items with resumeAfter), never retried; a list keeps what it read when skipping.
import { finders } from '../dev/fake-api';
import { json, useFakeApi } from './helpers/fixture';

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
		expect(items[2].json).toMatchObject({
			reason: 'quota',
			resumeAfter: expect.stringMatching(/T00:00:00/),
		});
		expect(slugs()).toBe(2);
	});

	test('a quota 429 (another client spent it) is not retried', async () => {
		f.api.fault({
			path: '/profile',
			status: 429,
			body: {
				success: false,
				error: 'Rate limit exceeded for PROFILE_VIEW: 120/120 used. Resets at 2099-01-01T00:00:00Z',
			},
		});
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
