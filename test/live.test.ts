// The demo's live account (dev/fake-api/live.js): what the examples use up is topped up before a list is read, so
// they run in any order; off (every other test), the simulator is as strict as the contract.
import { startFakeApi, type FakeApi } from '../dev/fake-api';

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
	const connections = (await read('/connections')).connections;
	expect(connections).toHaveLength(2);
	// Once what is there is used up (a message to the newest), the next read brings a new one.
	api.state.messages.push({
		accountId: api.state.defaultAccountId,
		recipient: String(connections[0].vanityName),
		messageType: 'normal',
		message: 'hi',
		at: Date.now(),
	});
	expect((await read('/connections')).connections).toHaveLength(3);
	expect((await read('/connections')).connections).toHaveLength(3);
});

test('live: a request with a wrong key changes nothing', async () => {
	api.setLive(true);
	await read('/invitations/received', 'wrong-key');
	expect(api.state.received).toEqual([]);
});
