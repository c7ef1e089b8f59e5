// The fake's finders are as strict as the contract's H and M fields: documented keys only (an unknown filter is
// silently ignored, as the real API does), counts over 100 refused, maxVisitors required, quotas with headers.
import { finders, startFakeApi, type FakeApi } from '../dev/fake-api';

let api: FakeApi;
beforeAll(async () => (api = await startFakeApi({ finderQuotas: { SEARCH_PEOPLE: 3 } })));
beforeEach(() => api.reset({}));
afterAll(async () => api.close());

async function post(path: string, body: unknown) {
	const response = await fetch(`${api.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>,
	};
}

test('an unknown filter key is ignored: the search runs unfiltered', async () => {
	const plain = await post('/search/people', { keywords: 'a', count: 5 });
	const unknown = await post('/search/people', {
		keywords: 'a',
		count: 5,
		filters: { title: 'CEO' },
		location: 'Berlin',
	});
	expect(unknown.body.people).toEqual(plain.body.people);
	const london = await post('/search/people', {
		keywords: 'a',
		count: 5,
		filters: { locationId: finders.GEOS[1].geoId },
	});
	expect(london.body.people).not.toEqual(plain.body.people);
});

test.each([
	['/search/people', { keywords: 'a', count: 101 }],
	['/groups/members', { groupId: finders.GROUP_ID, count: 101 }],
	['/posts/reactions', { postUrl: finders.POST_URL, count: 101 }],
	['/posts/comments', { postUrl: finders.POST_URL, commentCount: 101 }],
	['/profile/visitors', { maxVisitors: 5, count: 101 }],
	['/profile/visitors', {}],
])('%s %j is refused with a Zod 400', async (path, body) => {
	const answer = await post(path, body);
	expect(answer.status).toBe(400);
	expect(answer.body.error).toMatchObject({ name: 'ZodError' });
});

test('searches spend a daily quota with headers; the spent quota answers 429 with the contract body', async () => {
	const first = await post('/search/people', { keywords: 'a', count: 25 });
	expect(first.headers.get('x-ratelimit-action')).toBe('SEARCH_PEOPLE');
	expect(first.headers.get('x-ratelimit-remaining')).toBe('0');
	const spent = await post('/search/people', { keywords: 'a', count: 25, start: 25 });
	expect(spent.status).toBe(429);
	expect(spent.body.error).toMatch(
		/^Rate limit exceeded for SEARCH_PEOPLE: 3\/3 used\. Resets at /,
	);
});

test('a token is only taken where it was issued; a company and a deleted author among the commenters', async () => {
	const page = await post('/posts/comments', { postUrl: finders.POST_URL, commentCount: 10 });
	const token = (page.body.pagination as Record<string, unknown>).nextPaginationToken;
	expect(
		(await post('/posts/reactions', { postUrl: finders.POST_URL, paginationToken: token })).status,
	).toBe(400);
	const comments = page.body.comments as Array<Record<string, unknown>>;
	expect(comments.filter((c) => c.hasProfile === false).map((c) => c.authorName)).toEqual([
		'Northwind Analytics',
	]);
});
