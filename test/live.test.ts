// The demo's live account (dev/fake-api/live.js): what the examples use up is topped up before a list is read, so
// they run in any order; off (every other test), the simulator is as strict as the contract.
import { finders, startFakeApi, type FakeApi } from '../dev/fake-api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Dec 1, 2026" for `days` ago, as LinkedIn's connectedDate ends. */
const formatted = (days: number) => {
	const d = new Date(Date.now() - days * 24 * 3600_000);
	return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
};

let api: FakeApi;
beforeAll(async () => {
	api = await startFakeApi();
});
afterAll(async () => api.close());
beforeEach(() => {
	api.reset({});
	api.setLive(false);
	const lists = api.state;
	lists.received.length = 0;
	lists.sent.length = 0;
	lists.connections.length = 0;
});

const read = async (path: string, key = api.apiKey) => {
	const response = await fetch(`${api.url}${path}`, {
		headers: { authorization: `Bearer ${key}` },
	});
	return (await response.json()) as Record<string, Array<Record<string, unknown>>>;
};

test('off: emptied lists stay empty', async () => {
	expect((await read('/invitations/received')).invitations).toEqual([]);
	expect((await read('/invitations/sent')).invitations).toEqual([]);
	expect((await read('/connections')).connections).toEqual([]);
});

test('live: pending connection invitations, stale sent invitations and new connections not yet messaged', async () => {
	api.setLive(true);
	const received = (await read('/invitations/received')).invitations;
	expect(received.map((i) => i.invitationCategory)).toEqual(['CONNECTION', 'CONNECTION']);
	const sent = (await read('/invitations/sent')).invitations;
	expect(sent.map((i) => i.sentAt)).toEqual(['2 months ago', '2 months ago']);
	const today = (await read('/connections')).connections.filter((c) =>
		String(c.connectedDate).endsWith(formatted(0)),
	);
	expect(today).toHaveLength(2);
	// Once what is there is used up (a message to the newest), the next read brings a new one.
	api.state.messages.push({
		accountId: api.state.defaultAccountId,
		recipient: String(today[0].vanityName),
		messageType: 'normal',
		message: 'hi',
		at: Date.now(),
	});
	expect((await read('/connections')).connections).toHaveLength(5);
	expect((await read('/connections')).connections).toHaveLength(5);
});

test('live: connections of 6 days ago, one who replied and one not followed up yet, in date order', async () => {
	api.setLive(true);
	const connections = (await read('/connections')).connections;
	const older = connections.filter((c) => String(c.connectedDate).endsWith(formatted(6)));
	expect(older).toHaveLength(2);
	expect(connections.slice(-2)).toEqual(older);
	const replied = (slug: unknown) =>
		api
			.conversations()
			.some((t) => t.person.slug === slug && t.messages.some((m) => !m.isSentByOwner));
	expect(older.map((c) => replied(c.vanityName)).sort()).toEqual([false, true]);
});

test('live: fresh commenters, visitors and search results who are not invited, and a new reply', async () => {
	api.setLive(true);
	const post = async (path: string, body: object) => {
		const response = await fetch(`${api.url}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return (await response.json()) as Record<string, Array<Record<string, unknown>>>;
	};
	const stranger = (slug: unknown) => {
		const r = api.relationship(String(slug))!;
		return !r.connected && !r.invitationSent && !r.invitationReceived;
	};
	for (let round = 0; round < 2; round++) {
		const comments = (await post('/posts/comments', { postUrl: finders.POST_URL })).comments;
		expect(comments.slice(0, 2).every((c) => stranger(c.publicIdentifier))).toBe(true);
		const visitors = (await post('/profile/visitors', { maxVisitors: 10 })).visitors;
		expect(visitors.slice(0, 2).every((v) => stranger(v.publicIdentifier))).toBe(true);
		const found = (await post('/search/people', { keywords: 'chief llama officer' })).people;
		expect(found.map((p) => p.headline)).toEqual(
			Array(2 * (round + 1)).fill('chief llama officer at Contoso'),
		);
		expect(found.slice(0, 2).every((p) => stranger(p.profileId))).toBe(true);
		// They are invited: the next read brings others.
		for (const slug of [
			...comments.slice(0, 2).map((c) => c.publicIdentifier),
			...visitors.slice(0, 2).map((v) => v.publicIdentifier),
			...found.slice(0, 2).map((p) => p.profileId),
		])
			api.addSent({ profile: api.findProfile(String(slug)) } as never);
	}
	const before = api.conversations().flatMap((t) => t.messages).length;
	await read('/conversations');
	expect(api.conversations().flatMap((t) => t.messages)).toHaveLength(before + 1);
	await read('/conversations');
	expect(api.conversations().flatMap((t) => t.messages)).toHaveLength(before + 1);
});

test('live: a request with a wrong key changes nothing', async () => {
	api.setLive(true);
	await read('/invitations/received', 'wrong-key');
	expect(api.state.received).toEqual([]);
});
