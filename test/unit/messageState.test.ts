import {
	MAX_SEEN_MESSAGES,
	MAX_THREADS,
	changedThreads,
	inboxGoesOn,
	newMessages,
	nextInboxState,
	readInboxState,
	type InboxState,
} from '../../nodes/ConnectSafelyTrigger/messageState';
import { participantPerson, timeOf } from '../../nodes/ConnectSafely/shared/values/conversation';

const KEY = 'newMessage:default';
const state = (over: Partial<InboxState> = {}): InboxState => ({
	version: 1,
	key: KEY,
	watermark: 1000,
	threads: { a: 1000, b: 900 },
	seen: [],
	...over,
});

describe('New Message state', () => {
	test('the first poll reads one inbox page, no thread, and records the newest activity', () => {
		expect(inboxGoesOn(undefined, [{ urn: 'a', at: 5 }])).toBe(false);
		expect(changedThreads(undefined, [{ urn: 'a', at: 5 }])).toEqual([]);
		const first = nextInboxState(
			undefined,
			KEY,
			[
				{ urn: 'a', at: 5 },
				{ urn: 'b', at: 3 },
			],
			[],
		);
		expect(first).toEqual({
			version: 1,
			key: KEY,
			watermark: 5,
			threads: { a: 5, b: 3 },
			seen: [],
		});
	});

	test('the inbox is read on while every thread of a page is newer than the watermark', () => {
		expect(inboxGoesOn(state(), [{ urn: 'x', at: 1001 }])).toBe(true);
		expect(
			inboxGoesOn(state(), [
				{ urn: 'x', at: 1001 },
				{ urn: 'a', at: 1000 },
			]),
		).toBe(false);
	});

	test('changed threads: newer than they were known, or unknown and newer than the watermark', () => {
		const threads = [
			{ urn: 'a', at: 1000 },
			{ urn: 'b', at: 950 },
			{ urn: 'c', at: 999 },
			{ urn: 'd', at: 1001 },
		];
		expect(changedThreads(state(), threads).map((t) => t.urn)).toEqual(['b', 'd']);
	});

	test('new messages: received, newer than the thread was known, not emitted before', () => {
		const messages = [
			{ urn: 'm1', at: 900, fromOwner: false },
			{ urn: 'm2', at: 950, fromOwner: true },
			{ urn: 'm3', at: 960, fromOwner: false },
			{ urn: 'm4', at: 970, fromOwner: false },
			{ urn: '', at: 980, fromOwner: false },
		];
		expect(newMessages(state({ seen: ['m4'] }), 'b', messages).map((m) => m.urn)).toEqual(['m3']);
	});

	test('what is remembered stays bounded, newest kept', () => {
		const threads = Array.from({ length: MAX_THREADS + 50 }, (_, i) => ({ urn: `t${i}`, at: i }));
		const emitted = Array.from({ length: MAX_SEEN_MESSAGES + 50 }, (_, i) => ({
			urn: `m${i}`,
			at: i,
			fromOwner: false,
		}));
		const next = nextInboxState(state({ watermark: 0 }), KEY, threads, emitted);
		expect(Object.keys(next.threads)).toHaveLength(MAX_THREADS);
		expect(next.threads.t249).toBe(249);
		expect(next.seen).toHaveLength(MAX_SEEN_MESSAGES);
		expect(next.seen[0]).toBe(`m${MAX_SEEN_MESSAGES + 49}`);
		expect(next.watermark).toBe(MAX_THREADS + 49);
	});

	test('a damaged or foreign state counts as none', () => {
		expect(readInboxState(state(), KEY)).toEqual(state());
		expect(readInboxState(state(), 'newMessage:other')).toBeUndefined();
		expect(readInboxState({ ...state(), watermark: '1000' }, KEY)).toBeUndefined();
		expect(readInboxState({ ...state(), threads: { a: 'x' } }, KEY)).toBeUndefined();
		expect(readInboxState({ ...state(), seen: [1] }, KEY)).toBeUndefined();
		expect(readInboxState([], KEY)).toBeUndefined();
	});
});

describe('inbox values', () => {
	test('times as epoch ms or ISO text', () => {
		expect(timeOf(1796522706139)).toBe(1796522706139);
		expect(timeOf('1796522706139')).toBe(1796522706139);
		expect(timeOf('2026-12-06T02:05:06.139Z')).toBe(1796522706139);
		expect(timeOf('yesterday')).toBeUndefined();
		expect(timeOf(undefined)).toBeUndefined();
	});

	test('a participant as the one person shape, whichever field carries the member ID or the vanity name', () => {
		const memberId = 'ACoAABDO0H10Gowqixlms7-7V-9m90rrzCXUY2z';
		expect(
			participantPerson({
				profileId: memberId,
				name: 'Alex Williams',
				headline: 'Founder',
				profileUrl: 'https://www.linkedin.com/in/alex-williams-3c2fe1',
				distance: 'DISTANCE_2',
			}),
		).toEqual({
			profileId: 'alex-williams-3c2fe1',
			profileUrn: `urn:li:fsd_profile:${memberId}`,
			name: 'Alex Williams',
			firstName: 'Alex',
			lastName: 'Williams',
			headline: 'Founder',
			profileUrl: 'https://www.linkedin.com/in/alex-williams-3c2fe1',
			connectionDegree: '2nd',
		});
		expect(participantPerson({ profileId: 'alex-williams-3c2fe1', name: 'Cher' })).toMatchObject({
			profileId: 'alex-williams-3c2fe1',
			profileUrn: null,
			firstName: 'Cher',
			lastName: null,
		});
		expect(participantPerson('nobody')).toEqual({});
	});
});
