// `npm run bench`, the finders: requests per list (Return All) against the fewest the paging scheme allows, for an
// empty list, one page, exactly one page (a boundary) and many pages; and profile-view quota spent per lead handed
// from each finder to Send Request (goal 0). Through n8n-core's engine against the fake API.
import type { INodeParameters } from 'n8n-workflow';

import { finders, startFakeApi, type FakeApi, type SeedOptions } from '../../dev/fake-api';
import { runNode } from '../helpers/engine';
import { useTimeScale } from '../helpers/fixture';

interface Row {
	figure: string;
	measured: number;
	minimum: number;
}
const rows: Row[] = [];

beforeAll(() => useTimeScale(0));

async function withApi<T>(seed: SeedOptions, body: (api: FakeApi) => Promise<T>): Promise<T> {
	const api = await startFakeApi({ seed, finderQuotas: { PROFILE_VIEW: 100_000 } });
	try {
		return await body(api);
	} finally {
		await api.close();
	}
}

const run = (api: FakeApi, parameters: INodeParameters, input: object[] = [{}]) =>
	runNode({
		parameters,
		input: input as never,
		credentials: { apiKey: api.apiKey, baseUrl: api.url },
	});

interface Scheme {
	name: string;
	seed: (n: number) => SeedOptions;
	parameters: INodeParameters;
	input?: object[];
	path: string;
	pageSize: number;
	/** The fewest requests that can tell the whole list of `n` raw entries was read. */
	minimum: (n: number) => number;
}

const exact = (size: number) => (n: number) => Math.max(1, Math.ceil(n / size));
const shortPageEnds = (size: number) => (n: number) => Math.floor(n / size) + 1;
const post = [{ postUrl: finders.POST_URL }];

const SCHEMES: Scheme[] = [
	{
		name: 'offset + hasMore (Group → Get Many Members)',
		seed: (n) => ({ finders: { members: n } }),
		parameters: {
			resource: 'group',
			operation: 'getMembers',
			group: finders.GROUP_ID,
			returnAll: true,
		},
		path: '/groups/members',
		pageSize: 50,
		minimum: exact(50),
	},
	{
		name: 'token (Post → Get Many Reactors)',
		seed: (n) => ({ finders: { reactions: n } }),
		parameters: { resource: 'post', operation: 'getReactors', returnAll: true },
		input: post,
		path: '/posts/reactions',
		pageSize: 50,
		minimum: exact(50),
	},
	{
		name: 'token + offset (Post → Get Many Commenters)',
		seed: (n) => ({ finders: { comments: n } }),
		parameters: { resource: 'post', operation: 'getCommenters', returnAll: true },
		input: post,
		path: '/posts/comments',
		pageSize: 50,
		minimum: exact(50),
	},
	{
		name: 'fixed page (Connection → Get Many)',
		seed: (n) => ({ connections: n }),
		parameters: { resource: 'connection', operation: 'getMany', returnAll: true },
		path: '/connections',
		pageSize: 12,
		minimum: shortPageEnds(12),
	},
];

test('requests per list against the minimum of its scheme', async () => {
	for (const scheme of SCHEMES) {
		const sizes: Array<[string, number]> = [
			['0', 0],
			['1 page', Math.floor(scheme.pageSize / 2)],
			['a page boundary', scheme.pageSize],
			['many pages', scheme.pageSize * 7 + 3],
		];
		for (const [label, n] of sizes) {
			await withApi(scheme.seed(n), async (api) => {
				const result = await run(api, scheme.parameters, scheme.input);
				expect(result.error).toBeUndefined();
				const measured = api.requests.filter((r) => r.path === scheme.path).length;
				rows.push({
					figure: `${scheme.name}, ${label} (${n})`,
					measured,
					minimum: scheme.minimum(n),
				});
			});
		}
	}
});

const FINDERS: Array<[string, INodeParameters, object[]?]> = [
	['Profile → Search', { resource: 'profile', operation: 'search', keywords: 'a', limit: 10 }],
	[
		'Group → Get Many Members',
		{ resource: 'group', operation: 'getMembers', group: finders.GROUP_ID, limit: 10 },
	],
	['Post → Get Many Commenters', { resource: 'post', operation: 'getCommenters', limit: 10 }, post],
	[
		'Profile → Get Many Visitors',
		{
			resource: 'profile',
			operation: 'getVisitors',
			limit: 10,
			filters: { timeRange: 'past_1_year' },
		},
	],
	['Post → Get Many Reactors', { resource: 'post', operation: 'getReactors', limit: 10 }, post],
];

test('profile views spent per lead handed to Send Request (no field edited)', async () => {
	for (const [name, parameters, input] of FINDERS) {
		await withApi({ finders: { visitors: 60 } }, async (api) => {
			const found = await run(api, parameters, input);
			const leads = found.items.filter((item) => item.json.connectionDegree !== '1st');
			const before = finders.usedToday(api.state, 'PROFILE_VIEW');
			const sent = await run(api, { resource: 'connection', operation: 'sendRequest' }, leads);
			expect(sent.error).toBeUndefined();
			const spent = finders.usedToday(api.state, 'PROFILE_VIEW') - before;
			rows.push({
				figure: `profile views per lead, ${name} → Send Request (${leads.length} leads)`,
				measured: spent / leads.length,
				minimum: 0,
			});
		});
	}
});

afterAll(() => {
	useTimeScale(1);
	const lines = rows.map(
		(row) => `| ${row.figure} | ${Number(row.measured.toFixed(2))} | ${row.minimum} |`,
	);
	process.stdout.write(
		[
			'',
			'Finders: requests per list (Return All) and profile views per handed lead',
			'',
			'| figure | measured | minimum |',
			'|---|---|---|',
			...lines,
			'',
		].join('\n'),
	);
});
