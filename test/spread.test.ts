// Spread Over Week: on day d of the quota week at most ⌈90 × d / 7⌉ connection requests, as ConnectSafely counts them
// (GET /account/{id}/quota, read at a run's first write, then counted on); the rest come out skipped with reason
// "dailyShare" and the start of the next quota day.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { makeProfile, weekStart } from '../dev/fake-api';
import { freshPackage } from './helpers/engine';
import { shiftClock, shiftedNow, useFakeApi } from './helpers/fixture';

const DAY = 24 * 3600_000;
const f = useFakeApi({ now: shiftedNow, seed: { strangers: 120 } });

/** Puts the package's and the fake API's clock on day `day` (1 = Monday) of the current quota week, 10:00 UTC. */
function onDay(day: number): number {
	const monday = weekStart(Date.now()) + 7 * DAY;
	const at = monday + (day - 1) * DAY + 10 * 3600_000;
	shiftClock(at - Date.now());
	return monday;
}
afterEach(() => shiftClock(0));

const send = (spread = true): INodeParameters => ({
	resource: 'connection',
	operation: 'sendRequest',
	profile: '={{ $json.p }}',
	options: { skipIfConnectedOrPending: false, spreadOverWeek: spread },
});
let next = 0;
const people = (n: number) => Array.from({ length: n }, () => ({ p: makeProfile(next++).slug }));
const posts = () => f.api.requests.filter((r) => r.path === '/connect');
const reasons = (items: INodeExecutionData[]) =>
	items.map((i) => (i.json.status === 'sent' ? 'sent' : String(i.json.reason)));

test('Wednesday with 30 used: 9 more requests (share 39), the rest skipped until Thursday 00:00 UTC', async () => {
	const monday = onDay(3);
	f.api.setConnectUsed(30);
	const { items, error } = await f.run(send(), people(15));
	expect(error).toBeUndefined();
	expect(reasons(items)).toEqual([...Array(9).fill('sent'), ...Array(6).fill('dailyShare')]);
	expect(items[9].json.resumeAfter).toBe(new Date(monday + 3 * DAY).toISOString());
	expect(posts()).toHaveLength(9);
	expect(f.api.state.connectUsed[f.api.state.defaultAccountId]).toBe(39);
});

test('with the day’s share used, not even a first request goes out; the next day its share', async () => {
	onDay(3);
	f.api.setConnectUsed(39);
	const process = await f.process();
	const again = await f.run(send(), people(3), { loader: process });
	expect(reasons(again.items)).toEqual(['dailyShare', 'dailyShare', 'dailyShare']);
	expect(posts()).toEqual([]);
	onDay(4);
	const thursday = await f.run(send(), people(15), { loader: process });
	expect(reasons(thursday.items).filter((r) => r === 'sent')).toHaveLength(52 - 39);
	expect(f.quotaReads).toHaveLength(2);
});

test('two processes (queue-mode workers) share one count, ConnectSafely’s: the second sends nothing over the share', async () => {
	onDay(3);
	f.api.setConnectUsed(35);
	const a = await f.run(send(), people(6), { loader: await freshPackage() });
	expect(reasons(a.items)).toEqual([...Array(4).fill('sent'), 'dailyShare', 'dailyShare']);
	f.api.clearRequests();
	const b = await f.run(send(), people(3), { loader: await freshPackage() });
	expect(reasons(b.items)).toEqual(['dailyShare', 'dailyShare', 'dailyShare']);
	expect(posts()).toEqual([]);
	expect(f.quotaReads.map((r) => r.path)).toEqual([
		`/account/${f.api.state.defaultAccountId}/quota`,
		`/account/${f.api.state.defaultAccountId}/quota`,
	]);
});

test('when the quota read-out fails, the first answer’s X-RateLimit-* headers give the count', async () => {
	onDay(2);
	f.api.setConnectUsed(25);
	f.api.fault({
		path: /\/quota$/,
		status: 500,
		body: { success: false, code: 'internal_error', message: 'Internal server error' },
	});
	const { items } = await f.run(send(), people(4), { loader: await freshPackage() });
	expect(reasons(items)).toEqual(['sent', 'dailyShare', 'dailyShare', 'dailyShare']);
	expect(posts()).toHaveLength(1);
});

test('a new quota week starts over; off by default, nothing is held back', async () => {
	const monday = onDay(6);
	f.api.setConnectUsed(77);
	const process = await f.process();
	const saturday = await f.run(send(), people(3), { loader: process });
	expect(reasons(saturday.items)).toEqual(['sent', 'dailyShare', 'dailyShare']);
	expect(saturday.items[1].json.resumeAfter).toBe(new Date(monday + 6 * DAY).toISOString());
	shiftClock(monday + 7 * DAY + 3600_000 - Date.now());
	const nextMonday = await f.run(send(), people(15), { loader: process });
	expect(reasons(nextMonday.items).filter((r) => r === 'sent')).toHaveLength(13);
	const off = await f.run(send(false), people(5), { loader: process });
	expect(reasons(off.items)).toEqual(Array(5).fill('sent'));
});
