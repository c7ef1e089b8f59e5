import {
	bucketsFor,
	MARGIN_RATIO,
	MIN_MARGIN_MS,
	randomDelayMs,
	RATE_LIMITS,
	SlidingWindowScheduler,
	type Bucket,
} from '../../nodes/ConnectSafely/shared/request/pacing';
import { fingerprint } from '../../nodes/ConnectSafely/shared/request/api';
import { relationshipPath } from '../../nodes/ConnectSafely/resources/connection/getStatus';
import { withAccount } from '../../nodes/ConnectSafely/shared/request/operation';

const margin = (windowMs: number) => Math.max(windowMs * MARGIN_RATIO, MIN_MARGIN_MS);

describe('SlidingWindowScheduler', () => {
	const bucket: Bucket = { id: 'b', windows: [{ limit: 3, windowMs: 1000 }] };

	test('lets the first `limit` requests go at once, then waits for the oldest to leave the window', () => {
		const s = new SlidingWindowScheduler();
		for (let i = 0; i < 3; i++) {
			expect(s.waitFor([bucket], 100)).toBe(0);
			s.record([bucket], 100);
		}
		expect(s.waitFor([bucket], 100)).toBe(1000 + margin(1000));
		expect(s.waitFor([bucket], 600)).toBe(500 + margin(1000));
		expect(s.waitFor([bucket], 1100 + margin(1000))).toBe(0);
	});

	test('counts a request at its completion time once settled, so a slow arrival stays conservative', () => {
		const s = new SlidingWindowScheduler();
		const tickets = [0, 0, 0].map(() => s.record([bucket], 0));
		s.settle(tickets[0], 250);
		expect(s.waitFor([bucket], 0)).toBe(1000 + margin(1000));
		s.settle(tickets[1], 300);
		s.settle(tickets[2], 400);
		expect(s.waitFor([bucket], 0)).toBe(1250 + margin(1000));
	});

	test('never moves a request earlier when settling', () => {
		const s = new SlidingWindowScheduler();
		const ticket = s.record([bucket], 500);
		s.record([bucket], 500);
		s.record([bucket], 500);
		s.settle(ticket, 100);
		expect(s.waitFor([bucket], 500)).toBe(1000 + margin(1000));
	});

	test('applies every window of every bucket', () => {
		const s = new SlidingWindowScheduler();
		const buckets: Bucket[] = [
			{ id: 'key', windows: [{ limit: 2, windowMs: 10_000 }] },
			{ id: 'acct', windows: [{ limit: 5, windowMs: 60_000 }] },
		];
		s.record(buckets, 0);
		s.record(buckets, 0);
		expect(s.waitFor(buckets, 0)).toBe(10_000 + margin(10_000));
		expect(s.waitFor([buckets[1]], 0)).toBe(0);
	});

	test('the default account’s first look-up, paced before its ID was known, counts for that account', () => {
		const s = new SlidingWindowScheduler();
		const [, unknown] = bucketsFor('account', 'k', '');
		const [, known] = bucketsFor('account', 'k', 'abc');
		s.record([unknown], 0);
		for (let i = 1; i < RATE_LIMITS.account[0].limit; i++) s.record([known], i);
		const { windowMs } = RATE_LIMITS.account[0];
		expect(s.waitFor([known], 10)).toBe(windowMs + margin(windowMs) - 10);
		expect(s.waitFor([unknown], 10)).toBe(0);
	});

	test('keeps only as many times as the largest window needs', () => {
		const s = new SlidingWindowScheduler();
		for (let t = 0; t < 1000; t++) s.record([bucket], t);
		expect((s as unknown as { times: Map<string, number[]> }).times.get('b')).toEqual([
			997, 998, 999,
		]);
	});
});

describe('buckets and helpers', () => {
	test('a request counts against the key and against its kind for the account', () => {
		expect(bucketsFor('write', 'k1', 'acct')).toEqual([
			{ id: 'key:k1', windows: RATE_LIMITS.key },
			{ id: 'write:k1:acct', windows: [{ limit: 15, windowMs: 60_000 }], also: 'write:k1:' },
		]);
		expect(RATE_LIMITS.key).toEqual([
			{ limit: 60, windowMs: 60_000 },
			{ limit: 100, windowMs: 10_000 },
		]);
		expect(RATE_LIMITS.read).toEqual([{ limit: 30, windowMs: 60_000 }]);
		expect(RATE_LIMITS.account).toEqual([{ limit: 10, windowMs: 60_000 }]);
	});

	test('fingerprint is stable, short and does not contain the key', () => {
		expect(fingerprint('sk-live-123@x')).toBe(fingerprint('sk-live-123@x'));
		expect(fingerprint('sk-live-123@x')).not.toBe(fingerprint('sk-live-124@x'));
		expect(fingerprint('sk-live-123@x')).not.toContain('sk-live');
	});

	test.each([
		[undefined, 0.5, 0],
		[{ minSeconds: 20, maxSeconds: 60 }, 0, 20_000],
		[{ minSeconds: 20, maxSeconds: 60 }, 1, 60_000],
		[{ minSeconds: 20, maxSeconds: 60 }, 0.25, 30_000],
		[{ minSeconds: 30, maxSeconds: 10 }, 0.9, 30_000],
		[{ minSeconds: -5, maxSeconds: 2 }, 0.5, 1_000],
	])('randomDelayMs(%p, %p) = %p', (range, random, expected) => {
		expect(randomDelayMs(range, random)).toBe(expected);
	});
});

describe('where the account goes', () => {
	const id = '64f1a2b3c4d5e6f7a8b9c0d1';
	test('GET: in the query', () => {
		expect(
			withAccount({ method: 'GET', url: '/invitations/received', qs: { startIndex: 0 } }, id),
		).toEqual({
			method: 'GET',
			url: '/invitations/received',
			qs: { startIndex: 0, accountId: id },
		});
	});
	test('POST: in the body', () => {
		expect(
			withAccount({ method: 'POST', url: '/connect', body: { profileId: 'x' } }, id).body,
		).toEqual({ profileId: 'x', accountId: id });
	});
	test('relationship: a path segment', () => {
		expect(relationshipPath('jane-doe', id)).toBe(`/relationship/${id}/jane-doe`);
		expect(relationshipPath('jane-doe', '')).toBe('/relationship/jane-doe');
	});
	test('empty: untouched', () => {
		const request = { method: 'GET' as const, url: '/x', qs: {} };
		expect(withAccount(request, '')).toBe(request);
	});
});
