import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import {
	activeStop,
	claimPerson,
	keepPerson,
	MAX_STORED_STOPS,
	personIds,
	releasePerson,
	rememberStop,
	STATIC_KEY,
	type PersonClaim,
} from '../../nodes/ConnectSafely/shared/accountState';
import { alreadyConnected, alreadyHandled } from '../../nodes/ConnectSafely/shared/execution';
import { NodeApiError } from 'n8n-workflow';

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
		expect(personIds({ kind: 'urn', memberId: 'ACoAAbC' })).toEqual(['member:ACoAAbC']);
	});

	test('a claim blocks other owners until released; once kept it blocks everyone', () => {
		const a: PersonClaim = { scope: 'k:a', owner: {}, ids: [] };
		const b: PersonClaim = { scope: 'k:a', owner: {}, ids: [] };
		const elsewhere: PersonClaim = { scope: 'k:b', owner: {}, ids: [] };
		expect(claimPerson(a, ['slug:x'])).toBe(true);
		expect(claimPerson(b, ['slug:x'])).toBe(false);
		expect(claimPerson(elsewhere, ['slug:x'])).toBe(true);
		releasePerson(a);
		expect(claimPerson(b, ['slug:x'])).toBe(true);
		keepPerson(b);
		expect(claimPerson(b, ['slug:x'])).toBe(false);
		releasePerson(b);
		expect(claimPerson(a, ['slug:x'])).toBe(false);
	});
});

describe('"already" from ConnectSafely’s own text', () => {
	const error = (apiText: string, httpCode = '400') => {
		const e = new NodeApiError(
			{ name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {}, id: 'i' },
			{},
			{ httpCode, message: `Accept invitation failed (400): ${apiText}` },
		);
		e.context.apiText = apiText;
		return e;
	};
	test('the message n8n builds is never read', () => {
		const e = error('Profile locked');
		e.message = 'Accept invitation failed: already pending invitation';
		expect(alreadyConnected(e)).toBeUndefined();
		expect(alreadyHandled(e)).toBeUndefined();
	});
	test('only a 400', () => {
		expect(alreadyConnected(error('Already connected', '404'))).toBeUndefined();
		expect(alreadyHandled(error('Invitation already accepted', '500'))).toBeUndefined();
	});
});
