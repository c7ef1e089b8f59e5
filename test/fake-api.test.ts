// Tests of the fake ConnectSafely API itself (test/fake-api), over real HTTP on 127.0.0.1.
import {
	CONNECTIONS_MAX_LIMIT,
	DEFAULT_ACCOUNT_ID,
	DEFAULT_CONNECT_QUOTA,
	SECOND_ACCOUNT_ID,
	makeConnection,
	makeProfile,
	makeReceived,
	makeSent,
	startFakeApi,
	type FakeApi,
	type ReceivedInvitation,
} from './fake-api';

// A Wednesday: the quota week started Monday 2026-04-20 and resets Monday 2026-04-27 00:00 UTC.
const START = Date.parse('2026-04-22T15:42:11Z');
let nowMs = START;
let api: FakeApi;

interface Reply {
	status: number;
	body: any;
	headers: Headers;
}

async function call(
	method: string,
	path: string,
	options: { body?: unknown; rawBody?: string; key?: string | null; query?: Record<string, string | number> } = {},
): Promise<Reply> {
	const url = new URL(api.url + path);
	for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value));
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	const key = options.key === undefined ? api.apiKey : options.key;
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	const response = await fetch(url, { method, headers, body });
	return { status: response.status, body: await response.json(), headers: response.headers };
}

const get = (path: string, query?: Record<string, string | number>, key?: string | null) =>
	call('GET', path, { query, key });
const post = (path: string, body?: unknown) => call('POST', path, { body });

function respondBody(inv: ReceivedInvitation, action: 'ACCEPT' | 'IGNORE' = 'ACCEPT') {
	const body: Record<string, string> = {
		action,
		invitationId: inv.invitationId,
		validationToken: inv.validationToken,
		linkedInInvitationType: inv.linkedInInvitationType,
		firstName: inv.profile.firstName,
		lastName: inv.profile.lastName,
	};
	if (inv.memberId) body.profileId = inv.memberId;
	return body;
}

function firstStranger(offset = 0) {
	return makeProfile(offset);
}

beforeAll(async () => {
	api = await startFakeApi({ now: () => new Date(nowMs) });
});

afterAll(async () => {
	await api.close();
});

beforeEach(() => {
	nowMs = START;
	api.reset({});
});

describe('authentication and plumbing', () => {
	it('answers 401 without or with a wrong API key, with rate-limit headers', async () => {
		for (const key of [null, 'wrong-key']) {
			const reply = await get('/invitations/received', undefined, key);
			expect(reply.status).toBe(401);
			expect(reply.body).toEqual({ success: false, error: 'Unauthorized - Invalid credentials' });
			expect(reply.headers.get('x-ratelimit-action')).toBe('READ');
		}
	});

	it('serves everything under /linkedin and 404s unknown paths', async () => {
		expect((await get('/nope')).status).toBe(404);
		expect((await call('DELETE', '/connect')).status).toBe(404);
		const outside = await fetch(api.url.replace(/\/linkedin$/, '/invitations/received'), {
			headers: { Authorization: `Bearer ${api.apiKey}` },
		});
		expect(outside.status).toBe(404);
	});

	it('puts X-RateLimit-* headers on every response', async () => {
		const replies = [
			await get('/account/status'),
			await get('/invitations/sent'),
			await post('/connect', { profileId: firstStranger().slug }),
			await post('/invitations/withdraw', { profileId: firstStranger(1).slug }),
			await get('/nope'),
		];
		const actions = replies.map((r) => r.headers.get('x-ratelimit-action'));
		expect(actions).toEqual(['ACCOUNT', 'READ', 'CONNECT', 'WITHDRAW', 'READ']);
		for (const reply of replies) {
			for (const name of ['limit', 'used', 'remaining']) {
				expect(reply.headers.get(`x-ratelimit-${name}`)).toMatch(/^\d+$/);
			}
			expect(reply.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		}
		expect(replies[2].headers.get('x-ratelimit-limit')).toBe(String(DEFAULT_CONNECT_QUOTA));
		expect(replies[2].headers.get('x-ratelimit-used')).toBe('1');
		expect(replies[2].headers.get('x-ratelimit-remaining')).toBe('89');
		expect(replies[2].headers.get('x-ratelimit-reset')).toBe('2026-04-27T00:00:00Z');
	});

	it('rejects an invalid JSON body', async () => {
		const reply = await call('POST', '/connect', { rawBody: '{"profileId": ' });
		expect(reply.status).toBe(400);
		expect(reply.body).toEqual({ success: false, error: 'Invalid JSON body' });
	});

	it('records every request in arrival order', async () => {
		await get('/invitations/received', { startIndex: 10, accountId: DEFAULT_ACCOUNT_ID });
		await post('/connect', { profileId: firstStranger().slug, customMessage: 'Hi' });
		await get('/connections', undefined, null);
		expect(api.requests.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/invitations/received', 200],
			['POST', '/connect', 200],
			['GET', '/connections', 401],
		]);
		const [list, connect, unauthorized] = api.requests;
		expect(list.query).toEqual({ startIndex: '10', accountId: DEFAULT_ACCOUNT_ID });
		expect(list.body).toBeUndefined();
		expect(connect.body).toEqual({ profileId: firstStranger().slug, customMessage: 'Hi' });
		expect(connect.headers.authorization).toBe(`Bearer ${api.apiKey}`);
		expect(connect.headers['content-type']).toBe('application/json');
		expect(unauthorized.headers.authorization).toBeUndefined();
		expect(typeof list.at).toBe('number');
		api.clearRequests();
		expect(api.requests).toHaveLength(0);
	});

	it('adds latency when asked', async () => {
		const slow = await startFakeApi({ latencyMs: 150, apiKey: 'k' });
		try {
			const started = Date.now();
			const response = await fetch(`${slow.url}/account/status`, { headers: { Authorization: 'Bearer k' } });
			expect(response.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		} finally {
			await slow.close();
		}
	});
});

describe('accounts', () => {
	it('returns the default account status and picks accounts by id', async () => {
		const status = await get('/account/status');
		expect(status.status).toBe(200);
		expect(status.body).toMatchObject({ id: DEFAULT_ACCOUNT_ID, status: 'ACTIVE', enabled: true, hasTokens: true });
		expect((await get('/account/status', { accountId: SECOND_ACCOUNT_ID })).body.id).toBe(SECOND_ACCOUNT_ID);
	});

	it('404s an unknown account id and 400s a malformed one', async () => {
		const unknown = await get('/invitations/received', { accountId: 'aaaaaaaaaaaaaaaaaaaaaaaa' });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ success: false, error: 'LinkedIn account not found' });
		const malformed = await get('/invitations/received', { accountId: 'not-an-id' });
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.name).toBe('ZodError');
		expect(malformed.body.error.issues[0].path).toEqual(['accountId']);
	});

	it('lists accounts as an array, filtered by q', async () => {
		expect((await get('/accounts')).body.map((a: { id: string }) => a.id)).toEqual([DEFAULT_ACCOUNT_ID, SECOND_ACCOUNT_ID]);
		expect((await get('/accounts', { q: 'marcus' })).body).toHaveLength(1);
		expect((await get('/accounts', { q: DEFAULT_ACCOUNT_ID })).body[0].id).toBe(DEFAULT_ACCOUNT_ID);
		expect((await get('/accounts', { q: 'https://www.linkedin.com/in/marcus-lindqvist/' })).body[0].id).toBe(
			SECOND_ACCOUNT_ID,
		);
		expect((await get('/accounts', { q: 'nobody' })).body).toEqual([]);
	});

	it('keeps separate data for the second account', async () => {
		const reply = await get('/invitations/received', { accountId: SECOND_ACCOUNT_ID });
		expect(reply.body).toMatchObject({ success: true, count: 2, accountId: SECOND_ACCOUNT_ID });
		expect(reply.body.invitations[0]).toEqual(makeReceived(5000));
	});
});

describe('invitation lists', () => {
	it('seeds a realistic default set', async () => {
		expect(api.state.received).toHaveLength(12);
		expect(api.state.sent).toHaveLength(6);
		expect(api.state.connections).toHaveLength(15);
		const categories = new Set(api.state.received.map((i) => i.invitationCategory));
		expect([...categories].sort()).toEqual(['CONNECTION', 'EVENT', 'MEMBER_FOLLOW', 'NEWSLETTER', 'ORGANIZATION']);
		for (const inv of api.state.received) {
			const person = ['CONNECTION', 'MEMBER_FOLLOW'].includes(inv.invitationCategory);
			expect(inv.memberId).toMatch(person ? /^ACoA[A-Za-z0-9_-]{30,}$/ : /^$/);
			expect(inv.linkedInInvitationType).toMatch(/^GenericInvitationType_/);
			if (inv.invitationCategory === 'ORGANIZATION') expect(inv.companyName).toBeTruthy();
		}
	});

	it('generators are deterministic', () => {
		expect(makeReceived(3)).toEqual(makeReceived(3));
		expect(makeReceived(0).invitationId).toBe('7401234567890123456');
		expect(makeReceived(7).invitationId).toBe('7401234567890123463');
		expect(makeProfile(3).slug).toBe('josé-garcía-3');
		expect(makeSent(2, { sentAt: 'x' }).sentAt).toBe('x');
		expect(makeConnection(0).connectedDate).toMatch(/^Connected on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
	});

	it.each([0, 9, 10, 11, 25])('pages %i received and sent invitations by 10', async (n) => {
		api.reset({ received: n, sent: n });
		for (const [path, make] of [
			['/invitations/received', makeReceived],
			['/invitations/sent', makeSent],
		] as const) {
			const seen: unknown[] = [];
			const sizes: number[] = [];
			for (let startIndex = 0; ; startIndex += 10) {
				const reply = await get(path, { startIndex });
				expect(reply.status).toBe(200);
				expect(reply.body).toMatchObject({ success: true, startIndex, accountId: DEFAULT_ACCOUNT_ID });
				expect(reply.body.count).toBe(reply.body.invitations.length);
				sizes.push(reply.body.count);
				seen.push(...reply.body.invitations);
				if (reply.body.count < 10) break;
			}
			const expected = Array.from({ length: n }, (_, i) => make(i));
			expect(seen).toEqual(expected);
			const full = Math.floor(n / 10);
			expect(sizes).toEqual([...Array(full).fill(10), n % 10]);
		}
	});

	it('rejects a negative startIndex', async () => {
		const reply = await get('/invitations/received', { startIndex: -1 });
		expect(reply.status).toBe(400);
		expect(reply.body.error.issues[0]).toMatchObject({ code: 'too_small', path: ['startIndex'] });
	});

	it('accepts array seeds and addReceived prepends', async () => {
		api.reset({ received: [makeReceived(4), makeReceived(2)] });
		const added = api.addReceived();
		const reply = await get('/invitations/received');
		expect(reply.body.invitations.map((i: ReceivedInvitation) => i.invitationId)).toEqual([
			added.invitationId,
			makeReceived(4).invitationId,
			makeReceived(2).invitationId,
		]);
		api.removeReceived(added.invitationId);
		expect(api.state.received).toHaveLength(2);
	});
});

describe('POST /invitations/received/respond', () => {
	it('reports every missing field as Zod issues', async () => {
		const reply = await post('/invitations/received/respond', {});
		expect(reply.status).toBe(400);
		expect(reply.body.success).toBe(false);
		expect(reply.body.error.name).toBe('ZodError');
		expect(reply.body.error.issues.map((i: { path: string[] }) => i.path[0])).toEqual([
			'action',
			'invitationId',
			'validationToken',
			'linkedInInvitationType',
			'firstName',
			'lastName',
		]);
	});

	it('reports one missing field exactly like Zod', async () => {
		const body = respondBody(api.state.received[0]);
		delete body.validationToken;
		const reply = await post('/invitations/received/respond', body);
		expect(reply.body).toEqual({
			success: false,
			error: {
				name: 'ZodError',
				issues: [
					{ code: 'invalid_type', expected: 'string', received: 'undefined', path: ['validationToken'], message: 'Required' },
				],
			},
		});
	});

	it('rejects an unknown action and empty strings', async () => {
		const body = { ...respondBody(api.state.received[0]), action: 'MAYBE', firstName: '' };
		const issues = (await post('/invitations/received/respond', body)).body.error.issues;
		expect(issues.map((i: { code: string }) => i.code)).toEqual(['invalid_enum_value', 'too_small']);
	});

	it('requires profileId for connection invitations only', async () => {
		const connection = api.state.received.find((i) => i.invitationCategory === 'CONNECTION')!;
		const body = respondBody(connection);
		delete body.profileId;
		const reply = await post('/invitations/received/respond', body);
		expect(reply.status).toBe(400);
		expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: ['profileId'] })]);

		const organization = api.state.received.find((i) => i.invitationCategory === 'ORGANIZATION')!;
		const ok = await post('/invitations/received/respond', respondBody(organization, 'IGNORE'));
		expect(ok.status).toBe(200);
		expect(ok.body).toEqual({
			success: true,
			message: `Invitation from ${organization.profile.firstName} ${organization.profile.lastName} ignored`,
			accountId: DEFAULT_ACCOUNT_ID,
		});
	});

	it('rejects a wrong token, an unknown invitation and a wrong profileId', async () => {
		const inv = api.state.received[0];
		const wrongToken = await post('/invitations/received/respond', { ...respondBody(inv), validationToken: 'nope' });
		expect(wrongToken.status).toBe(400);
		expect(wrongToken.body).toEqual({ success: false, error: 'Invalid validation token' });

		const unknown = await post('/invitations/received/respond', { ...respondBody(inv), invitationId: '1' });
		expect(unknown.body).toEqual({ success: false, error: 'Invitation not found or already handled' });

		const slug = await post('/invitations/received/respond', { ...respondBody(inv), profileId: inv.profile.publicIdentifier });
		expect(slug.status).toBe(400);
		expect(api.state.received).toHaveLength(12);
	});

	it('accepting a connection invitation makes a connection and removes the invitation', async () => {
		const inv = api.state.received[0];
		const slug = inv.profile.publicIdentifier;
		expect(api.relationship(slug)?.status).toBe('INVITATION_RECEIVED');
		const reply = await post('/invitations/received/respond', respondBody(inv));
		expect(reply.status).toBe(200);
		expect(reply.body.message).toBe(`Invitation from ${inv.profile.firstName} ${inv.profile.lastName} accepted`);
		expect(api.state.received.some((i) => i.invitationId === inv.invitationId)).toBe(false);
		expect(api.state.connections[0]).toMatchObject({ vanityName: slug, connectedDate: 'Connected on Apr 22, 2026' });
		expect(api.findProfile(slug)?.connected).toBe(true);
		const again = await post('/invitations/received/respond', respondBody(inv));
		expect(again.body.error).toBe('Invitation not found or already handled');
	});
});

describe('POST /connect and relationships', () => {
	it('sends a request, then the relationship shows it', async () => {
		const target = firstStranger(5);
		const before = await get(`/relationship/${encodeURIComponent(target.slug)}`);
		expect(before.body).toEqual({
			success: true,
			connected: false,
			invitationSent: false,
			invitationReceived: false,
			status: 'NOT_CONNECTED',
			profileUrn: `urn:li:fsd_profile:${target.memberId}`,
			accountId: DEFAULT_ACCOUNT_ID,
		});
		const reply = await post('/connect', { profileId: target.slug, customMessage: 'x'.repeat(300) });
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			success: true,
			message: 'Connection request sent',
			profileId: target.slug,
			accountId: DEFAULT_ACCOUNT_ID,
		});
		expect(api.state.sent[0]).toMatchObject({ memberId: target.memberId, invitationType: 'SENT' });
		const after = await get(`/relationship/${DEFAULT_ACCOUNT_ID}/${target.memberId}`);
		expect(after.body).toMatchObject({ invitationSent: true, status: 'INVITATION_SENT' });
		const again = await post('/connect', { profileUrn: target.memberUrn });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({ success: false, error: 'Already connected or invitation already sent' });
		expect(api.state.connectUsed[DEFAULT_ACCOUNT_ID]).toBe(1);
	});

	it('handles non-ASCII slugs', async () => {
		const target = makeProfile(3);
		expect((await get(`/relationship/${encodeURIComponent(target.slug)}`)).status).toBe(200);
		expect(api.requests[0].path).toBe('/relationship/josé-garcía-3');
		expect(api.requests[0].fullPath).toBe('/linkedin/relationship/jos%C3%A9-garc%C3%ADa-3');
		expect((await post('/connect', { profileId: target.slug })).status).toBe(200);
	});

	it('validates the body', async () => {
		const none = await post('/connect', { customMessage: 'hi' });
		expect(none.status).toBe(400);
		expect(none.body.error.issues[0].path).toEqual(['profileId']);
		const long = await post('/connect', { profileId: firstStranger().slug, customMessage: 'x'.repeat(301) });
		expect(long.status).toBe(400);
		expect(long.body.error.issues).toEqual([
			expect.objectContaining({ code: 'too_big', maximum: 300, path: ['customMessage'] }),
		]);
		expect(api.state.sent).toHaveLength(6);
	});

	it('404s unknown profiles on connect and relationship', async () => {
		const connect = await post('/connect', { profileId: 'no-such-person-000' });
		expect(connect.status).toBe(404);
		expect(connect.body).toEqual({ success: false, error: 'LinkedIn profile not found: no-such-person-000' });
		const rel = await get('/relationship/no-such-person-000');
		expect(rel.status).toBe(404);
		expect(rel.body.error).toBe('LinkedIn profile not found: no-such-person-000');
	});

	it('rejects connecting to connections and to people who invited us', async () => {
		const connection = makeConnection(0);
		expect((await get(`/relationship/${connection.vanityName}`)).body.status).toBe('CONNECTED');
		expect((await post('/connect', { profileId: connection.vanityName })).status).toBe(400);
		const inviter = api.state.received[0].profile.publicIdentifier;
		expect((await post('/connect', { profileId: inviter })).status).toBe(400);
	});

	it('answers 429 with holdUntil after the weekly quota and holds for 24 h', async () => {
		api.setConnectUsed(DEFAULT_CONNECT_QUOTA - 1);
		expect((await post('/connect', { profileId: firstStranger(0).slug })).status).toBe(200);
		const limited = await post('/connect', { profileId: firstStranger(1).slug });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			success: false,
			error: 'Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-04-27T00:00:00Z',
			holdUntil: '2026-04-23T15:42:11Z',
		});
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBe(String(24 * 3600));
		expect(api.state.holdUntil[DEFAULT_ACCOUNT_ID]).toBe('2026-04-23T15:42:11Z');

		// Other actions still work; the hold stays even if the counter drops.
		expect((await get('/invitations/sent')).status).toBe(200);
		api.setConnectUsed(0);
		expect((await post('/connect', { profileId: firstStranger(1).slug })).status).toBe(429);

		// The second account has its own quota.
		expect((await post('/connect', { profileId: firstStranger(1).slug, accountId: SECOND_ACCOUNT_ID })).status).toBe(200);

		nowMs = Date.parse('2026-04-23T15:42:12Z');
		expect((await post('/connect', { profileId: firstStranger(1).slug })).status).toBe(200);
	});

	it('resets the weekly counter on Monday 00:00 UTC', async () => {
		api.setConnectUsed(DEFAULT_CONNECT_QUOTA);
		nowMs = Date.parse('2026-04-26T23:59:59Z');
		expect((await post('/connect', { profileId: firstStranger(2).slug })).status).toBe(429);
		api.state.holdUntil[DEFAULT_ACCOUNT_ID] = null;
		nowMs = Date.parse('2026-04-27T00:00:00Z');
		const reply = await post('/connect', { profileId: firstStranger(2).slug });
		expect(reply.status).toBe(200);
		expect(reply.headers.get('x-ratelimit-used')).toBe('1');
		expect(reply.headers.get('x-ratelimit-reset')).toBe('2026-05-04T00:00:00Z');
	});

	it('honours a custom connectQuota', async () => {
		const small = await startFakeApi({ connectQuota: 2, apiKey: 'k' });
		try {
			const send = (slug: string) =>
				fetch(`${small.url}/connect`, {
					method: 'POST',
					headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' },
					body: JSON.stringify({ profileId: slug }),
				});
			expect((await send(makeProfile(0).slug)).status).toBe(200);
			expect((await send(makeProfile(1).slug)).status).toBe(200);
			const third = await send(makeProfile(2).slug);
			expect(third.status).toBe(429);
			expect(((await third.json()) as { error: string }).error).toMatch(/^Rate limit exceeded for CONNECT: 2\/2 used\. Resets at /);
		} finally {
			await small.close();
		}
	});
});

describe('POST /invitations/withdraw', () => {
	it('withdraws a pending invitation and blocks re-inviting for 3 weeks', async () => {
		const sent = makeSent(0);
		const slug = sent.profile.publicIdentifier;
		expect(api.relationship(slug)?.status).toBe('INVITATION_SENT');
		const reply = await post('/invitations/withdraw', {
			profileId: slug,
			memberId: sent.memberId,
			firstName: sent.profile.firstName,
			lastName: sent.profile.lastName,
			invitationId: sent.invitationId,
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ success: true, profileId: slug, accountId: DEFAULT_ACCOUNT_ID });
		expect(api.state.profileFetches).toBe(0);
		expect(api.state.sent).toHaveLength(5);
		expect((await get(`/relationship/${slug}`)).body.status).toBe('NOT_CONNECTED');

		const again = await post('/invitations/withdraw', { profileId: slug });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({ success: false, error: 'No pending invitation found for this profile' });

		expect((await post('/connect', { profileId: slug })).status).toBe(400);
		nowMs += 22 * 24 * 3600 * 1000;
		expect((await post('/connect', { profileId: slug })).status).toBe(200);
	});

	it('accepts a profileUrn, counts lookups for missing details, and 404s unknown profiles', async () => {
		const sent = makeSent(1);
		const reply = await post('/invitations/withdraw', { profileUrn: sent.memberUrn });
		expect(reply.status).toBe(200);
		expect(api.state.profileFetches).toBe(1);
		const unknown = await post('/invitations/withdraw', { profileId: 'ghost-person-1' });
		expect(unknown.status).toBe(404);
		const none = await post('/invitations/withdraw', {});
		expect(none.status).toBe(400);
		expect(none.body.error.issues[0].path).toEqual(['profileId']);
	});
});

describe('GET /connections', () => {
	it('returns 12 by default, newest first, and pages with startIndex', async () => {
		const first = await get('/connections');
		expect(first.body).toMatchObject({
			success: true,
			startIndex: 0,
			limit: CONNECTIONS_MAX_LIMIT,
			sortBy: 'recentlyAdded',
			accountId: DEFAULT_ACCOUNT_ID,
		});
		expect(first.body.connections).toEqual(Array.from({ length: 12 }, (_, i) => makeConnection(i)));
		const second = await get('/connections', { startIndex: 12, limit: 5 });
		expect(second.body.connections).toEqual([12, 13, 14].map((i) => makeConnection(i)));
	});

	it('rejects a limit above 12 and an unknown sortBy', async () => {
		const big = await get('/connections', { limit: 13 });
		expect(big.status).toBe(400);
		expect(big.body.error.issues[0]).toMatchObject({ code: 'too_big', maximum: 12, path: ['limit'] });
		const sort = await get('/connections', { sortBy: 'age' });
		expect(sort.status).toBe(400);
		expect(sort.body.error.issues[0].path).toEqual(['sortBy']);
	});

	it('sorts by first name and shows new connections first', async () => {
		const sorted = (await get('/connections', { sortBy: 'firstName' })).body.connections;
		const names = sorted.map((c: { firstName: string }) => c.firstName);
		expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
		const added = api.addConnection();
		expect((await get('/connections')).body.connections[0]).toEqual(added);
		expect(added.connectedDate).toBe('Connected on Apr 22, 2026');
	});
});
