import type { IDataObject } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT_ID,
	SECOND_ACCOUNT_ID,
	makeConnection,
	makeProfile,
	makeSent,
	startFakeApi,
	type FakeApi,
	type FakeApiOptions,
} from '../dev/fake-api';
import { loadPackage, runListSearch, runNode, runPoll } from './helpers/engine';
import { useTimeScale } from './helpers/fixture';

// A ConnectSafely "minute" lasts WINDOW ms here: the node's pacing and the fake API's throttle use the same scale.
const WINDOW = 4000;

let api: FakeApi;
// n8n-core initialises itself on the first execution in a process: do that before anything is timed.
beforeAll(async () => {
	await loadPackage();
	const warm = await startFakeApi();
	await runNode({
		parameters: { resource: 'connection', operation: 'getStatus', profile: makeProfile(0).slug },
		credentials: { apiKey: warm.apiKey, baseUrl: warm.url },
	});
	await warm.close();
});
afterEach(async () => {
	await api?.close();
	useTimeScale(1);
});

async function start(options: FakeApiOptions = {}, windowMs = WINDOW): Promise<FakeApi> {
	useTimeScale(windowMs / 60_000);
	api = await startFakeApi({ throttle: { windowMs }, ...options });
	return api;
}

function run(parameters: IDataObject, input: IDataObject[], continueOnFail = false) {
	return runNode({
		parameters: parameters as never,
		input,
		credentials: { apiKey: api.apiKey, baseUrl: api.url },
		continueOnFail,
	});
}

const send = (extra: IDataObject = {}) => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: '={{ $json.p }}',
	...extra,
});
const strangers = (n: number, from = 0) =>
	Array.from({ length: n }, (_, i) => ({ p: makeProfile(from + i).slug }));
const connects = () => api.requests.filter((r) => r.path === '/connect');
const statuses = (a: FakeApi) => a.requests.map((r) => r.status);

describe('pacing under the per-account limits', () => {
	test('60 connection requests under 15 writes per minute: zero 429s, all sent, never faster than the limit', async () => {
		await start({ seed: { strangers: 60 } });
		const began = Date.now();
		const { items, error } = await run(send(), strangers(60));
		const wall = Date.now() - began;
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.status)).toEqual(Array(60).fill('sent'));
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
		expect(connects()).toHaveLength(60);
		// 60 status checks, 60 sends, the one look-up of the default account's ID and the one quota read-out.
		expect(api.requests).toHaveLength(122);
		expect(api.requests.filter((r) => r.path.endsWith('/quota'))).toHaveLength(1);
		expect(api.requests.filter((r) => r.path === '/account/status')).toHaveLength(1);
		// The limit allows the 46th send (the first of the 4th window) no earlier than 3 windows after the 1st. Each item's
		// status check runs in its turn, between two sends, so the last window's 15 sends follow one check apart.
		const minimum = Math.floor((60 - 1) / 15) * WINDOW;
		const at = connects().map((r) => r.at);
		const span = at[45] - at[0];
		const ratio = span / minimum;
		process.stdout.write(
			`pacing: 60 sends, ${api.requests.length} calls, 0 429s; first to 46th send ${span} ms vs minimum ${minimum} ms (ratio ${ratio.toFixed(3)}); 46th to 60th ${at[59] - at[45]} ms; whole node run ${wall} ms (ratio ${(wall / minimum).toFixed(3)})\n`,
		);
		// Never faster than the limit allows; how close to the minimum it gets is a benchmark figure (npm run bench).
		expect(ratio).toBeGreaterThanOrEqual(1);
	}, 60_000);

	test('items of one execution stay under 30 reads per minute (45 status checks)', async () => {
		await start({ seed: { strangers: 45 } });
		const { items, error } = await run(
			{ resource: 'connection', operation: 'getStatus', profile: '={{ $json.p }}' },
			strangers(45),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(45);
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
		const secondWindow = api.requests[30].at - api.requests[0].at;
		expect(secondWindow).toBeGreaterThanOrEqual(WINDOW - 50);
	}, 60_000);

	test('pages of one list stay under 30 reads per minute (41 pages)', async () => {
		await start({ seed: { received: 405 } }, 1500);
		const { items, error } = await run(
			{ resource: 'invitation', operation: 'getReceived', returnAll: true },
			[{}],
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(405);
		expect(api.requests).toHaveLength(41);
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
	}, 60_000);
});

describe('one account, one budget', () => {
	test('the default account left empty and its explicit ID in upper case share the 15 writes a minute', async () => {
		await start({ seed: { strangers: 16 } });
		const direct = send({ options: { skipIfConnectedOrPending: false } });
		const explicit = {
			...direct,
			accountId: { __rl: true, mode: 'id', value: DEFAULT_ACCOUNT_ID.toUpperCase() },
		};
		const [a, b] = await Promise.all([run(direct, strangers(10)), run(explicit, strangers(6, 10))]);
		expect(a.error ?? b.error).toBeUndefined();
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
		const at = connects().map((r) => r.at);
		expect(at).toHaveLength(16);
		expect(at[15] - at[0]).toBeGreaterThanOrEqual(WINDOW);
	}, 60_000);
});

describe('every request paced: the trigger and the account picker share the node’s budget', () => {
	const status = { resource: 'connection', operation: 'getStatus', profile: '={{ $json.p }}' };

	test('a trigger poll right after 30 status checks waits for the read window instead of drawing a 429', async () => {
		await start({ seed: { strangers: 30 } });
		const checks = await run(status, strangers(30));
		expect(checks.error).toBeUndefined();
		await runPoll({
			parameters: { event: 'invitationReceived' },
			credentials: { apiKey: api.apiKey, baseUrl: api.url },
			mode: 'trigger',
			activation: 'activate',
		});
		const poll = api.requests.find((r) => r.path === '/invitations/received')!;
		expect(poll.at - api.requests[0].at).toBeGreaterThanOrEqual(WINDOW - 50);
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
	}, 60_000);

	test('the account picker right after 60 requests of the key waits for the key’s window', async () => {
		await start({ seed: { strangers: 30 } });
		const second = { ...status, accountId: { __rl: true, mode: 'id', value: SECOND_ACCOUNT_ID } };
		const [a, b] = await Promise.all([run(status, strangers(30)), run(second, strangers(30))]);
		expect(a.error ?? b.error).toBeUndefined();
		await runListSearch({
			method: 'searchAccounts',
			credentials: { apiKey: api.apiKey, baseUrl: api.url },
		});
		const picker = api.requests.find((r) => r.path === '/accounts')!;
		expect(picker.at - api.requests[0].at).toBeGreaterThanOrEqual(WINDOW - 50);
		expect(statuses(api).filter((s) => s === 429)).toEqual([]);
	}, 60_000);
});

describe('quota and holds', () => {
	test.each([
		['skipRemaining', true],
		['skipRemaining', false],
	])(
		'the quota used up at item 7 of 20 (%s): exactly 7 sends, 13 skipped items with resumeAfter',
		async (policy, continueOnFail) => {
			await start();
			api.setConnectUsed(83);
			const { items, error } = await run(
				send({ options: { onQuotaExhausted: policy } }),
				strangers(20),
				continueOnFail,
			);
			expect(error).toBeUndefined();
			expect(connects()).toHaveLength(7);
			expect(items.map((i) => i.json.status)).toEqual([
				...Array(7).fill('sent'),
				...Array(13).fill('skipped'),
			]);
			const reset = items[6].json.rateLimit as IDataObject;
			expect(reset).toMatchObject({ action: 'CONNECT', limit: 90, used: 90, remaining: 0 });
			for (const [i, item] of items.slice(7).entries()) {
				expect(item.json).toEqual({
					profileId: strangers(20)[7 + i].p,
					status: 'skipped',
					reason: 'quota',
					resumeAfter: reset.reset,
				});
				expect(item.pairedItem).toEqual({ item: 7 + i });
			}
		},
	);

	test('the quota used up at item 7 of 20 (fail): exactly 7 sends and one clear error', async () => {
		await start();
		api.setConnectUsed(83);
		const { error } = await run(send(), strangers(20));
		expect(connects()).toHaveLength(7);
		expect(error?.message).toMatch(
			/^Not sent: the CONNECT quota is used up \(90\/90\); it resets at \d{4}-/,
		);
		expect(error?.description).toMatch(/Skip Remaining Items/);
	});

	test('with Continue On Fail the unsent items of the fail policy become error items in order', async () => {
		await start();
		api.setConnectUsed(88);
		const { items } = await run(send(), strangers(5), true);
		expect(connects()).toHaveLength(2);
		expect(items.map((i) => (i.json.error ? 'error' : i.json.status))).toEqual([
			'sent',
			'sent',
			'error',
			'error',
			'error',
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	test('a 429 with holdUntil at item 7 is never retried; the rest are skipped as on hold, with the hold end passed through', async () => {
		await start();
		const holdUntil = '2026-11-27T15:42:11Z';
		api.state.connectUsed[api.state.defaultAccountId] = 0;
		let seen = 0;
		const original = api.requests.push.bind(api.requests);
		api.requests.push = (...records) => {
			for (const record of records)
				if (record.path === '/connect' && ++seen === 7)
					api.fault({
						path: '/connect',
						status: 429,
						headers: { 'Retry-After': '86400' },
						body: {
							success: false,
							error: 'Rate limit exceeded for CONNECT: 7/90 used. Resets at 2026-11-30T00:00:00Z',
							holdUntil,
						},
					});
			return original(...records);
		};
		const { items, error } = await run(
			send({ options: { onQuotaExhausted: 'skipRemaining' } }),
			strangers(20),
		);
		expect(error).toBeUndefined();
		expect(connects()).toHaveLength(7);
		expect(items.map((i) => i.json.status)).toEqual([
			...Array(6).fill('sent'),
			...Array(14).fill('skipped'),
		]);
		for (const item of items.slice(6)) {
			expect(item.json).toMatchObject({
				status: 'skipped',
				reason: 'hold',
				resumeAfter: holdUntil,
				holdUntil,
			});
		}
	});

	test('a throttling 429 with Retry-After: 1 is waited out and retried once', async () => {
		await start();
		api.fault({
			path: '/connect',
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { success: false, error: 'Too many requests' },
		});
		const { items, error } = await run(send(), strangers(1));
		expect(error).toBeUndefined();
		expect(connects().map((r) => r.status)).toEqual([429, 200]);
		expect(connects()[1].at - connects()[0].at).toBeGreaterThanOrEqual(1000);
		expect(items[0].json).toMatchObject({ status: 'sent', pacing: { retries: 1 } });
		expect((items[0].json.pacing as IDataObject).waitedMs).toBeGreaterThanOrEqual(1000);
	});
});

describe('no wasted invitations', () => {
	test('connected, pending and invited-by-them people and duplicates in mixed forms cost no /connect call', async () => {
		await start();
		const friend = makeConnection(2);
		const pending = makeSent(1);
		const inviter = api.state.received.find((r) => r.invitationCategory === 'CONNECTION')!;
		const a = makeProfile(20);
		const b = makeProfile(21);
		const input = [
			{ p: a.profileUrl },
			{ p: friend.profileUrl },
			{ p: b.slug },
			{ p: pending.profile.publicIdentifier },
			{ p: `https://www.linkedin.com/in/${a.slug}/?trk=x` },
			{ p: inviter.profile.profileUrl },
			{ p: `urn:li:fsd_profile:${b.memberId}` },
			{ p: makeProfile(22).slug },
			{ p: b.memberId },
			{ p: makeProfile(23).slug },
		];
		const { items, error } = await run(send(), input);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.status, i.json.reason ?? null])).toEqual([
			['sent', null],
			['skipped', 'connected'],
			['sent', null],
			['skipped', 'pending'],
			['skipped', 'duplicate'],
			['skipped', 'theyInvitedYou'],
			['skipped', 'duplicate'],
			['sent', null],
			['skipped', 'duplicate'],
			['sent', null],
		]);
		expect(connects().map((r) => r.body.profileId)).toEqual([
			a.slug,
			b.slug,
			makeProfile(22).slug,
			makeProfile(23).slug,
		]);
	});

	test('a 400 "Already connected or invitation already sent" from /connect is skipped as connectedOrPending, as ConnectSafely said', async () => {
		await start();
		const friend = makeConnection(3);
		const { items, error } = await run(send({ options: { skipIfConnectedOrPending: false } }), [
			{ p: friend.vanityName },
		]);
		expect(error).toBeUndefined();
		expect(connects()).toHaveLength(1);
		expect(items[0].json).toEqual({
			status: 'skipped',
			reason: 'connectedOrPending',
			profileId: friend.vanityName,
		});
	});

	test('Delay Between Requests spaces consecutive sends by a random pause within the range', async () => {
		await start({}, 60_000);
		useTimeScale(0.01);
		const { error } = await run(
			send({
				options: {
					skipIfConnectedOrPending: false,
					delayBetweenRequests: { values: { minSeconds: 0.2, maxSeconds: 0.3 } },
				},
			}),
			strangers(5),
		);
		expect(error).toBeUndefined();
		const at = connects().map((r) => r.at);
		const gaps = at.slice(1).map((t, i) => t - at[i]);
		// At least the range's minimum apart; that the pause stays within the range is randomDelayMs's (test/unit).
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(195);
	});
});
