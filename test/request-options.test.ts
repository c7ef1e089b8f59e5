// Request Options (Proxy, Ignore SSL Issues, Timeout) reach every request of an item, not only its main one: Send
// Request's status check and the look-up of the default account go through the same proxy and deadline.
import * as http from 'http';
import * as net from 'net';
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT_ID, makeProfile } from '../dev/fake-api';
import { useFakeApi } from './helpers/fixture';

const f = useFakeApi();

interface Proxy {
	url: string;
	/** What reached the proxy: "METHOD absolute-URI" or "CONNECT host:port". */
	seen: string[];
	close(): Promise<void>;
}

/** A loopback HTTP proxy that forwards plain requests and tunnels CONNECT, recording each. */
async function startProxy(): Promise<Proxy> {
	const seen: string[] = [];
	const sockets = new Set<net.Socket>();
	const server = http.createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		const target = new URL(req.url ?? '');
		const upstream = http.request(
			target,
			{ method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
		seen.push(`CONNECT ${req.url}`);
		const [host, port] = String(req.url).split(':');
		const upstream = net.connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.pipe(client).pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
	});
	server.on('connection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

let proxy: Proxy;
beforeAll(async () => (proxy = await startProxy()));
afterAll(async () => proxy.close());
beforeEach(() => (proxy.seen.length = 0));

const sendRequest = (slug: string, requestOptions: INodeParameters): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: slug,
	requestOptions,
});

test('Proxy: the default-account look-up, the quota read-out, the status check and the write all go through it', async () => {
	const person = makeProfile(5);
	const { items, error } = await f.run(sendRequest(person.slug, { proxy: proxy.url }), [{}]);
	expect(error).toBeUndefined();
	expect(items[0].json.status).toBe('sent');
	const api = new URL(f.api.url);
	const seen = proxy.seen.map((line) => line.replace(`//${api.host}${api.pathname}`, '//api'));
	expect(seen).toEqual([
		'GET http://api/account/status',
		`GET http://api/account/${DEFAULT_ACCOUNT_ID}/quota`,
		`GET http://api/relationship/${person.slug}`,
		'POST http://api/connect',
	]);
});

test('Proxy: a read that spends a quota (Profile → Get): its look-up, read-out and request all go through it', async () => {
	const person = makeProfile(7);
	const { items, error } = await f.run(
		{
			resource: 'profile',
			operation: 'get',
			profile: person.slug,
			requestOptions: { proxy: proxy.url },
		},
		[{}],
	);
	expect(error).toBeUndefined();
	expect(items[0].json.profileId).toBe(person.slug);
	const api = new URL(f.api.url);
	expect(proxy.seen.map((line) => line.replace(`//${api.host}${api.pathname}`, '//api'))).toEqual([
		'GET http://api/account/status',
		`GET http://api/account/${DEFAULT_ACCOUNT_ID}/quota`,
		'POST http://api/profile',
	]);
});

test('Proxy: a read (Get Status) goes through it', async () => {
	const person = makeProfile(6);
	const { error } = await f.run(
		{
			resource: 'connection',
			operation: 'getStatus',
			profile: person.slug,
			requestOptions: { proxy: proxy.url },
		},
		[{}],
	);
	expect(error).toBeUndefined();
	expect(proxy.seen).toHaveLength(1);
	expect(proxy.seen[0]).toMatch(new RegExp(`^GET http://.*/relationship/${person.slug}$`));
});

test('Timeout: the status check ends at it (a hanging answer would outlast the test)', async () => {
	const person = makeProfile(7);
	f.api.fault({ path: `/relationship/${person.slug}`, action: 'hang' });
	const { error } = await f.run(sendRequest(person.slug, { timeout: 500 }), [{}]);
	expect(error?.message).toBe(
		'Send connection request (status check) failed: ConnectSafely did not answer within the request timeout of 500 ms (ETIMEDOUT)',
	);
	expect(f.api.requests.filter((r) => r.path === '/connect')).toEqual([]);
});

test('Timeout: the default-account look-up ends at it, and the item goes on', async () => {
	const person = makeProfile(8);
	f.api.fault({ path: '/account/status', action: 'hang', times: 1 });
	const { items, error } = await f.run(sendRequest(person.slug, { timeout: 500 }), [{}]);
	expect(error).toBeUndefined();
	expect(items[0].json.status).toBe('sent');
});

test('Proxy: Account → Get Quota looks the default account up and reads its quotas through it', async () => {
	const { items, error } = await f.run(
		{ resource: 'account', operation: 'getQuota', requestOptions: { proxy: proxy.url } },
		[{}],
	);
	expect(error).toBeUndefined();
	expect(items.length).toBeGreaterThan(0);
	const api = new URL(f.api.url);
	expect(proxy.seen.map((line) => line.replace(`//${api.host}${api.pathname}`, '//api'))).toEqual([
		'GET http://api/account/status',
		`GET http://api/account/${DEFAULT_ACCOUNT_ID}/quota`,
	]);
});
