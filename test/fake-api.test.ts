// Tests of the fake ConnectSafely API itself (dev/fake-api), over real HTTP on 127.0.0.1.
import * as http from 'http';
import {
	CONNECTIONS_MAX_LIMIT,
	DEFAULT_ACCOUNT_ID,
	DEFAULT_CONNECT_QUOTA,
	RECORDER_BODY,
	SECOND_ACCOUNT_ID,
	makeConnection,
	makeProfile,
	makeReceived,
	makeSent,
	startFakeApi,
	startRecorder,
	type FakeApi,
	type RecordedRequest,
	type Recorder,
	type ReceivedInvitation,
} from '../dev/fake-api';
import { ZOD_TOKEN_REQUIRED } from './helpers/expected';

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
	options: {
		body?: unknown;
		rawBody?: string;
		key?: string | null;
		query?: Record<string, string | number>;
	} = {},
): Promise<Reply> {
	const url = new URL(api.url + path);
	for (const [name, value] of Object.entries(options.query ?? {}))
		url.searchParams.set(name, String(value));
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	const key = options.key === undefined ? api.apiKey : options.key;
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	const body =
		options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
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
			const response = await fetch(`${slow.url}/account/status`, {
				headers: { Authorization: 'Bearer k' },
			});
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
		expect(status.body).toMatchObject({
			id: DEFAULT_ACCOUNT_ID,
			status: 'ACTIVE',
			enabled: true,
			hasTokens: true,
		});
		expect((await get('/account/status', { accountId: SECOND_ACCOUNT_ID })).body.id).toBe(
			SECOND_ACCOUNT_ID,
		);
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
		expect((await get('/accounts')).body.map((a: { id: string }) => a.id)).toEqual([
			DEFAULT_ACCOUNT_ID,
			SECOND_ACCOUNT_ID,
		]);
		expect((await get('/accounts', { q: 'marcus' })).body).toHaveLength(1);
		expect((await get('/accounts', { q: DEFAULT_ACCOUNT_ID })).body[0].id).toBe(DEFAULT_ACCOUNT_ID);
		expect(
			(await get('/accounts', { q: 'https://www.linkedin.com/in/marcus-lindqvist/' })).body[0].id,
		).toBe(SECOND_ACCOUNT_ID);
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
		expect([...categories].sort()).toEqual([
			'CONNECTION',
			'EVENT',
			'MEMBER_FOLLOW',
			'NEWSLETTER',
			'ORGANIZATION',
		]);
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
				expect(reply.body).toMatchObject({
					success: true,
					startIndex,
					accountId: DEFAULT_ACCOUNT_ID,
				});
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
		expect(reply.body).toEqual(ZOD_TOKEN_REQUIRED);
	});

	it('rejects an unknown action and empty strings', async () => {
		const body = { ...respondBody(api.state.received[0]), action: 'MAYBE', firstName: '' };
		const issues = (await post('/invitations/received/respond', body)).body.error.issues;
		expect(issues.map((i: { code: string }) => i.code)).toEqual([
			'invalid_enum_value',
			'too_small',
		]);
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
		const wrongToken = await post('/invitations/received/respond', {
			...respondBody(inv),
			validationToken: 'nope',
		});
		expect(wrongToken.status).toBe(400);
		expect(wrongToken.body).toEqual({ success: false, error: 'Invalid validation token' });

		const unknown = await post('/invitations/received/respond', {
			...respondBody(inv),
			invitationId: '1',
		});
		expect(unknown.body).toEqual({
			success: false,
			error: 'Invitation not found or already handled',
		});

		const slug = await post('/invitations/received/respond', {
			...respondBody(inv),
			profileId: inv.profile.publicIdentifier,
		});
		expect(slug.status).toBe(400);
		expect(api.state.received).toHaveLength(12);
	});

	it('accepting a connection invitation makes a connection and removes the invitation', async () => {
		const inv = api.state.received[0];
		const slug = inv.profile.publicIdentifier;
		expect(api.relationship(slug)?.status).toBe('INVITATION_RECEIVED');
		const reply = await post('/invitations/received/respond', respondBody(inv));
		expect(reply.status).toBe(200);
		expect(reply.body.message).toBe(
			`Invitation from ${inv.profile.firstName} ${inv.profile.lastName} accepted`,
		);
		expect(api.state.received.some((i) => i.invitationId === inv.invitationId)).toBe(false);
		expect(api.state.connections[0]).toMatchObject({
			vanityName: slug,
			connectedDate: 'Connected on Apr 22, 2026',
		});
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
		const reply = await post('/connect', {
			profileId: target.slug,
			customMessage: 'x'.repeat(300),
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			success: true,
			message: 'Connection request sent',
			profileId: target.slug,
			accountId: DEFAULT_ACCOUNT_ID,
		});
		expect(api.state.sent[0]).toMatchObject({ memberId: target.memberId, invitationType: 'SENT' });
		const after = await get(`/relationship/${DEFAULT_ACCOUNT_ID}/${target.slug}`);
		expect(after.body).toMatchObject({ invitationSent: true, status: 'INVITATION_SENT' });
		for (const id of [target.memberId, `urn:li:fsd_profile:${target.memberId}`]) {
			const byMember = await get(`/relationship/${encodeURIComponent(id)}`);
			expect([byMember.status, byMember.body]).toEqual([
				404,
				{ success: false, error: `LinkedIn profile not found: ${id}` },
			]);
		}
		const again = await post('/connect', { profileUrn: target.memberUrn });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({
			success: false,
			error: 'Already connected or invitation already sent',
		});
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
		const long = await post('/connect', {
			profileId: firstStranger().slug,
			customMessage: 'x'.repeat(301),
		});
		expect(long.status).toBe(400);
		expect(long.body.error.issues).toEqual([
			expect.objectContaining({ code: 'too_big', maximum: 300, path: ['customMessage'] }),
		]);
		expect(api.state.sent).toHaveLength(6);
	});

	it('404s unknown profiles on connect and relationship', async () => {
		const connect = await post('/connect', { profileId: 'no-such-person-000' });
		expect(connect.status).toBe(404);
		expect(connect.body).toEqual({
			success: false,
			error: 'LinkedIn profile not found: no-such-person-000',
		});
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
		// The contract's "may": the first quota or hold 429 since reset() comes without Retry-After.
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(api.state.holdUntil[DEFAULT_ACCOUNT_ID]).toBe('2026-04-23T15:42:11Z');

		// Other actions still work; the hold stays even if the counter drops.
		expect((await get('/invitations/sent')).status).toBe(200);
		api.setConnectUsed(0);
		const held = await post('/connect', { profileId: firstStranger(1).slug });
		expect(held.status).toBe(429);
		expect(held.headers.get('retry-after')).toBe(String(24 * 3600));
		// The third comes with no header at all; its body still says what it is.
		const bare = await post('/connect', { profileId: firstStranger(1).slug });
		expect([...bare.headers.keys()].filter((h) => /^(x-ratelimit|retry-after)/.test(h))).toEqual(
			[],
		);
		expect(bare.body.holdUntil).toBe('2026-04-23T15:42:11Z');

		// The second account has its own quota.
		expect(
			(await post('/connect', { profileId: firstStranger(1).slug, accountId: SECOND_ACCOUNT_ID }))
				.status,
		).toBe(200);

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
			expect(((await third.json()) as { error: string }).error).toMatch(
				/^Rate limit exceeded for CONNECT: 2\/2 used\. Resets at /,
			);
		} finally {
			await small.close();
		}
	});
});

describe('GET /account/:accountId/quota', () => {
	it('answers { accountId, quotas } from its own counters, for every client, without success', async () => {
		api.setConnectUsed(20);
		api.setMessageUsed(3, SECOND_ACCOUNT_ID);
		const reply = await get(`/account/${DEFAULT_ACCOUNT_ID}/quota`);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('x-ratelimit-action')).toBe('ACCOUNT');
		expect(reply.headers.get('x-ratelimit-limit')).toBe('10');
		expect(Object.keys(reply.body)).toEqual(['accountId', 'quotas']);
		expect(reply.body.quotas[0]).toEqual({
			feature: 'CONNECT',
			window: 'weekly',
			used: 20,
			limit: 90,
			linkedinLimit: 90,
			remaining: 70,
			limitReached: false,
			limitReachedAt: null,
			resetAt: '2026-04-27T00:00:00Z',
		});
		expect(reply.body.quotas.map((q: { feature: string }) => q.feature)).toEqual([
			'CONNECT',
			'MESSAGE',
			'NEW_CONVERSATION',
			'FOLLOW',
			'PROFILE_VIEW',
			'SEARCH_PEOPLE',
		]);
		const second = await get(`/account/${SECOND_ACCOUNT_ID.toUpperCase()}/quota`);
		expect(second.body.quotas[1]).toMatchObject({
			feature: 'MESSAGE',
			window: 'daily',
			used: 3,
			remaining: 97,
			resetAt: '2026-04-23T00:00:00Z',
		});
	});

	it('says limitReached once a quota or hold 429 was answered in the window, until the window resets', async () => {
		api.setConnectUsed(DEFAULT_CONNECT_QUOTA);
		expect((await post('/connect', { profileId: firstStranger(0).slug })).status).toBe(429);
		const quota = (await get(`/account/${DEFAULT_ACCOUNT_ID}/quota`)).body.quotas[0];
		expect(quota).toMatchObject({
			remaining: 0,
			limitReached: true,
			limitReachedAt: '2026-04-22T15:42:11Z',
		});
		nowMs = Date.parse('2026-04-27T00:00:01Z');
		expect((await get(`/account/${DEFAULT_ACCOUNT_ID}/quota`)).body.quotas[0]).toMatchObject({
			used: 0,
			limitReached: false,
			resetAt: '2026-05-04T00:00:00Z',
		});
	});

	it('counts against the 10 /account/* calls a minute (with throttle on): the 11th is a 429 in the coded shape', async () => {
		const throttled = await startFakeApi({ throttle: {} });
		try {
			const statuses: number[] = [];
			let last: unknown;
			for (let i = 0; i < 11; i++) {
				const response = await fetch(`${throttled.url}/account/${DEFAULT_ACCOUNT_ID}/quota`, {
					headers: { Authorization: `Bearer ${throttled.apiKey}` },
				});
				statuses.push(response.status);
				last = await response.json();
			}
			expect(statuses).toEqual([...Array(10).fill(200), 429]);
			expect(last).toEqual({
				success: false,
				code: 'rate_limited',
				message: expect.stringMatching(/^Too many requests: 10 per 60000 ms/),
			});
		} finally {
			await throttled.close();
		}
	});

	it('errors as { success, code, message }: 401, 404 for an unknown or malformed account', async () => {
		expect(await get(`/account/${DEFAULT_ACCOUNT_ID}/quota`, undefined, 'wrong')).toMatchObject({
			status: 401,
			body: { success: false, code: 'unauthorized', message: 'Unauthorized - Invalid credentials' },
		});
		for (const id of ['64f1a2b3c4d5e6f7a8b9c0ff', 'not-an-id'])
			expect(await get(`/account/${id}/quota`)).toMatchObject({
				status: 404,
				body: { success: false, code: 'not_found', message: 'LinkedIn account not found' },
			});
	});
});

describe('throttling 429s, as the contract allows them', () => {
	const throttle = async (style: 'full' | 'noRetryAfter' | 'partial' | 'bare') => {
		api.fault({ path: '/connect', action: 'throttle', style, retryAfter: 3 });
		const response = await fetch(`${api.url}/connect`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ profileId: firstStranger().slug }),
		});
		const headers = Object.fromEntries(
			[...response.headers].filter(([name]) => /^(x-ratelimit|retry-after)/.test(name)),
		);
		return { status: response.status, headers, text: await response.text() };
	};

	it('full, without Retry-After, with partial headers, or bare (a gateway page, no headers)', async () => {
		api.setConnectUsed(20);
		const counts = {
			'x-ratelimit-action': 'CONNECT',
			'x-ratelimit-limit': '90',
			'x-ratelimit-used': '20',
			'x-ratelimit-remaining': '70',
			'x-ratelimit-reset': '2026-04-27T00:00:00Z',
		};
		expect(await throttle('full')).toEqual({
			status: 429,
			headers: { ...counts, 'retry-after': '3' },
			text: '{"success":false,"error":"Too many requests"}',
		});
		expect((await throttle('noRetryAfter')).headers).toEqual(counts);
		expect((await throttle('partial')).headers).toEqual({
			'x-ratelimit-action': 'CONNECT',
			'x-ratelimit-limit': '90',
		});
		const bare = await throttle('bare');
		expect(bare.headers).toEqual({});
		expect(bare.text).toMatch(/^<html>.*429 Too Many Requests/);
		expect(api.state.connectUsed[DEFAULT_ACCOUNT_ID]).toBe(20);
	});

	it('the throttle option takes the style; vary takes each in turn', async () => {
		const throttled = await startFakeApi({ throttle: { writes: 1, style: 'vary' } });
		try {
			const styles: string[] = [];
			for (let i = 0; i < 5; i++) {
				const response = await fetch(`${throttled.url}/message`, {
					method: 'POST',
					headers: {
						Authorization: `Bearer ${throttled.apiKey}`,
						'Content-Type': 'application/json',
					},
					body: JSON.stringify({ recipientProfileId: makeConnection(0).vanityName, message: 'Hi' }),
				});
				await response.text();
				if (response.status !== 429) continue;
				styles.push(
					response.headers.get('content-type')!.startsWith('text/html')
						? 'bare'
						: response.headers.get('retry-after') !== null
							? 'full'
							: response.headers.get('x-ratelimit-used') !== null
								? 'noRetryAfter'
								: 'partial',
				);
			}
			expect(styles).toEqual(['full', 'noRetryAfter', 'partial', 'bare']);
		} finally {
			await throttled.close();
		}
	});
});

describe('POST /message', () => {
	const friend = () => makeConnection(0);

	it('sends a normal message to a connection, with the MESSAGE headers of the day', async () => {
		const reply = await post('/message', {
			recipientProfileId: friend().vanityName,
			message: 'Hi',
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toEqual({
			success: true,
			message: 'Message sent successfully',
			recipientProfileUrn: api.findProfile(friend().vanityName)!.memberUrn,
			accountId: DEFAULT_ACCOUNT_ID,
			_deprecated:
				'POST /message is deprecated. Use POST /conversations/send instead. This endpoint still works.',
		});
		expect(reply.headers.get('x-ratelimit-action')).toBe('MESSAGE');
		expect(reply.headers.get('x-ratelimit-limit')).toBe('100');
		expect(reply.headers.get('x-ratelimit-used')).toBe('1');
		expect(reply.headers.get('x-ratelimit-reset')).toBe('2026-04-23T00:00:00Z');
		expect(api.state.messages).toEqual([
			expect.objectContaining({
				recipient: friend().vanityName,
				messageType: 'normal',
				message: 'Hi',
			}),
		]);
	});

	it('refuses a normal message to someone not connected (400); InMail and a shared group reach them', async () => {
		const stranger = firstStranger(0).slug;
		const normal = await post('/message', { recipientProfileId: stranger, message: 'Hi' });
		expect(normal.status).toBe(400);
		expect(normal.body.error).toMatch(
			/^Cannot send a normal message: .* is not a 1st-degree connection/,
		);
		expect(
			(
				await post('/message', {
					recipientProfileId: stranger,
					message: 'Hi',
					messageType: 'inmail',
					subject: 'S',
				})
			).status,
		).toBe(200);
		expect(
			(await post('/message', { recipientProfileId: stranger, message: 'Hi', groupId: '42' }))
				.status,
		).toBe(200);
	});

	it('validates the body like Zod', async () => {
		const missing = await post('/message', { message: 'Hi' });
		expect(missing.status).toBe(400);
		expect(missing.body.error.issues[0].path).toEqual(['recipientProfileId']);
		expect((await post('/message', { recipientProfileId: friend().vanityName })).status).toBe(400);
		expect(
			(
				await post('/message', {
					recipientProfileId: friend().vanityName,
					message: 'x',
					messageType: 'sms',
				})
			).status,
		).toBe(400);
	});

	it('answers 429 after 100 messages a day (no hold); the counter restarts at 00:00 UTC', async () => {
		api.setMessageUsed(100);
		const limited = await post('/message', {
			recipientProfileId: friend().vanityName,
			message: 'Hi',
		});
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			success: false,
			error: 'Rate limit exceeded for MESSAGE: 100/100 used. Resets at 2026-04-23T00:00:00Z',
		});
		nowMs = Date.parse('2026-04-23T00:00:01Z');
		expect(
			(await post('/message', { recipientProfileId: friend().vanityName, message: 'Hi' })).status,
		).toBe(200);
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
		expect(reply.body).toMatchObject({
			success: true,
			profileId: slug,
			accountId: DEFAULT_ACCOUNT_ID,
		});
		expect(api.state.profileFetches).toBe(0);
		expect(api.state.sent).toHaveLength(5);
		expect((await get(`/relationship/${slug}`)).body.status).toBe('NOT_CONNECTED');

		const again = await post('/invitations/withdraw', { profileId: slug });
		expect(again.status).toBe(400);
		expect(again.body).toEqual({
			success: false,
			error: 'No pending invitation found for this profile',
		});

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
		expect(big.body.error.issues[0]).toMatchObject({
			code: 'too_big',
			maximum: 12,
			path: ['limit'],
		});
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

// ---------------------------------------------------------------------------------------------------------------
// Fault injection and the recorder

const AUTH = () => ({ Authorization: `Bearer ${api.apiKey}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for what a test checks next to have happened (jest's test timeout ends a wait that never ends). */
async function until(predicate: () => boolean): Promise<void> {
	while (!predicate()) await sleep(5);
}
const lastRequest = (): RecordedRequest => api.requests[api.requests.length - 1];

/** A plain node:http request that does not follow redirects. */
function rawRequest(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{ method: options.method || 'GET', headers: options.headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

/** Reads a streamed body until `bytes` arrived, then aborts the request; returns what arrived. */
async function readThenAbort(
	url: string,
	bytes: number,
): Promise<{ response: Response; text: string }> {
	const controller = new AbortController();
	const response = await fetch(url, { headers: AUTH(), signal: controller.signal });
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let received = 0;
	while (received < bytes) {
		const { value, done } = await reader.read();
		if (done) break;
		received += value.length;
		text += decoder.decode(value, { stream: true });
	}
	controller.abort();
	return { response, text };
}

describe('recorder', () => {
	let recorder: Recorder;

	beforeEach(async () => {
		recorder = await startRecorder();
	});

	afterEach(async () => {
		await recorder.close();
	});

	it('listens on loopback and answers every request 200 with a plausible success', async () => {
		expect(recorder.url).toBe(`http://127.0.0.1:${recorder.port}`);
		for (const [method, path] of [
			['GET', '/anything'],
			['POST', '/linkedin/connect'],
			['DELETE', '/'],
		]) {
			const reply = await rawRequest(recorder.url + path, { method });
			expect(reply.status).toBe(200);
			expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
			expect(JSON.parse(reply.body)).toEqual({
				success: true,
				connected: false,
				invitationSent: false,
				invitationReceived: false,
				invitations: [],
				connections: [],
			});
		}
		expect(RECORDER_BODY.success).toBe(true);
		expect(recorder.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', '/anything'],
			['POST', '/linkedin/connect'],
			['DELETE', '/'],
		]);
	});

	it('records method, path, query, lower-cased headers and the raw body', async () => {
		await rawRequest(`${recorder.url}/linkedin/connect?accountId=a%20b&x=1`, {
			method: 'POST',
			headers: {
				Authorization: 'Bearer leaked',
				'X-Custom': 'yes',
				'Content-Type': 'application/json',
			},
			body: '{"profileId":"jos\u00e9"} ',
		});
		await rawRequest(`${recorder.url}/caf%C3%A9`);
		const [post, get] = recorder.requests;
		expect(post).toMatchObject({
			method: 'POST',
			path: '/linkedin/connect',
			url: '/linkedin/connect?accountId=a%20b&x=1',
			query: { accountId: 'a b', x: '1' },
			body: '{"profileId":"jos\u00e9"} ',
		});
		expect(post.headers.authorization).toBe('Bearer leaked');
		expect(post.headers['x-custom']).toBe('yes');
		expect(Object.keys(post.headers).every((name) => name === name.toLowerCase())).toBe(true);
		expect(typeof post.at).toBe('number');
		expect(get).toMatchObject({ method: 'GET', path: '/café', query: {}, body: '' });
		recorder.clear();
		expect(recorder.requests).toHaveLength(0);
	});

	it('takes another answer and port when asked', async () => {
		const other = await startRecorder({ status: 418, body: { teapot: true } });
		try {
			const reply = await rawRequest(other.url);
			expect([reply.status, JSON.parse(reply.body)]).toEqual([418, { teapot: true }]);
			expect(other.port).not.toBe(recorder.port);
		} finally {
			await other.close();
		}
	});
});

describe('fault: redirect', () => {
	let recorder: Recorder;

	beforeAll(async () => {
		recorder = await startRecorder();
	});

	afterAll(async () => {
		await recorder.close();
	});

	beforeEach(() => recorder.clear());

	it('answers 302 with Location and an empty body by default', async () => {
		api.fault({
			path: '/invitations/received',
			action: 'redirect',
			location: `${recorder.url}/linkedin/invitations/received`,
		});
		const reply = await rawRequest(`${api.url}/invitations/received`, { headers: AUTH() });
		expect(reply.status).toBe(302);
		expect(reply.headers.location).toBe(`${recorder.url}/linkedin/invitations/received`);
		expect(reply.headers['content-length']).toBe('0');
		expect(reply.body).toBe('');
		expect(lastRequest()).toMatchObject({ status: 302, fault: 'redirect' });
		expect(recorder.requests).toHaveLength(0);
	});

	it.each([301, 302, 303, 307, 308] as const)('answers %i when asked, once', async (status) => {
		api.fault({ action: 'redirect', status, location: '/elsewhere' });
		const first = await rawRequest(`${api.url}/connections`, { headers: AUTH() });
		expect([first.status, first.headers.location]).toEqual([status, '/elsewhere']);
		expect((await rawRequest(`${api.url}/connections`, { headers: AUTH() })).status).toBe(200);
	});

	it('sends a client that follows it, key and body included, to the recorder', async () => {
		api.fault({
			path: '/connect',
			action: 'redirect',
			status: 307,
			location: `${recorder.url}/steal?from=fake`,
		});
		const body = JSON.stringify({ profileId: 'someone' });
		const first = await rawRequest(`${api.url}/connect`, {
			method: 'POST',
			headers: { ...AUTH(), 'Content-Type': 'application/json' },
			body,
		});
		// A naive client re-sends the same request, Authorization included, to the Location.
		const followed = await rawRequest(first.headers.location!, {
			method: 'POST',
			headers: { ...AUTH(), 'Content-Type': 'application/json' },
			body,
		});
		expect(JSON.parse(followed.body)).toEqual(RECORDER_BODY);
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0]).toMatchObject({
			method: 'POST',
			path: '/steal',
			query: { from: 'fake' },
			body,
		});
		expect(recorder.requests[0].headers.authorization).toBe(`Bearer ${api.apiKey}`);
		// fetch follows it too (and, being cross-origin, drops the key): the foreign answer looks like a success.
		api.fault({
			path: '/connect',
			action: 'redirect',
			status: 307,
			location: `${recorder.url}/steal`,
		});
		const viaFetch = await fetch(`${api.url}/connect`, {
			method: 'POST',
			headers: { ...AUTH(), 'Content-Type': 'application/json' },
			body,
		});
		expect([viaFetch.status, await viaFetch.json()]).toEqual([200, RECORDER_BODY]);
		expect(recorder.requests[1]).toMatchObject({ method: 'POST', path: '/steal', body });
	});
});

describe('fault: function bodies', () => {
	it('computes the body per request from method, path, query and parsed body', async () => {
		const page = [makeReceived(0), makeReceived(1)];
		const seen: unknown[] = [];
		api.fault({
			path: '/invitations/received',
			times: 3,
			status: 200,
			body: (r: RecordedRequest) => {
				seen.push([r.method, r.path, r.query.startIndex]);
				return {
					success: true,
					invitations: page,
					count: page.length,
					startIndex: Number(r.query.startIndex || 0),
				};
			},
		});
		for (const startIndex of [0, 10, 20]) {
			const reply = await get('/invitations/received', { startIndex });
			expect(reply.status).toBe(200);
			expect(reply.body).toEqual({ success: true, invitations: page, count: 2, startIndex });
		}
		expect(seen).toEqual([
			['GET', '/invitations/received', '0'],
			['GET', '/invitations/received', '10'],
			['GET', '/invitations/received', '20'],
		]);
		expect((await get('/invitations/received', { startIndex: 20 })).body.invitations).toEqual([]);
	});

	it('serves an oversized page and sees the JSON body of a POST', async () => {
		api.fault({
			path: '/invitations/received',
			status: 200,
			body: () => ({
				success: true,
				invitations: Array.from({ length: 20 }, (_, i) => makeReceived(i)),
			}),
		});
		expect((await get('/invitations/received')).body.invitations).toHaveLength(20);
		api.fault({
			path: '/connect',
			status: 200,
			body: (r: RecordedRequest) => ({ success: true, echoed: r.body.profileId }),
		});
		expect((await post('/connect', { profileId: 'who' })).body).toEqual({
			success: true,
			echoed: 'who',
		});
		expect(lastRequest()).toMatchObject({
			status: 200,
			fault: 'status',
			body: { profileId: 'who' },
		});
	});

	it('may return a string, and a throwing function answers 500', async () => {
		api.fault({ status: 502, body: (r: RecordedRequest) => `<html>${r.path}</html>` });
		const html = await rawRequest(`${api.url}/connections`, { headers: AUTH() });
		expect([html.status, html.headers['content-type'], html.body]).toEqual([
			502,
			'text/html; charset=utf-8',
			'<html>/connections</html>',
		]);
		api.fault({
			body: () => {
				throw new Error('boom');
			},
		});
		const broken = await get('/connections');
		expect(broken.status).toBe(500);
		expect(broken.body.error).toContain('boom');
	});
});

describe('fault: echo', () => {
	it('adds the Authorization header and the expected key to the normal answer', async () => {
		api.fault({ path: '/invitations/received', action: 'echo' });
		const reply = await get('/invitations/received', { startIndex: 10 });
		expect(reply.status).toBe(200);
		expect(reply.body.success).toBe(true);
		expect(reply.body.invitations).toEqual(api.state.received.slice(10, 20));
		expect(reply.body.startIndex).toBe(10);
		expect(reply.body.debug).toEqual({ authorization: `Bearer ${api.apiKey}`, apiKey: api.apiKey });
		expect(reply.headers.get('x-ratelimit-action')).toBe('READ');
		expect(lastRequest()).toMatchObject({ status: 200, fault: 'echo' });
	});

	it('keeps the normal status and headers, and echoes a wrong key too', async () => {
		api.fault({ action: 'echo', times: 2 });
		const wrong = await get('/connections', undefined, 'wrong-key');
		expect(wrong.status).toBe(401);
		expect(wrong.body).toEqual({
			success: false,
			error: 'Unauthorized - Invalid credentials',
			debug: { authorization: 'Bearer wrong-key', apiKey: api.apiKey },
		});
		api.setConnectUsed(DEFAULT_CONNECT_QUOTA);
		const limited = await post('/connect', { profileId: firstStranger().slug });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.body.debug.apiKey).toBe(api.apiKey);
	});

	it('puts an array answer under data', async () => {
		api.fault({ path: '/accounts', action: 'echo' });
		const reply = await get('/accounts');
		expect(reply.body.data.map((a: { id: string }) => a.id)).toEqual([
			DEFAULT_ACCOUNT_ID,
			SECOND_ACCOUNT_ID,
		]);
		expect(reply.body.debug.authorization).toBe(`Bearer ${api.apiKey}`);
	});
});

describe('fault: drip', () => {
	it('sends the headers at once, before the body', async () => {
		const body = { success: true, invitations: [] };
		api.fault({ action: 'drip', body, chunkBytes: 4, intervalMs: 60_000 });
		const abort = new AbortController();
		const response = await fetch(`${api.url}/invitations/received`, {
			headers: AUTH(),
			signal: abort.signal,
		});
		expect(response.status).toBe(200);
		expect(lastRequest().bytesSent).toBeLessThan(JSON.stringify(body).length);
		abort.abort();
	});

	it('then sends chunkBytes every intervalMs until the body is complete', async () => {
		const body = { success: true, invitations: [] };
		const text = JSON.stringify(body);
		api.fault({ action: 'drip', body, chunkBytes: 4, intervalMs: 20 });
		const started = Date.now();
		const response = await fetch(`${api.url}/invitations/received`, { headers: AUTH() });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBe(String(text.length));
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await response.json()).toEqual(body);
		const chunks = Math.ceil(text.length / 4);
		expect(Date.now() - started).toBeGreaterThanOrEqual(chunks * 20 - 20);
		expect(lastRequest()).toMatchObject({ status: 200, fault: 'drip', bytesSent: text.length });
	});

	it('defaults to one byte every 100 ms and takes status, string and function bodies', async () => {
		api.fault({ action: 'drip', status: 503, body: (r: RecordedRequest) => `x${r.path.length}` });
		const started = Date.now();
		const reply = await rawRequest(`${api.url}/connections`, { headers: AUTH() });
		expect([reply.status, reply.body, reply.headers['content-length']]).toEqual([503, 'x12', '3']);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	});

	it('stops when the client disconnects', async () => {
		api.fault({ action: 'drip', body: 'y'.repeat(10_000), intervalMs: 100 });
		const { response, text } = await readThenAbort(`${api.url}/connections`, 3);
		expect(response.headers.get('content-length')).toBe('10000');
		expect(text.length).toBeGreaterThanOrEqual(3);
		await until(() => lastRequest().closedAt !== undefined);
		const sent = lastRequest().bytesSent!;
		await sleep(200);
		expect(lastRequest().bytesSent).toBe(sent);
		expect(sent).toBeLessThan(100);
	});
});

describe('fault: endless', () => {
	it('streams a never-ending invitation list, chunked, until the client goes', async () => {
		api.fault({ path: '/invitations/received', action: 'endless' });
		const { response, text } = await readThenAbort(`${api.url}/invitations/received`, 1_000_000);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('transfer-encoding')).toBe('chunked');
		expect(text.startsWith('{"success":true,"invitations":[{"id":"x"},{"id":"x"},')).toBe(true);
		await until(() => lastRequest().closedAt !== undefined);
		const sent = lastRequest().bytesSent!;
		await sleep(200);
		expect(lastRequest().bytesSent).toBe(sent);
		expect(sent).toBeGreaterThanOrEqual(1_000_000);
		expect(sent).toBeLessThan(64 * 1024 * 1024);
		expect(lastRequest()).toMatchObject({ status: 200, fault: 'endless' });
	});

	it('destroys the connection at maxBytes', async () => {
		api.fault({ action: 'endless', status: 206, chunkBytes: 1000, maxBytes: 50_000 });
		const response = await fetch(`${api.url}/connections`, { headers: AUTH() });
		expect(response.status).toBe(206);
		await expect(response.text()).rejects.toThrow();
		const sent = lastRequest().bytesSent!;
		expect(sent).toBeGreaterThanOrEqual(50_000);
		expect(sent).toBeLessThan(51_100);
	});

	it('paces writes with intervalMs', async () => {
		api.fault({ action: 'endless', chunkBytes: 11, intervalMs: 200 });
		const { text } = await readThenAbort(`${api.url}/connections`, 40);
		expect(text.length).toBeGreaterThanOrEqual(40);
		await until(() => lastRequest().closedAt !== undefined);
		expect(lastRequest().bytesSent).toBeLessThan(200);
	});
});

describe('fault: large', () => {
	it('answers valid JSON of exactly the asked size, with Content-Length', async () => {
		api.fault({ path: '/invitations/received', action: 'large', bytes: 3_000_000 });
		const response = await fetch(`${api.url}/invitations/received`, { headers: AUTH() });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-length')).toBe('3000000');
		const text = await response.text();
		expect(Buffer.byteLength(text)).toBe(3_000_000);
		const body = JSON.parse(text);
		expect(body.success).toBe(true);
		expect(body.invitations).toEqual([]);
		expect(body.padding).toMatch(/^x+$/);
		expect(lastRequest()).toMatchObject({ status: 200, fault: 'large', bytesSent: 3_000_000 });
	});

	it('takes a status, never goes below the bare object, and stops when the client goes', async () => {
		api.fault({ action: 'large', bytes: 1, status: 500 });
		const tiny = await rawRequest(`${api.url}/connections`, { headers: AUTH() });
		expect([tiny.status, JSON.parse(tiny.body)]).toEqual([
			500,
			{ success: true, invitations: [], padding: '' },
		]);
		api.fault({ action: 'large', bytes: 200 * 1024 * 1024 });
		const { response } = await readThenAbort(`${api.url}/connections`, 100_000);
		expect(response.headers.get('content-length')).toBe(String(200 * 1024 * 1024));
		await until(() => lastRequest().closedAt !== undefined);
		expect(lastRequest().bytesSent).toBeLessThan(64 * 1024 * 1024);
	});
});

describe('close() with open answers', () => {
	it('ends hanging, delayed, dripping and endless answers at once', async () => {
		const own = await startFakeApi();
		own.fault({ path: '/a', action: 'hang' });
		own.fault({ path: '/b', action: 'drip', body: 'z'.repeat(1000), intervalMs: 1000 });
		own.fault({ path: '/c', action: 'endless', intervalMs: 1000 });
		own.fault({ path: '/d', status: 200, delayMs: 60_000 });
		const headers = { Authorization: `Bearer ${own.apiKey}` };
		const outcomes = ['/a', '/b', '/c', '/d'].map((path) =>
			fetch(own.url + path, { headers }).then(
				(response) =>
					response.text().then(
						() => 'completed',
						() => 'cut',
					),
				() => 'cut',
			),
		);
		// Every answer has begun (or is held); close() returning at all shows it did not wait for the 60 s delay.
		await until(
			() => own.requests.length === 4 && own.requests.some((r) => (r.bytesSent ?? 0) > 0),
		);
		await own.close();
		expect(await Promise.all(outcomes)).toEqual(['cut', 'cut', 'cut', 'cut']);
		const drip = own.requests.find((r) => r.path === '/b')!;
		expect(drip.bytesSent).toBeLessThan(5);
	});

	it('recorder close() ends its open connections', async () => {
		const recorder = await startRecorder();
		const req = http.request(recorder.url, {
			method: 'POST',
			headers: { 'Content-Length': '100' },
		});
		const ended = new Promise((resolve) => req.on('error', resolve).on('response', resolve));
		req.write('partial');
		await until(() => recorder.requests.length === 1);
		await recorder.close();
		await ended;
		expect(recorder.requests).toHaveLength(1);
	});
});
