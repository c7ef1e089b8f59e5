import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { rules as sendRequestRules } from '../../nodes/ConnectSafely/resources/connection/sendRequest';
import { classifyAnswer } from '../../nodes/ConnectSafely/shared/errors/classify';
import { personIds } from '../../nodes/ConnectSafely/shared/values/profile';
import {
	claimPerson,
	newClaim,
	REMEMBER_MS,
	settleClaim,
	withdrawnPerson,
} from '../../nodes/ConnectSafely/shared/write/people';
import {
	activeStop,
	MAX_STORED_STOPS,
	rememberStop,
	STATIC_KEY,
} from '../../nodes/ConnectSafely/shared/write/quota';

function context(staticData: IDataObject = {}): IExecuteSingleFunctions {
	return { getWorkflowStaticData: () => staticData } as unknown as IExecuteSingleFunctions;
}

const NOW = Date.parse('2026-05-01T00:00:00Z');
const stop = (until: string) => ({
	holdUntil: until,
	resumeAfter: until,
	message: 'held',
	description: '',
});

describe('remembered stops', () => {
	test('kept in the static data as JSON, gone once ended', () => {
		const data: IDataObject = {};
		rememberStop(context(data), 'k:a:CONNECT', stop('2026-05-02T00:00:00Z'), NOW);
		const copy = JSON.parse(JSON.stringify(data)) as IDataObject;
		expect(Object.keys(copy[STATIC_KEY] as IDataObject)).toEqual(['k:a:CONNECT']);
		expect(activeStop(context(copy), 'k:a:CONNECT', NOW)?.holdUntil).toBe('2026-05-02T00:00:00Z');
		expect(
			activeStop(context(copy), 'k:a:CONNECT', Date.parse('2026-05-02T00:00:01Z')),
		).toBeUndefined();
		expect(activeStop(context(copy), 'k:b:CONNECT', NOW)).toBeUndefined();
	});

	test('a stop only in the static data (written by another process) is found until it ends', () => {
		const data: IDataObject = {
			[STATIC_KEY]: {
				'k:z:CONNECT': { until: NOW + 1000, holdUntil: 'then', message: 'held', description: '' },
			},
		};
		expect(activeStop(context(data), 'k:z:CONNECT', NOW)?.holdUntil).toBe('then');
		expect(activeStop(context({}), 'k:z:CONNECT', NOW + 1000)).toBeUndefined();
	});

	test('a stop whose end has passed is not stored; one without an end lasts 24 h', () => {
		const data: IDataObject = {};
		rememberStop(context(data), 'k:past:CONNECT', stop('2026-04-30T00:00:00Z'), NOW);
		expect(data[STATIC_KEY]).toBeUndefined();
		const entry = rememberStop(
			context(data),
			'k:none:CONNECT',
			{ message: 'quota', description: '' },
			NOW,
		);
		expect(entry.until).toBe(NOW + 24 * 3600_000);
	});

	test(`the static data keeps at most ${MAX_STORED_STOPS} stops, the longest-lasting, and none that ended`, () => {
		const data: IDataObject = {
			[STATIC_KEY]: { old: { until: NOW - 1, message: '', description: '' } },
		};
		for (let i = 0; i < MAX_STORED_STOPS + 10; i++) {
			rememberStop(
				context(data),
				`k:${i}:CONNECT`,
				stop(new Date(NOW + (i + 1) * 60_000).toISOString()),
				NOW,
			);
		}
		const kept = Object.keys(data[STATIC_KEY] as IDataObject);
		expect(kept).toHaveLength(MAX_STORED_STOPS);
		expect(kept).not.toContain('old');
		expect(kept).not.toContain('k:0:CONNECT');
		expect(kept).toContain(`k:${MAX_STORED_STOPS + 9}:CONNECT`);
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
