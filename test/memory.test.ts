// What the node remembers beyond one run: holds and spent quotas (in the process; another process reads them from
// ConnectSafely's quota read-out), people already invited (in the process), and the default account's ID.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT_ID, makeProfile, nextWeekReset, SECOND_ACCOUNT_ID } from '../dev/fake-api';
import { freshPackage } from './helpers/engine';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const HOLD_UNTIL = new Date(Date.now() + 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** An item the node skipped because the account is on hold until HOLD_UNTIL. */
const onHold = (p: string) => ({
	status: 'skipped',
	reason: 'hold',
	resumeAfter: HOLD_UNTIL,
	holdUntil: HOLD_UNTIL,
	profileId: p,
});
const people = Array.from({ length: 6 }, (_, i) => makeProfile(30 + i));

const send = (options: IDataObject = {}, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: '={{ $json.p }}',
	options: { onQuotaExhausted: 'skipRemaining', ...options },
	...extra,
});
const connects = () => f.api.requests.filter((r) => r.path === '/connect');
const holdOnNextConnect = () =>
	f.api.fault({
		path: '/connect',
		status: 429,
		headers: { 'Retry-After': '86400' },
		body: {
			success: false,
			error: `Rate limit exceeded for CONNECT: 90/90 used. Resets at ${HOLD_UNTIL}`,
			holdUntil: HOLD_UNTIL,
		},
	});
const slugs = (...indexes: number[]) => indexes.map((i) => ({ p: people[i].slug }));

describe('holds and spent quotas: this process remembers them, ConnectSafely tells every other', () => {
	test('a hold seen in a scheduled run: the next run (same process) sends nothing; no static data is written', async () => {
		holdOnNextConnect();
		const first = await f.run(send(), slugs(0, 1), { mode: 'trigger' });
		expect(first.error).toBeUndefined();
		expect(connects()).toHaveLength(1);
		expect(first.items.map((i) => i.json)).toEqual([
			onHold(people[0].slug),
			onHold(people[1].slug),
		]);
		expect(first.staticDataSaved).toBe(false);
		expect(first.staticData).toEqual({});

		f.api.clearRequests();
		const second = await f.run(send(), slugs(2, 3), { mode: 'trigger' });
		expect(f.api.requests).toEqual([]);
		expect(second.items.map((i) => i.json.reason)).toEqual(['hold', 'hold']);
		expect(second.staticDataSaved).toBe(false);
	});

	test('another process (a restart, another queue-mode worker) learns a hold from ConnectSafely: 0 POST', async () => {
		const account = f.api.state.defaultAccountId;
		f.api.setConnectUsed(10);
		f.api.state.holdUntil[account] = HOLD_UNTIL;
		const first = await f.run(send(), slugs(0, 1), { mode: 'trigger' });
		expect(first.items.map((i) => i.json.reason)).toEqual(['hold', 'hold']);
		expect(connects().map((r) => r.status)).toEqual([429]);

		f.api.clearRequests();
		f.quotaReads.length = 0;
		const other = await f.run(send(), slugs(2, 3), {
			mode: 'trigger',
			loader: await freshPackage(),
		});
		const reset = new Date(nextWeekReset(Date.now())).toISOString().replace('.000Z', 'Z');
		expect(other.items.map((i) => i.json)).toEqual(
			slugs(2, 3).map(({ p }) => ({
				status: 'skipped',
				reason: 'quota',
				resumeAfter: reset,
				profileId: p,
			})),
		);
		expect(f.api.requests).toEqual([]);
		expect(f.quotaReads.map((r) => r.path)).toEqual([`/account/${account}/quota`]);
		process.stdout.write(
			`second process during a hold: ${connects().length} POST /connect, ${f.quotaReads.length} quota read-out\n`,
		);
	});

	test('with On Quota Exhausted → Fail the next run fails with the time the hold ends, sending nothing', async () => {
		holdOnNextConnect();
		await f.run(send(), slugs(0));
		f.api.clearRequests();
		const { error } = await f.run(send({ onQuotaExhausted: 'fail' }), slugs(1, 2));
		expect(error?.message).toBe(
			`Not sent: LinkedIn put the account on hold for CONNECT until ${HOLD_UNTIL}`,
		);
		expect(f.api.requests).toEqual([]);
	});

	test('a used-up quota (X-RateLimit-Remaining: 0) stops the next run of another process until the reset, reason quota', async () => {
		f.api.setConnectUsed(89);
		const first = await f.run(send(), slugs(0, 1), { mode: 'trigger' });
		expect(first.items.map((i) => i.json.status)).toEqual(['sent', 'skipped']);
		const resumeAfter = first.items[1].json.resumeAfter;
		expect(typeof resumeAfter).toBe('string');
		f.api.clearRequests();
		const second = await f.run(send(), slugs(2), {
			mode: 'trigger',
			loader: await freshPackage(),
		});
		expect(second.items[0].json).toEqual({
			status: 'skipped',
			reason: 'quota',
			resumeAfter,
			profileId: people[2].slug,
		});
		expect(f.api.requests).toEqual([]);
	});

	test('when the quota read-out fails (404, 500, no answer), the write goes on with what the process knows', async () => {
		const timeout = { requestOptions: { timeout: 300 } };
		for (const fault of [
			{ status: 404, body: { success: false, code: 'not_found', message: 'Not found' } },
			{ status: 500, body: { success: false, code: 'internal_error', message: 'Boom' } },
			{ action: 'hang' as const },
		]) {
			f.api.fault({ path: /\/quota$/, ...fault });
			const { items, error } = await f.run(
				send({}, timeout),
				slugs(fault.status === 404 ? 0 : fault.status === 500 ? 1 : 2),
				{
					loader: await freshPackage(),
				},
			);
			expect(error).toBeUndefined();
			expect(items[0].json.status).toBe('sent');
		}
		holdOnNextConnect();
		await f.run(send(), slugs(3));
		f.api.fault({
			path: /\/quota$/,
			status: 500,
			body: { success: false, code: 'internal_error', message: 'Boom' },
		});
		f.api.clearRequests();
		const held = await f.run(send(), slugs(4));
		expect(held.items[0].json.reason).toBe('hold');
		expect(connects()).toEqual([]);
	});

	test('a hold on one account does not stop another; other actions of the held account go on', async () => {
		holdOnNextConnect();
		await f.run(send(), slugs(0));
		const second = await f.run(
			send({}, { accountId: { __rl: true, mode: 'id', value: SECOND_ACCOUNT_ID } }),
			slugs(1),
		);
		expect(second.items[0].json.status).toBe('sent');
		const status = await f.run({
			resource: 'connection',
			operation: 'getStatus',
			profile: people[2].slug,
		});
		expect(status.error).toBeUndefined();
	});
});

describe('never the same invitation twice in one process', () => {
	test('two executions at the same time with overlapping people: one POST /connect per person', async () => {
		const [a, b] = await Promise.all([
			f.run(send(), slugs(0, 1, 2, 3)),
			f.run(send(), slugs(2, 3, 4, 1)),
		]);
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		const perPerson: Record<string, number> = {};
		for (const r of connects())
			perPerson[String(r.body.profileId)] = (perPerson[String(r.body.profileId)] ?? 0) + 1;
		expect(perPerson).toEqual(Object.fromEntries([0, 1, 2, 3, 4].map((i) => [people[i].slug, 1])));
		const outcomes = [...a.items, ...b.items].map((i) =>
			`${String(i.json.p)} ${String(i.json.status)} ${String(i.json.reason ?? '')}`.trim(),
		);
		expect(outcomes.filter((o) => o.endsWith('sent'))).toHaveLength(5);
		expect(outcomes.filter((o) => o.endsWith('skipped duplicate'))).toHaveLength(3);
	});

	test('status check off: vanity name, URL, other case and percent-encoding of one person are sent once', async () => {
		const person = makeProfile(3);
		const encoded = encodeURIComponent(person.slug);
		const { items } = await f.run(send({ skipIfConnectedOrPending: false }), [
			{ p: person.slug },
			{ p: `https://www.linkedin.com/in/${person.slug.toUpperCase()}/` },
			{ p: `https://linkedin.com/in/${encoded}?trk=x` },
		]);
		expect(items.map((i) => i.json.reason ?? i.json.status)).toEqual([
			'sent',
			'duplicate',
			'duplicate',
		]);
		expect(connects()).toHaveLength(1);
		// A later execution in the same process does not send it again either.
		f.api.clearRequests();
		const later = await f.run(send({ skipIfConnectedOrPending: false }), [
			{ p: person.slug.toUpperCase() },
		]);
		expect(later.items[0].json.reason).toBe('duplicate');
		expect(f.api.requests).toEqual([]);
	});

	test('status check on: the URN of a person already sent to by vanity name is a duplicate', async () => {
		await f.run(send(), slugs(0));
		f.api.clearRequests();
		const { items } = await f.run(send(), [
			{ p: `urn:li:fsd_profile:${people[0].memberId}` },
			{ p: people[0].memberId },
		]);
		expect(items.map((i) => i.json.reason)).toEqual(['duplicate', 'duplicate']);
		expect(connects()).toEqual([]);
	});

	test('status check off: the URN of a person sent to by vanity name is not known to be the same (documented)', async () => {
		await f.run(send({ skipIfConnectedOrPending: false }), slugs(0));
		const { items } = await f.run(send({ skipIfConnectedOrPending: false }), [
			{ p: `urn:li:fsd_profile:${people[0].memberId}` },
		]);
		expect(items[0].json.reason).toBe('connectedOrPending');
		expect(connects()).toHaveLength(2);
	});

	test('a definite failure (400) gives the person up: the next run may send', async () => {
		f.api.fault({
			path: '/connect',
			status: 400,
			body: { success: false, error: 'LinkedIn refused the request' },
		});
		const first = await f.run(send(), slugs(0), { continueOnFail: true });
		expect(String(first.items[0].json.error)).toMatch(/400/);
		const second = await f.run(send(), slugs(0));
		expect(second.items[0].json.status).toBe('sent');
	});

	test('a lost answer keeps the person: the next run in this process does not send again', async () => {
		f.api.fault({ path: '/connect', action: 'reset' });
		await f.run(send(), slugs(0), { continueOnFail: true });
		f.api.clearRequests();
		const second = await f.run(send(), slugs(0));
		expect(second.items[0].json.reason).toBe('duplicate');
		expect(f.api.requests).toEqual([]);
	});
});

describe('the people store: told by Withdraw, bounded in time, kept when an outcome is unknown', () => {
	const sentItem = (slug: string) => {
		const invitation = f.api.state.sent.find((i) => i.profile.publicIdentifier === slug)!;
		return { ...invitation };
	};

	test('Send Request → Withdraw → Send Request to the same person: skipped as withdrawn, never a duplicate, no POST', async () => {
		const person = people[0].slug;
		expect((await f.run(send(), slugs(0))).items[0].json.status).toBe('sent');
		const withdrawn = await f.run({ resource: 'invitation', operation: 'withdraw' }, [
			sentItem(person),
		]);
		expect(withdrawn.items[0].json.status).toBe('withdrawn');
		f.api.clearRequests();
		const again = await f.run(send(), slugs(0));
		expect(again.items[0].json).toMatchObject({
			profileId: person,
			status: 'skipped',
			reason: 'withdrawn',
		});
		const until = Date.parse(String(again.items[0].json.resumeAfter));
		expect(until - Date.now()).toBeGreaterThan(20.9 * 24 * 3600_000);
		expect(until - Date.now()).toBeLessThanOrEqual(21 * 24 * 3600_000);
		expect(f.api.requests).toEqual([]);
	});

	test('another process that did not see the withdrawal: ConnectSafely’s refusal gives the same reason, with its end', async () => {
		await f.run(send(), slugs(1));
		await f.run({ resource: 'invitation', operation: 'withdraw' }, [sentItem(people[1].slug)]);
		const other = await freshPackage();
		const again = await f.run(send(), slugs(1), { loader: other });
		expect(again.items[0].json).toMatchObject({ status: 'skipped', reason: 'withdrawn' });
		expect(typeof again.items[0].json.resumeAfter).toBe('string');
		expect(connects().map((r) => r.status)).toEqual([200, 400]);
	});

	test.each([502, 504])(
		'a %i on a write may have been carried out: the error says so, and the person stays claimed',
		async (status) => {
			f.api.fault({
				path: '/connect',
				status,
				body: { success: false, error: 'upstream timed out' },
			});
			const first = await f.run(send(), slugs(2));
			expect(first.error?.description).toMatch(
				/may have reached ConnectSafely and been carried out/,
			);
			expect(first.error?.description).toMatch(/did not send it again/);
			f.api.clearRequests();
			const second = await f.run(send(), slugs(2));
			expect(second.items[0].json.reason).toBe('duplicate');
			expect(f.api.requests).toEqual([]);
		},
	);

	test.each([500, 503])(
		'a %i was not carried out: the person is given up, the next run sends',
		async (status) => {
			f.api.fault({ path: '/connect', status, body: { success: false, error: 'Internal error' } });
			const first = await f.run(send(), slugs(3));
			expect(first.error?.description).not.toMatch(/may have reached ConnectSafely/);
			const second = await f.run(send(), slugs(3));
			expect(second.items[0].json.status).toBe('sent');
		},
	);
});

describe('one classifier per operation', () => {
	test('Accept answered "Invitation already handled or expired": an error explained for an invitation, not a connection request', async () => {
		f.api.fault({
			path: '/invitations/received/respond',
			status: 400,
			body: { success: false, error: 'Invitation already handled or expired' },
		});
		const invitation = f.api.state.received.find((i) => i.invitationCategory === 'CONNECTION')!;
		const { error } = await f.run({ resource: 'invitation', operation: 'accept' }, [
			{ ...invitation },
		]);
		expect(error?.message).toBe(
			'Accept invitation failed: ConnectSafely rejected the request (400): Invitation already handled or expired',
		);
		expect(error?.description).toBe(
			'The invitation was already answered, has expired or is gone, so nothing was accepted. Answer the ones Get Many Received lists now; to let the workflow go on for such items, set On Error → Continue.',
		);
		expect(error?.description).not.toMatch(/connected|pending/);
	});
});

describe('one account, one budget', () => {
	test('the default account’s ID is asked once per node run, only by writes, and again in the next execution', async () => {
		const process = await f.process();
		await f.run({ resource: 'connection', operation: 'getStatus', profile: people[0].slug });
		expect(f.accountLookups.get(process) ?? 0).toBe(0);
		await f.run(send(), slugs(0, 1));
		expect(f.accountLookups.get(process)).toBe(1);
		await f.run(send(), slugs(2));
		expect(f.accountLookups.get(process)).toBe(2);
	});

	test.each([
		['the explicit default ID', DEFAULT_ACCOUNT_ID],
		['the explicit default ID in upper case', DEFAULT_ACCOUNT_ID.toUpperCase()],
	])('a hold seen with the account left empty also stops %s', async (_label, accountId) => {
		holdOnNextConnect();
		await f.run(send(), slugs(0));
		f.api.clearRequests();
		const { items } = await f.run(
			send({}, { accountId: { __rl: true, mode: 'id', value: accountId } }),
			slugs(1),
		);
		expect(items[0].json.reason).toBe('hold');
		expect(f.api.requests).toEqual([]);
	});

	test('if the look-up fails, writes still go out (as the default account, counted apart)', async () => {
		f.api.fault({
			path: '/account/status',
			status: 500,
			body: { success: false, error: 'Internal server error' },
		});
		const { items, error } = await f.run(send(), slugs(0));
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('sent');
	});
});
