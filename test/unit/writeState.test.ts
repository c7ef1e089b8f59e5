import { rules as sendRequestRules } from '../../nodes/ConnectSafely/resources/connection/sendRequest';
import { classifyAnswer } from '../../nodes/ConnectSafely/shared/errors/classify';
import { classifyRateLimit } from '../../nodes/ConnectSafely/shared/errors/rateLimit';
import { throttleWait } from '../../nodes/ConnectSafely/shared/request/api';
import { personIds } from '../../nodes/ConnectSafely/shared/values/profile';
import { quotaEntries } from '../../nodes/ConnectSafely/shared/values/quota';
import {
	claimPerson,
	newClaim,
	REMEMBER_MS,
	settleClaim,
	withdrawnPerson,
} from '../../nodes/ConnectSafely/shared/write/people';
import {
	activeBlock,
	countUse,
	rememberBlock,
	type Counts,
} from '../../nodes/ConnectSafely/shared/request/quota';
import { shareBlock } from '../../nodes/ConnectSafely/shared/write/spread';

const NOW = Date.parse('2026-05-01T00:00:00Z');
const stop = (until: string) => ({
	holdUntil: until,
	resumeAfter: until,
	message: 'held',
	description: '',
});

describe('remembered stops (this process only)', () => {
	test('kept until they end', () => {
		rememberBlock('k:a:CONNECT', stop('2026-05-02T00:00:00Z'), NOW);
		expect(activeBlock('k:a:CONNECT', NOW)?.holdUntil).toBe('2026-05-02T00:00:00Z');
		expect(activeBlock('k:a:CONNECT', Date.parse('2026-05-02T00:00:01Z'))).toBeUndefined();
		expect(activeBlock('k:b:CONNECT', NOW)).toBeUndefined();
	});

	test('one whose end has passed, or that names no end, is not kept (the next run asks ConnectSafely)', () => {
		rememberBlock('k:past:CONNECT', stop('2026-04-30T00:00:00Z'), NOW);
		rememberBlock('k:none:CONNECT', { message: 'quota', description: '' }, NOW);
		expect(activeBlock('k:past:CONNECT', NOW)).toBeUndefined();
		expect(activeBlock('k:none:CONNECT', NOW)).toBeUndefined();
	});
});

describe('a 429 is a quota or hold only when the contract says so', () => {
	const answer = (body: unknown, headers: Record<string, string> = {}) => ({
		statusCode: 429,
		headers,
		body,
	});
	const quotaText = 'Rate limit exceeded for CONNECT: 90/90 used. Resets at 2026-05-04T00:00:00Z';

	test.each([
		['a bare gateway 429', answer('<html>429 Too Many Requests</html>'), true],
		[
			'headers saying 70 of 90 remain, no Retry-After',
			answer(
				{ success: false, error: 'Too many requests' },
				{ 'x-ratelimit-remaining': '70', 'x-ratelimit-limit': '90' },
			),
			true,
		],
		['Retry-After only', answer({}, { 'retry-after': '5' }), true],
		['the quota text', answer({ success: false, error: quotaText }), false],
		['holdUntil', answer({ success: false, error: 'x', holdUntil: '2026-05-02T00:00:00Z' }), false],
		['X-RateLimit-Remaining: 0', answer('', { 'x-ratelimit-remaining': '0' }), false],
	])('%s: throttled %s', (_label, response, throttled) => {
		expect(classifyRateLimit(response)?.throttled).toBe(throttled);
	});

	test('a throttle waits for Retry-After, else for a reset within a minute, else not at all', () => {
		const wait = (headers: Record<string, string>) =>
			throttleWait(classifyRateLimit(answer({}, headers)), NOW);
		expect(wait({ 'retry-after': '7' })).toBe(7000);
		expect(wait({ 'x-ratelimit-reset': new Date(NOW + 20_000).toISOString() })).toBe(20_000);
		expect(wait({ 'x-ratelimit-reset': '2026-05-04T00:00:00Z' })).toBeGreaterThan(60_000);
		expect(wait({})).toBeUndefined();
		expect(throttleWait(classifyRateLimit(answer({ error: quotaText })), NOW)).toBeUndefined();
	});
});

describe('the quota read-out', () => {
	const readOut = {
		accountId: 'a',
		quotas: [
			{
				feature: 'CONNECT',
				window: 'weekly',
				used: 52,
				limit: 90,
				remaining: 38,
				limitReached: false,
				resetAt: '2026-05-04T00:00:00Z',
			},
			{ feature: 'BROKEN', used: 'many' },
		],
	};
	const counts = (): Counts =>
		new Map(quotaEntries(readOut).map((q) => [q.feature, { ...q, reset: Date.parse(q.resetAt) }]));

	test('entries without counts or reset are left out', () => {
		expect(quotaEntries(readOut).map((q) => q.feature)).toEqual(['CONNECT']);
		expect(quotaEntries({ quotas: 'none' })).toEqual([]);
	});

	test('Spread Over Week: Friday (day 5 of the week ending Monday 4 May) allows 65; each write counts on', () => {
		const friday = Date.parse('2026-05-01T10:00:00Z');
		const known = counts();
		expect(shareBlock(known, 'CONNECT', friday)).toBeUndefined();
		for (let i = 0; i < 13; i++) countUse(known, 'CONNECT', undefined, friday);
		expect(shareBlock(known, 'CONNECT', friday)).toEqual({
			resumeAfter: '2026-05-02T00:00:00.000Z',
			day: 5,
			share: 65,
			used: 65,
		});
		expect(shareBlock(known, 'MESSAGE', friday)).toBeUndefined();
	});
});

describe('people', () => {
	test('vanity names compare in any case and encoding; member IDs as they are', () => {
		expect(personIds({ kind: 'slug', profileId: 'J%C3%BCrgen-X' })).toEqual(
			personIds({ kind: 'slug', profileId: 'jürgen-x' }),
		);
		expect(personIds({ kind: 'slug', profileId: 'Jüu\u0308rgen' })).toEqual(
			personIds({ kind: 'slug', profileId: 'jüürgen' }),
		);
		expect(
			personIds({ kind: 'urn', profileUrn: 'urn:li:fsd_profile:ACoAAbC', memberId: 'ACoAAbC' }),
		).toEqual(['member:ACoAAbC']);
	});

	test('a claim blocks other items until released; once invited it blocks everyone', () => {
		const a = newClaim('k:a', NOW);
		const b = newClaim('k:a', NOW);
		expect(claimPerson(a, ['slug:x'], NOW)).toBeUndefined();
		expect(claimPerson(b, ['slug:x'], NOW)?.reason).toBe('duplicate');
		expect(claimPerson(newClaim('k:b'), ['slug:x'], NOW)).toBeUndefined();
		settleClaim(a, 'released', NOW);
		expect(claimPerson(b, ['slug:x'], NOW)).toBeUndefined();
		settleClaim(b, 'invited', NOW);
		expect(claimPerson(newClaim('k:a'), ['slug:x'], NOW)).toEqual({
			reason: 'duplicate',
			until: new Date(NOW + REMEMBER_MS).toISOString(),
		});
	});

	test('an invitation is forgotten after the re-invite cooldown', () => {
		const a = newClaim('k:forget');
		claimPerson(a, ['slug:y'], NOW);
		settleClaim(a, 'invited', NOW);
		expect(claimPerson(newClaim('k:forget'), ['slug:y'], NOW + REMEMBER_MS - 1)?.reason).toBe(
			'duplicate',
		);
		expect(claimPerson(newClaim('k:forget'), ['slug:y'], NOW + REMEMBER_MS)).toBeUndefined();
	});

	test('Withdraw tells the store: the person is withdrawn, never a duplicate, until the cooldown ends', () => {
		const a = newClaim('k:w');
		claimPerson(a, ['slug:z'], NOW);
		settleClaim(a, 'invited', NOW);
		withdrawnPerson('k:w', ['slug:z', 'member:ACoAZ'], NOW + 1000);
		const until = new Date(NOW + 1000 + REMEMBER_MS).toISOString();
		expect(claimPerson(newClaim('k:w'), ['slug:z'], NOW + 2000)).toEqual({
			reason: 'withdrawn',
			until,
		});
		expect(claimPerson(newClaim('k:w'), ['member:ACoAZ'], NOW + 2000)?.reason).toBe('withdrawn');
		expect(claimPerson(newClaim('k:w'), ['slug:z'], NOW + 1000 + REMEMBER_MS)).toBeUndefined();
	});
});

describe('one classifier: skip or error, and the message, per operation', () => {
	const answer = (statusCode: number, error: string) => ({
		statusCode,
		headers: {},
		body: { success: false, error },
	});
	const connect = {
		label: 'Send connection request',
		write: true,
		shape: 'write' as const,
		rules: sendRequestRules,
	};

	test('only ConnectSafely’s text of a 400 decides a skip', () => {
		expect(classifyAnswer(answer(400, 'Already connected'), connect)?.skip).toEqual({
			reason: 'connected',
			details: {},
		});
		expect(classifyAnswer(answer(404, 'Already connected'), connect)?.skip).toBeUndefined();
		expect(classifyAnswer(answer(500, 'Already connected'), connect)?.skip).toBeUndefined();
	});

	test('a withdrawal ConnectSafely reports is a skip that names it, with the end of the block', () => {
		const verdict = classifyAnswer(
			answer(
				400,
				'Invitation to this profile was withdrawn recently; LinkedIn blocks re-inviting until 2026-12-01T00:00:00Z',
			),
			connect,
		);
		expect(verdict?.skip).toEqual({
			reason: 'withdrawn',
			details: { resumeAfter: '2026-12-01T00:00:00Z' },
		});
	});

	test('502 and 504 on a write may have been carried out; 500 and 503 were not', () => {
		expect(classifyAnswer(answer(502, 'Bad gateway'), connect)?.maybeDone).toBe(true);
		expect(classifyAnswer(answer(504, 'Gateway timeout'), connect)?.maybeDone).toBe(true);
		expect(classifyAnswer(answer(500, 'Oops'), connect)?.maybeDone).toBe(false);
		expect(classifyAnswer(answer(503, 'Down'), connect)?.maybeDone).toBe(false);
		expect(
			classifyAnswer(answer(502, 'Bad gateway'), { ...connect, write: false })?.maybeDone,
		).toBe(false);
	});
});
