// The one pager: Return All reads everything a real account can hold (LinkedIn allows 30,000 connections) in the
// fewest requests, and a list the API breaks ends there with what it read, said in the log.
import { makeConnection } from '../dev/fake-api';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

const getMany = { resource: 'connection', operation: 'getMany', returnAll: true };
const pages = () =>
	f.api.requests.filter((r) => r.path === '/connections').map((r) => r.query.startIndex);

test('30,000 connections: every one read, 2,501 requests (a short page ends the list)', async () => {
	f.api.reset({ connections: 30_000 });
	const { items, error } = await f.run(getMany);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(30_000);
	expect(new Set(items.map((i) => i.json.vanityName)).size).toBe(30_000);
	expect(pages()).toHaveLength(2501);
	f.api.reset({});
}, 300_000);

test('a page longer than promised after the first: the list ends keeping what it read, and says so', async () => {
	f.api.fault({
		path: '/connections',
		query: { startIndex: 12 },
		status: 200,
		body: {
			success: true,
			connections: Array.from({ length: 13 }, (_, i) => makeConnection(100 + i)),
		},
	});
	const { items, error, logs } = await f.run(getMany);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.vanityName)).toEqual(
		f.api.state.connections.slice(0, 12).map((c) => c.vanityName),
	);
	expect(pages()).toEqual(['0', '12']);
	expect(logs.join('\n')).toMatch(
		/Get connections: after 2 pages ConnectSafely sent a page of 13 entries, longer than promised; the list ends there with the 12 entries read/,
	);
});

test('an API that sends the same page again: the list ends with each entry once, and says so', async () => {
	f.api.fault({
		path: '/connections',
		status: 200,
		body: { success: true, connections: Array.from({ length: 12 }, (_, i) => makeConnection(i)) },
		times: 5,
	});
	const { items, logs } = await f.run(getMany);
	expect(items).toHaveLength(12);
	expect(pages()).toEqual(['0', '12']);
	expect(logs.join('\n')).toMatch(
		/a page, token or cursor it had already sent; the list ends there with the 12 entries read/,
	);
});
