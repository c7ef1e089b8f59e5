// 429s by ConnectSafely's contract, and the account's quotas from ConnectSafely itself. A 429 is a spent quota or a
// hold only when its body says so (holdUntil, "Rate limit exceeded for X: n/n used") or X-RateLimit-Remaining is 0;
// any other 429 is a throttle: waited out when it says how long (Retry-After, a reset within a minute), else that item
// fails alone, and nothing is remembered. Holds and spent quotas reach every process through GET
// /account/{id}/quota, read once per account at a run's first write; Account → Get Quota shows it.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT_ID,
	makeProfile,
	nextWeekReset,
	SECOND_ACCOUNT_ID,
	startFakeApi,
	type FakeApi,
} from '../dev/fake-api';
import { freshPackage, runNode } from './helpers/engine';
import { FAST_PACING, useFakeApi, useTimeScale } from './helpers/fixture';

const f = useFakeApi();

const people = Array.from({ length: 8 }, (_, i) => makeProfile(20 + i));
const slugs = (...indexes: number[]) => indexes.map((i) => ({ p: people[i].slug }));
const send = (options = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: '={{ $json.p }}',
	options: { skipIfConnectedOrPending: false, ...options },
});
const QUOTA_READ = `/account/${DEFAULT_ACCOUNT_ID}/quota`;
const connects = () => f.api.requests.filter((r) => r.method === 'POST' && r.path === '/connect');
const outcomes = (items: INodeExecutionData[]) =>
	items.map(
		(i) =>
			`${(i.pairedItem as { item: number }).item} ${i.json.error !== undefined ? 'error' : String(i.json.status)}${i.json.reason ? `:${String(i.json.reason)}` : ''}`,
	);
const THROTTLED =
	/^Send connection request failed: ConnectSafely throttled the request; it may be retried \(429\)/;
/** LinkedIn put the default account on hold (10 requests used this week): its next POST /connect gets the hold 429. */
function holdAccount(): void {
	f.api.setConnectUsed(10);
	f.api.state.holdUntil[DEFAULT_ACCOUNT_ID] = new Date(Date.now() + 24 * 3600_000)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z');
}
const QUOTA_TEXT = (reset: string) =>
	`Rate limit exceeded for CONNECT: 90/90 used. Resets at ${reset}`;

describe('a throttle is not a quota: that item fails alone, or is retried, and the next execution sends', () => {
	const throttles: Array<[string, () => void]> = [
		[
			'a bare 429 (a gateway: no headers, an HTML page)',
			() =>
				f.api.fault({
					path: '/connect',
					status: 429,
					body: '<html><body><h1>429 Too Many Requests</h1></body></html>',
				}),
		],
		[
			'a 429 whose headers say 70 of 90 remain, without Retry-After',
			() => {
				f.api.setConnectUsed(20);
				f.api.fault({ path: '/connect', action: 'throttle', style: 'noRetryAfter' });
			},
		],
		[
			'a 429 with only some X-RateLimit-* headers',
			() => f.api.fault({ path: '/connect', action: 'throttle', style: 'partial' }),
		],
	];

	test.each(throttles)(
		'%s: Continue → its error item says it may be retried, the others go out; the next execution sends',
		async (_label, throttle) => {
			throttle();
			const first = await f.run(send(), slugs(0, 1, 2), { continueOnFail: true, mode: 'trigger' });
			expect(outcomes(first.items)).toEqual(['0 error', '1 sent', '2 sent']);
			expect(String(first.items[0].json.error)).toMatch(THROTTLED);
			expect(first.staticDataSaved).toBe(false);
			expect(connects().map((r) => r.status)).toEqual([429, 200, 200]);

			f.api.clearRequests();
			const second = await f.run(send(), slugs(0, 3), { mode: 'trigger' });
			expect(outcomes(second.items)).toEqual(['0 sent', '1 sent']);
			expect(connects().map((r) => r.status)).toEqual([200, 200]);
		},
	);

	test('On Error → Stop: the throttled item stops this run only; a second execution right after sends all', async () => {
		f.api.setConnectUsed(20);
		f.api.fault({ path: '/connect', action: 'throttle', style: 'noRetryAfter' });
		const first = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0, 1));
		expect(first.error?.message).toMatch(THROTTLED);
		expect(first.error?.description).toMatch(
			/It was not carried out and used no quota; this item may be retried/,
		);
		f.api.clearRequests();
		const second = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0, 1));
		const skipped = second.items.filter((i) => i.json.status === 'skipped').length;
		expect(skipped).toBe(0);
		expect(connects().map((r) => r.status)).toEqual([200, 200]);
		process.stdout.write(
			`the stop after a throttle 429: none (${skipped} items skipped in the next execution)\n`,
		);
	});

	test('a 429 with Retry-After is waited out and retried', async () => {
		f.api.fault({ path: '/connect', action: 'throttle', style: 'full', retryAfter: 1 });
		const { items } = await f.run(send(), slugs(0));
		expect(items[0].json).toMatchObject({ status: 'sent', pacing: { retries: 1 } });
		expect(connects().map((r) => r.status)).toEqual([429, 200]);
	});

	test('a 429 without Retry-After whose X-RateLimit-Reset is within a minute waits until then and retries', async () => {
		f.api.fault({
			path: '/connect',
			status: 429,
			headers: {
				'X-RateLimit-Remaining': '4',
				'X-RateLimit-Reset': new Date(Date.now() + 1500).toISOString(),
			},
			body: { success: false, error: 'Too many requests' },
		});
		const { items } = await f.run(send(), slugs(0));
		expect(items[0].json).toMatchObject({ status: 'sent', pacing: { retries: 1 } });
		expect(connects().map((r) => r.status)).toEqual([429, 200]);
	});
});

describe('a quota or hold, as the contract marks it, stops the action until it ends', () => {
	const reset = new Date(nextWeekReset(Date.now())).toISOString().replace('.000Z', 'Z');

	test('a quota 429 (the contract body, no headers): the rest of the run and the next are skipped, 0 POST', async () => {
		f.api.fault({
			path: '/connect',
			status: 429,
			body: { success: false, error: QUOTA_TEXT(reset) },
		});
		const first = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0, 1));
		expect(first.items.map((i) => i.json)).toEqual(
			slugs(0, 1).map(({ p }) => ({
				status: 'skipped',
				reason: 'quota',
				resumeAfter: reset,
				profileId: p,
			})),
		);
		f.api.clearRequests();
		const next = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(2));
		expect(next.items[0].json.reason).toBe('quota');
		expect(connects()).toEqual([]);
	});

	test('a hold (holdUntil): skipped as hold here; a second process learns it from the quota read-out, 0 POST', async () => {
		holdAccount();
		const first = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0, 1));
		const holdUntil = f.api.state.holdUntil[DEFAULT_ACCOUNT_ID];
		expect(first.items.map((i) => i.json)).toEqual(
			slugs(0, 1).map(({ p }) => ({
				status: 'skipped',
				reason: 'hold',
				resumeAfter: holdUntil,
				holdUntil,
				profileId: p,
			})),
		);
		f.api.clearRequests();
		f.quotaReads.length = 0;
		const other = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(2, 3), {
			loader: await freshPackage(),
		});
		expect(other.items.map((i) => i.json.reason)).toEqual(['quota', 'quota']);
		expect(connects()).toEqual([]);
		expect(f.quotaReads).toHaveLength(1);
	});
});

describe('the quota read-out: once per account and execution, at the first write', () => {
	const accountOf = { accountId: { __rl: true, mode: 'id', value: '={{ $json.a }}' } };

	test('two accounts in one run: one read-out each, before their first POST; the next execution reads again', async () => {
		const input = [
			{ p: people[0].slug, a: DEFAULT_ACCOUNT_ID },
			{ p: people[1].slug, a: SECOND_ACCOUNT_ID },
			{ p: people[2].slug, a: DEFAULT_ACCOUNT_ID },
			{ p: people[3].slug, a: SECOND_ACCOUNT_ID },
		];
		const first = await f.run({ ...send(), ...accountOf }, input);
		expect(first.items.map((i) => i.json.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
		const firstPost = connects()[0].at;
		expect(f.quotaReads.map((r) => r.path)).toEqual([
			`/account/${DEFAULT_ACCOUNT_ID}/quota`,
			`/account/${SECOND_ACCOUNT_ID}/quota`,
		]);
		expect(f.quotaReads[0].at).toBeLessThanOrEqual(firstPost);
		await f.run(
			{ ...send(), ...accountOf },
			input.slice(0, 1).map((i) => ({ ...i, p: people[4].slug })),
		);
		expect(f.quotaReads).toHaveLength(3);
		process.stdout.write(
			`quota read-outs: ${f.quotaReads.length} for 2 executions (2 accounts, then 1)\n`,
		);
	});

	describe('the 10 /account/* calls a minute (a time-scaled minute of 1.5 s in the node and the fake)', () => {
		const WINDOW = 1500;
		let api: FakeApi;
		beforeAll(async () => {
			useTimeScale(WINDOW / 60_000);
			api = await startFakeApi({ throttle: { windowMs: WINDOW, style: 'bare' } });
		});
		afterAll(async () => {
			useTimeScale(FAST_PACING);
			await api.close();
		});
		beforeEach(() => api.reset());
		const runOn = async (loader: Awaited<ReturnType<typeof freshPackage>>, slug: string) =>
			await runNode({
				parameters: send(),
				input: [{ p: slug }],
				credentials: { apiKey: api.apiKey, baseUrl: api.url },
				loader,
			});
		const quotaReads = () => api.requests.filter((r) => r.path === QUOTA_READ);

		test('no slot free: the read-out waits for one, so no write goes out without it (11 executions in a minute)', async () => {
			const loader = await freshPackage();
			const runs = [];
			for (let i = 0; i < 11; i++) runs.push(await runOn(loader, makeProfile(i).slug));
			expect(runs.map((r) => r.items[0].json.status)).toEqual(Array(11).fill('sent'));
			const posts = api.requests.filter((r) => r.path === '/connect');
			const read = quotaReads().filter((r) => r.status === 200);
			expect(read).toHaveLength(11);
			read.forEach((r, i) => expect(r.at).toBeLessThanOrEqual(posts[i].at));
		});

		test('look-up and read-out refused by a throttle (another client spent the 10): waited out and asked again, 0 POST during a hold', async () => {
			api.state.holdUntil[DEFAULT_ACCOUNT_ID] = new Date(Date.now() + 3600_000)
				.toISOString()
				.replace(/\.\d{3}Z$/, 'Z');
			api.setConnectUsed(10);
			const seen = await runNode({
				parameters: send({ onQuotaExhausted: 'skipRemaining' }),
				input: [{ p: makeProfile(1).slug }],
				credentials: { apiKey: api.apiKey, baseUrl: api.url },
				loader: await freshPackage(),
			});
			expect(seen.items[0].json.reason).toBe('hold');
			for (let i = 0; i < 10; i++)
				await fetch(`${api.url}/account/status`, {
					headers: { Authorization: `Bearer ${api.apiKey}` },
				});
			api.clearRequests();
			const other = await runOn(await freshPackage(), makeProfile(2).slug);
			expect(api.requests.filter((r) => r.path === '/connect')).toEqual([]);
			expect(api.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
				'/account/status 429',
				'/account/status 200',
				`${QUOTA_READ} 200`,
			]);
			expect(other.error?.message).toMatch(/^Not sent: LinkedIn refused CONNECT/);
		});
	});

	test('a hold this process saw stays in force when the run cannot look up the default account (no free slot): 0 POST', async () => {
		useTimeScale(1);
		try {
			holdAccount();
			const first = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0));
			expect(first.items[0].json.reason).toBe('hold');
			const lookups = () => [...f.accountLookups.values()].reduce((a, b) => a + b, 0);
			let withoutLookup = 0;
			// Runs within the same minute until one finds no /account/* slot for its look-up.
			for (let i = 1; i < 16 && withoutLookup === 0; i++) {
				f.api.clearRequests();
				const before = lookups();
				const { items } = await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(i % 8));
				expect(connects()).toEqual([]);
				expect(items[0].json).toMatchObject({ status: 'skipped', reason: 'hold' });
				if (lookups() === before) withoutLookup = i;
			}
			expect(withoutLookup).toBeGreaterThan(0);
		} finally {
			useTimeScale(FAST_PACING);
		}
	});

	test('writes without a quota of their own (Accept, Withdraw) read none', async () => {
		const invitation = f.api.state.received.find((i) => i.invitationCategory === 'CONNECTION')!;
		const accepted = await f.run({ resource: 'invitation', operation: 'accept' }, [
			{ ...invitation },
		]);
		expect(accepted.items[0].json.status).toBe('accepted');
		const withdrawn = await f.run({ resource: 'invitation', operation: 'withdraw' }, [
			{ ...f.api.state.sent[0] },
		]);
		expect(withdrawn.items[0].json.status).toBe('withdrawn');
		expect(f.quotaReads).toEqual([]);
	});

	test('a used-up quota in the read-out (another client spent it) sends nothing; On Quota Exhausted → Fail says so', async () => {
		f.api.setConnectUsed(90);
		const { error } = await f.run(send(), slugs(0));
		expect(error?.message).toBe(
			`Not sent: the CONNECT quota is used up (90/90); it resets at ${new Date(nextWeekReset(Date.now())).toISOString().replace('.000Z', 'Z')}`,
		);
		expect(f.api.requests).toEqual([]);
	});
});

describe('Account → Get Quota', () => {
	const getQuota = { resource: 'account', operation: 'getQuota' };

	test('one item per quota, paired to its input, for the default account and a chosen one', async () => {
		f.api.setConnectUsed(20);
		f.api.setMessageUsed(7, SECOND_ACCOUNT_ID);
		const { items, error } = await f.run(
			{ ...getQuota, accountId: { __rl: true, mode: 'id', value: '={{ $json.a }}' } },
			[{ a: '' }, { a: SECOND_ACCOUNT_ID }],
		);
		expect(error).toBeUndefined();
		const connect = items.find((i) => i.json.feature === 'CONNECT')!;
		expect(connect).toEqual({
			json: {
				accountId: DEFAULT_ACCOUNT_ID,
				feature: 'CONNECT',
				window: 'weekly',
				used: 20,
				limit: 90,
				remaining: 70,
				limitReached: false,
				resetAt: new Date(nextWeekReset(Date.now())).toISOString().replace('.000Z', 'Z'),
			},
			pairedItem: { item: 0 },
		});
		const message = items.find(
			(i) => i.json.feature === 'MESSAGE' && i.json.accountId === SECOND_ACCOUNT_ID,
		)!;
		expect(message.json).toMatchObject({ window: 'daily', used: 7, limit: 100, remaining: 93 });
		expect(message.pairedItem).toEqual({ item: 1 });
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([
			0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
		]);
		expect(f.api.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
			`GET /account/${DEFAULT_ACCOUNT_ID}/quota`,
			`GET /account/${SECOND_ACCOUNT_ID}/quota`,
		]);
	});

	test('after a hold the quota says limitReached', async () => {
		holdAccount();
		await f.run(send({ onQuotaExhausted: 'skipRemaining' }), slugs(0), {
			loader: await freshPackage(),
		});
		const { items } = await f.run(getQuota);
		expect(items.find((i) => i.json.feature === 'CONNECT')?.json).toMatchObject({
			used: 10,
			remaining: 80,
			limitReached: true,
		});
	});

	test.each([
		[404, 'not_found', 'LinkedIn account not found', /could not find/],
		[403, 'forbidden', 'Subscription expired', /refused access/],
		[500, 'internal_error', 'Internal server error', /server error/],
	])(
		'a %i ({ success, code, message }) with Continue: its error item first, then the other input’s quotas',
		async (status, code, message, summary) => {
			f.api.fault({ path: /\/quota$/, status, body: { success: false, code, message } });
			const { items } = await f.run(getQuota, [{ n: 1 }, { n: 2 }], { continueOnFail: true });
			expect(items).toHaveLength(7);
			expect(String(items[0].json.error)).toMatch(summary);
			expect(String(items[0].json.error)).toContain(message);
			expect(items.slice(1).every((i) => (i.pairedItem as { item: number }).item === 1)).toBe(true);
		},
	);

	test('the default account that cannot be found: an error that names LinkedIn Account', async () => {
		f.api.fault({
			path: '/account/status',
			status: 404,
			body: { success: false, error: 'No LinkedIn account connected' },
		});
		const { error } = await f.run(getQuota, [{}], { loader: await freshPackage() });
		expect(error?.message).toBe('The workspace default LinkedIn account could not be found');
		expect(error?.description).toMatch(/Pick the account in LinkedIn Account/);
	});
});
