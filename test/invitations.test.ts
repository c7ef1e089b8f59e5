import { DEFAULT_ACCOUNT_ID, makeReceived, makeSent, SECOND_ACCOUNT_ID } from '../dev/fake-api';
import { estimateDate } from '../nodes/ConnectSafely/shared/values/dates';
import { calls, json, useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const received = (extra = {}) => ({ resource: 'invitation', operation: 'getReceived', ...extra });
const sent = (extra = {}) => ({ resource: 'invitation', operation: 'getSent', ...extra });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('Get Many Received', () => {
	test.each([
		[0, [0]],
		[9, [0]],
		[10, [0, 10]],
		[11, [0, 10]],
		[25, [0, 10, 20]],
	])('Return All over %i invitations pages by 10 until a short page', async (n, startIndexes) => {
		f.api.reset({ received: n });
		const { items, error } = await f.run(received({ returnAll: true }));
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(range(n).map((i) => makeReceived(i)));
		expect(calls(f.api)).toEqual(
			startIndexes.map((s) => ({
				method: 'GET',
				path: '/invitations/received',
				query: { startIndex: String(s) },
				body: undefined,
			})),
		);
		expect(f.api.requests.every((r) => r.headers.authorization === `Bearer ${f.api.apiKey}`)).toBe(
			true,
		);
	});

	test.each([
		[5, 25, 1],
		[10, 25, 1],
		[15, 25, 2],
		[50, 25, 3],
		[20, 20, 2],
	])(
		'Limit %i over %i invitations fetches %i page(s) and no page beyond need',
		async (limit, n, pages) => {
			f.api.reset({ received: n });
			const { items } = await f.run(received({ returnAll: false, limit }));
			expect(json(items)).toEqual(range(Math.min(limit, n)).map((i) => makeReceived(i)));
			expect(f.api.requests).toHaveLength(pages);
		},
	);

	test('the default Limit is 50', async () => {
		f.api.reset({ received: 60 });
		const { items } = await f.run(received());
		expect(items).toHaveLength(50);
		expect(f.api.requests.map((r) => r.query.startIndex)).toEqual(['0', '10', '20', '30', '40']);
	});

	test('the category filter keeps only the chosen kinds and counts toward Limit after filtering', async () => {
		f.api.reset({ received: 25 });
		const all = range(25).map((i) => makeReceived(i));
		const wanted = all.filter((inv) => ['CONNECTION', 'EVENT'].includes(inv.invitationCategory));
		const { items } = await f.run(
			received({ returnAll: true, filters: { categories: ['CONNECTION', 'EVENT'] } }),
		);
		expect(json(items)).toEqual(wanted);

		f.api.clearRequests();
		const limited = await f.run(received({ limit: 8, filters: { categories: ['CONNECTION'] } }));
		const connections = all.filter((inv) => inv.invitationCategory === 'CONNECTION');
		expect(json(limited.items)).toEqual(connections.slice(0, 8));
		const lastNeeded = all.indexOf(connections[7]);
		expect(f.api.requests).toHaveLength(Math.floor(lastNeeded / 10) + 1);
	});

	test('an empty category filter returns every kind', async () => {
		f.api.reset({ received: 8 });
		const { items } = await f.run(received({ returnAll: true, filters: { categories: [] } }));
		expect(items).toHaveLength(8);
	});

	test('each output item stays paired to the input item that asked for it', async () => {
		f.api.reset({ received: 3 });
		const { items } = await f.run(received({ returnAll: true }), [{ a: 1 }, { a: 2 }]);
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	test('the account goes in the query', async () => {
		const { items } = await f.run(
			received({
				returnAll: true,
				accountId: { __rl: true, mode: 'list', value: SECOND_ACCOUNT_ID },
			}),
		);
		expect(items).toHaveLength(2);
		expect(f.api.requests[0].query).toEqual({ startIndex: '0', accountId: SECOND_ACCOUNT_ID });
	});

	test.each([0, -3, 2.5, 'ten'])('Limit %p is refused before any request', async (limit) => {
		const { error } = await f.run(received({ limit }));
		expect(error?.message).toMatch(/"Limit" must be a whole number of at least 1/);
		expect(f.api.requests).toHaveLength(0);
	});
});

describe('Get Many Sent', () => {
	test('adds sentAtEstimate and keeps every API field', async () => {
		f.api.reset({ sent: 8 });
		const before = new Date();
		const { items } = await f.run(sent({ returnAll: true }));
		const after = new Date();
		expect(items).toHaveLength(8);
		items.forEach((item, i) => {
			const api = makeSent(i);
			const { sentAtEstimate, ...rest } = item.json;
			expect(rest).toEqual(api);
			const low = Date.parse(estimateDate(api.sentAt, before)!);
			const high = Date.parse(estimateDate(api.sentAt, after)!);
			expect(Date.parse(String(sentAtEstimate))).toBeGreaterThanOrEqual(low);
			expect(Date.parse(String(sentAtEstimate))).toBeLessThanOrEqual(high);
		});
	});

	test('Older Than (Days) keeps only invitations at least that old', async () => {
		f.api.reset({ sent: 8 });
		const { items } = await f.run(sent({ returnAll: true, filters: { olderThanDays: 21 } }));
		const ages = items.map((item) => item.json.sentAt);
		expect(ages).toEqual([
			'3 weeks ago',
			'2 months ago',
			'5 months ago',
			'a year ago',
			'2 years ago',
		]);
	});

	test('pages like the received list', async () => {
		f.api.reset({ sent: 11 });
		const { items } = await f.run(sent({ returnAll: true }));
		expect(items).toHaveLength(11);
		expect(f.api.requests.map((r) => `${r.path}?${r.query.startIndex}`)).toEqual([
			'/invitations/sent?0',
			'/invitations/sent?10',
		]);
	});
});

describe('Accept and Ignore', () => {
	const connectionInvite = () => makeReceived(0);

	test('Accept after Get Many Received works with no field edited', async () => {
		f.api.reset({ received: 3 });
		const list = await f.run(
			received({ returnAll: true, filters: { categories: ['CONNECTION'] } }),
		);
		f.api.clearRequests();
		const { items, error } = await f.run(
			{ resource: 'invitation', operation: 'accept' },
			list.items,
		);
		expect(error).toBeUndefined();
		const invitations = json(list.items) as unknown as ReturnType<typeof makeReceived>[];
		expect(calls(f.api)).toEqual(
			invitations.map((inv) => ({
				method: 'POST',
				path: '/invitations/received/respond',
				query: {},
				body: {
					action: 'ACCEPT',
					invitationId: inv.invitationId,
					validationToken: inv.validationToken,
					linkedInInvitationType: 'GenericInvitationType_CONNECTION',
					firstName: inv.profile.firstName,
					lastName: inv.profile.lastName,
					profileId: inv.memberId,
				},
			})),
		);
		expect(json(items)).toEqual(
			invitations.map((inv) => ({
				status: 'accepted',
				// The person accepted, as the list named them: the next node (Message → Send) needs no field.
				memberId: inv.memberId,
				profile: inv.profile,
				success: true,
				message: `Invitation from ${inv.profile.firstName} ${inv.profile.lastName} accepted`,
				accountId: DEFAULT_ACCOUNT_ID,
				rateLimit: {
					action: 'INVITATION_RESPOND',
					limit: 15,
					used: expect.any(Number),
					remaining: expect.any(Number),
					reset: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				},
				pacing: { waitedMs: expect.any(Number), retries: 0 },
			})),
		);
		expect(items.map((i) => i.pairedItem)).toEqual(invitations.map((_, i) => ({ item: i })));
	});

	test('Ignore sends IGNORE with the same fields', async () => {
		const inv = connectionInvite();
		const { items } = await f.run({ resource: 'invitation', operation: 'ignore' }, [inv]);
		expect(f.api.requests[0].body).toEqual({
			action: 'IGNORE',
			invitationId: inv.invitationId,
			validationToken: inv.validationToken,
			linkedInInvitationType: inv.linkedInInvitationType,
			firstName: inv.profile.firstName,
			lastName: inv.profile.lastName,
			profileId: inv.memberId,
		});
		expect(items[0].json.message).toMatch(/ignored/);
	});

	test('Accept refuses a page invitation before any request unless allowed', async () => {
		f.api.reset({ received: 8 });
		const page = makeReceived(2);
		expect(page.invitationCategory).toBe('ORGANIZATION');
		const refused = await f.run({ resource: 'invitation', operation: 'accept' }, [page]);
		expect(refused.error?.message).toBe(
			'Refusing to accept a GenericInvitationType_ORGANIZATION invitation',
		);
		expect(refused.error?.description).toMatch(/Allow Non-Connection Invitations/);
		expect(f.api.requests).toHaveLength(0);

		const allowed = await f.run(
			{ resource: 'invitation', operation: 'accept', options: { allowNonConnection: true } },
			[page],
		);
		expect(allowed.error).toBeUndefined();
		expect(f.api.requests[0].body).toEqual({
			action: 'ACCEPT',
			invitationId: page.invitationId,
			validationToken: page.validationToken,
			linkedInInvitationType: 'GenericInvitationType_ORGANIZATION',
			firstName: page.profile.firstName,
			lastName: page.profile.lastName,
		});
	});

	test('Ignore needs no permission for a page invitation and leaves the empty member ID out', async () => {
		f.api.reset({ received: 8 });
		const page = makeReceived(2);
		const { error } = await f.run({ resource: 'invitation', operation: 'ignore' }, [page]);
		expect(error).toBeUndefined();
		expect(f.api.requests[0].body).not.toHaveProperty('profileId');
	});

	test.each([
		['validationToken', 'Validation Token', 'validationToken'],
		['invitationId', 'Invitation ID', 'invitationId'],
		['linkedInInvitationType', 'Invitation Type', 'linkedInInvitationType'],
		['memberId', 'Member ID', 'memberId'],
	])(
		'an item without %s fails naming the field and its source, before any request',
		async (key, label, source) => {
			const inv = { ...connectionInvite() } as Record<string, unknown>;
			delete inv[key];
			const { error } = await f.run({ resource: 'invitation', operation: 'accept' }, [inv]);
			expect(error?.message).toBe(`"${label}" is empty`);
			expect(error?.description).toContain(`field ${source}`);
			expect(f.api.requests).toHaveLength(0);
		},
	);

	test('an item that did not come from a list fails clearly (no profile object)', async () => {
		const { error } = await f.run({ resource: 'invitation', operation: 'accept' }, [
			{
				invitationId: '1',
				validationToken: 'x',
				linkedInInvitationType: 'GenericInvitationType_CONNECTION',
			},
		]);
		expect(error?.message).toBe('"First Name" is empty');
		expect(f.api.requests).toHaveLength(0);
	});

	test('explicit fields override the item', async () => {
		const inv = connectionInvite();
		await f.run(
			{
				resource: 'invitation',
				operation: 'accept',
				firstName: 'Override',
				accountId: { __rl: true, mode: 'id', value: DEFAULT_ACCOUNT_ID },
			},
			[inv],
		);
		expect(f.api.requests[0].body).toMatchObject({
			firstName: 'Override',
			accountId: DEFAULT_ACCOUNT_ID,
		});
	});
});

describe('Withdraw', () => {
	test('Withdraw after Get Many Sent works with no field edited and sends what avoids a profile lookup', async () => {
		f.api.reset({ sent: 3 });
		const list = await f.run(sent({ returnAll: true }));
		f.api.clearRequests();
		const { items, error } = await f.run(
			{ resource: 'invitation', operation: 'withdraw' },
			list.items,
		);
		expect(error).toBeUndefined();
		expect(calls(f.api)).toEqual(
			range(3).map((i) => {
				const inv = makeSent(i);
				return {
					method: 'POST',
					path: '/invitations/withdraw',
					query: {},
					body: {
						profileId: inv.profile.publicIdentifier,
						invitationId: inv.invitationId,
						memberId: inv.memberId,
						firstName: inv.profile.firstName,
						lastName: inv.profile.lastName,
					},
				};
			}),
		);
		expect(items).toHaveLength(3);
		expect(f.api.state.sent).toHaveLength(0);
		expect(f.api.state.profileFetches).toBe(0);
	});

	test('falls back to the member URN when the item has no public identifier', async () => {
		f.api.reset({ sent: 1 });
		const inv = makeSent(0);
		const { error } = await f.run({ resource: 'invitation', operation: 'withdraw' }, [
			{ ...inv, profile: { ...inv.profile, publicIdentifier: '' } },
		]);
		expect(error).toBeUndefined();
		expect(f.api.requests[0].body).toEqual({
			profileUrn: `urn:li:fsd_profile:${inv.memberId}`,
			invitationId: inv.invitationId,
			memberId: inv.memberId,
			firstName: inv.profile.firstName,
			lastName: inv.profile.lastName,
		});
	});

	test('an item with neither profile nor member ID fails before any request', async () => {
		const { error } = await f.run({ resource: 'invitation', operation: 'withdraw' }, [
			{ invitationId: '1' },
		]);
		expect(error?.message).toBe('"Profile" is empty and there is no "Member ID" to fall back on');
		expect(f.api.requests).toHaveLength(0);
	});
});
