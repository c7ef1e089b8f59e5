import {
	MAX_PAGES,
	MAX_SEEN,
	STATE_VERSION,
	needsAnotherPage,
	planPoll,
	readState,
	stateKey,
	writeState,
	type TriggerState,
} from '../../nodes/ConnectSafelyTrigger/state';
import {
	DEFAULT_CATEGORIES,
	EVENT_SOURCES,
	matchesCategories,
} from '../../nodes/ConnectSafelyTrigger/events';

const KEY = 'invitationReceived:default';
const id = (item: string) => item;

function state(seen: string[]): TriggerState {
	return { version: STATE_VERSION, key: KEY, seen };
}

/** Splits a newest-first list into pages of `size`, the way the API serves it. */
function paged(list: string[], size: number, count: number): string[][] {
	return Array.from({ length: count }, (_, i) => list.slice(i * size, (i + 1) * size));
}

function range(prefix: string, from: number, to: number): string[] {
	const out: string[] = [];
	if (from <= to) for (let i = from; i <= to; i++) out.push(`${prefix}${i}`);
	else for (let i = from; i >= to; i--) out.push(`${prefix}${i}`);
	return out;
}

describe('stateKey', () => {
	test('combines the event and the account, the default account by name', () => {
		expect(stateKey('invitationReceived', '')).toBe('invitationReceived:default');
		expect(stateKey('connectionAdded', '64F1A2B3C4D5E6F7A8B9C0D1')).toBe(
			'connectionAdded:64f1a2b3c4d5e6f7a8b9c0d1',
		);
	});
});

describe('readState / writeState', () => {
	test('reads back what was written, only for the same key and version', () => {
		const data: Record<string, unknown> = {};
		expect(writeState(data, state(['b', 'a']))).toBe(true);
		expect(data).toEqual({ version: 1, key: KEY, seen: ['b', 'a'] });
		expect(readState(data, KEY)).toEqual(state(['b', 'a']));
		expect(readState(data, 'connectionAdded:default')).toBeUndefined();
		expect(readState({ ...data, version: 2 }, KEY)).toBeUndefined();
		expect(readState({}, KEY)).toBeUndefined();
		expect(readState(undefined, KEY)).toBeUndefined();
		expect(readState({ version: 1, key: KEY, seen: 'x' }, KEY)).toBeUndefined();
	});

	test('a state with non-string, empty or overlong ids counts as none (tampered: start over)', () => {
		expect(readState({ version: 1, key: KEY, seen: ['a', 3, '', null, 'b'] }, KEY)).toBeUndefined();
		expect(readState({ version: 1, key: KEY, seen: ['a', 'x'.repeat(201)] }, KEY)).toBeUndefined();
		expect(
			readState(
				{ version: 1, key: KEY, seen: Array.from({ length: 201 }, (_, i) => `id${i}`) },
				KEY,
			),
		).toBeUndefined();
	});

	test('does not rewrite an unchanged state', () => {
		const data: Record<string, unknown> = { version: 1, key: KEY, seen: ['b', 'a'] };
		expect(writeState(data, state(['b', 'a']))).toBe(false);
		expect(writeState(data, state(['c', 'b', 'a']))).toBe(true);
		expect(data.seen).toEqual(['c', 'b', 'a']);
	});

	test('survives a JSON round trip (static data is persisted as JSON)', () => {
		const data: Record<string, unknown> = {};
		writeState(data, state(['7401234567890123456']));
		expect(readState(JSON.parse(JSON.stringify(data)), KEY)).toEqual(
			state(['7401234567890123456']),
		);
	});
});

describe('needsAnotherPage', () => {
	test('always reads the first page', () => {
		expect(needsAnotherPage(undefined, [], 10)).toBe(true);
		expect(needsAnotherPage(state(['a']), [], 10)).toBe(true);
	});

	test('stops at a page holding a seen id', () => {
		const full = range('n', 1, 10);
		expect(needsAnotherPage(state(['x']), [full], 10)).toBe(true);
		expect(needsAnotherPage(state(['n10']), [full], 10)).toBe(false);
	});

	test('stops at a short page (end of the list), also on the first activation', () => {
		expect(needsAnotherPage(state(['x']), [range('n', 1, 9)], 10)).toBe(false);
		expect(needsAnotherPage(undefined, [range('n', 1, 10), []], 10)).toBe(false);
	});

	test('first activation reads on while pages are full, up to the cap', () => {
		const pages = paged(range('o', 1, 200), 10, 9);
		expect(needsAnotherPage(undefined, pages, 10)).toBe(true);
		expect(needsAnotherPage(undefined, paged(range('o', 1, 200), 10, MAX_PAGES), 10)).toBe(false);
	});

	test('stops at the page cap', () => {
		expect(needsAnotherPage(state(['x']), paged(range('n', 1, 200), 12, 9), 12)).toBe(true);
		expect(needsAnotherPage(state(['x']), paged(range('n', 1, 200), 12, 10), 12)).toBe(false);
		expect(needsAnotherPage(state(['x']), paged(range('n', 1, 200), 12, 3), 12, 3)).toBe(false);
	});
});

/** Runs the pure poll loop against a newest-first list; returns what was emitted, the pages read and the state. */
function simulate(previous: TriggerState | undefined, list: string[], pageSize = 10) {
	const pages: string[][] = [];
	while (needsAnotherPage(previous, pages, pageSize)) {
		pages.push(list.slice(pages.length * pageSize, (pages.length + 1) * pageSize));
	}
	const plan = planPoll(previous, KEY, pages, id, pageSize);
	return { emitted: plan.newItems, requests: pages.length, next: plan.next, capped: plan.capped };
}

describe('planPoll', () => {
	const old = range('o', 1, 30); // o1 newest

	test('first activation remembers what it read and emits nothing', () => {
		const result = simulate(undefined, old);
		expect(result).toEqual({ emitted: [], requests: 4, next: state(old), capped: false });
	});

	test('first activation on an empty list remembers an empty list', () => {
		expect(simulate(undefined, [])).toEqual({
			emitted: [],
			requests: 1,
			next: state([]),
			capped: false,
		});
	});

	test('nothing new: one request, nothing emitted, state kept', () => {
		const result = simulate(state(old), old);
		expect(result.emitted).toEqual([]);
		expect(result.requests).toBe(1);
		expect(result.next.seen).toEqual(old);
	});

	test.each([
		[1, 1],
		[9, 1],
		[10, 2],
		[11, 2],
		[25, 3],
		[29, 3],
		[30, 4],
	])('%i new items (page size 10) cost %i requests and are emitted oldest first', (k, requests) => {
		const fresh = range('n', k, 1); // n_k newest … n1 oldest of the new ones
		const result = simulate(state(old), [...fresh, ...old]);
		expect(result.emitted).toEqual(range('n', 1, k));
		expect(result.requests).toBe(requests);
		expect(result.requests).toBeLessThanOrEqual(Math.ceil((k + 1) / 10));
		expect(result.next.seen.slice(0, k)).toEqual(fresh);
		expect(result.capped).toBe(false);
	});

	test('12 new connections (page size 12) cost 2 requests', () => {
		const fresh = range('n', 12, 1);
		const result = simulate(state(old), [...fresh, ...old], 12);
		expect(result.emitted).toEqual(range('n', 1, 12));
		expect(result.requests).toBe(2);
	});

	test('items removed from the list do not re-emit older ones', () => {
		// o1…o3 accepted elsewhere; two new ones arrived.
		const list = ['n2', 'n1', ...old.slice(3)];
		const result = simulate(state(old), list);
		expect(result.emitted).toEqual(['n1', 'n2']);
		expect(result.requests).toBe(1);
		// The removed ids move to the end of the history; the listed ones stay in front.
		expect(result.next.seen).toEqual(['n2', 'n1', ...old.slice(3), 'o1', 'o2', 'o3']);
	});

	test('items after the first seen item are never new, even if forgotten', () => {
		const result = simulate(state(['o1']), ['n1', 'o1', 'x1', 'x2']);
		expect(result.emitted).toEqual(['n1']);
		expect(result.next.seen).toEqual(['n1', 'o1', 'x1', 'x2']);
	});

	test('the whole remembered page removed at once: the next remembered item is the boundary', () => {
		const list = old.slice(10); // o1…o10 handled elsewhere
		const result = simulate(state(old), list);
		expect(result.emitted).toEqual([]);
		expect(result.requests).toBe(1);
	});

	test('an empty answer does not forget anything (a glitch must not cause a flood later)', () => {
		const emptied = simulate(state(old), []);
		expect(emptied.emitted).toEqual([]);
		expect(emptied.next.seen).toEqual(old);
		const back = simulate(emptied.next, old);
		expect(back.emitted).toEqual([]);
	});

	test('a list that shifted while paging counts a repeated id once', () => {
		const pages = [range('n', 10, 1), ['n1', 'o1', 'o2']];
		const plan = planPoll(state(old), KEY, pages, id, 10);
		expect(plan.newItems).toEqual(range('n', 1, 10));
		expect(plan.next.seen.slice(0, 13)).toEqual([...range('n', 10, 1), 'o1', 'o2', 'o3']);
	});

	test('items without an id are skipped', () => {
		const plan = planPoll(state(['o1']), KEY, [['n1', '', 'o1']], id, 10);
		expect(plan.newItems).toEqual(['n1']);
		expect(plan.next.seen).toEqual(['n1', 'o1']);
	});

	test('more new items than the page cap: emits what was read and reports it', () => {
		const fresh = range('n', 150, 1);
		const result = simulate(state(old), [...fresh, ...old]);
		expect(result.requests).toBe(MAX_PAGES);
		expect(result.capped).toBe(true);
		expect(result.emitted).toEqual(range('n', 51, 150));
	});

	test('the seen list never exceeds MAX_SEEN and keeps listed items before removed ones', () => {
		// Auto-accept pattern: every new invitation is emitted and then removed from the list.
		let current = simulate(undefined, old).next;
		for (let i = 1; i <= 500; i++) {
			const arrived = simulate(current, [`n${i}`, ...old]);
			expect(arrived.emitted).toEqual([`n${i}`]);
			current = simulate(arrived.next, old).next; // n_i accepted: gone again
			expect(current.seen.length).toBeLessThanOrEqual(MAX_SEEN);
		}
		// All 30 still-listed invitations are still remembered, so removing the newest 20 emits nothing.
		expect(current.seen.slice(0, 30)).toEqual(old);
		const result = simulate(current, old.slice(20));
		expect(result.emitted).toEqual([]);
		expect(current.seen.length).toBe(MAX_SEEN);
	});
});

describe('events', () => {
	test('invitation ids and output are the API item unchanged', () => {
		const item = {
			id: '7401234567890123456',
			invitationId: '7401234567890123456',
			invitationCategory: 'CONNECTION',
		};
		expect(EVENT_SOURCES.invitationReceived.idOf(item)).toBe('7401234567890123456');
		expect(EVENT_SOURCES.invitationReceived.idOf({ id: '12' })).toBe('12');
		expect(EVENT_SOURCES.invitationReceived.toOutput(item)).toBe(item);
	});

	test('connections are remembered by vanity name and emitted with profileId', () => {
		const item = {
			firstName: 'A',
			vanityName: 'alex-morgan-1a2b3c',
			profileUrl: 'https://www.linkedin.com/in/alex-morgan-1a2b3c',
		};
		expect(EVENT_SOURCES.connectionAdded.idOf(item)).toBe('alex-morgan-1a2b3c');
		expect(
			EVENT_SOURCES.connectionAdded.idOf({ profileUrl: 'https://www.linkedin.com/in/x' }),
		).toBe('https://www.linkedin.com/in/x');
		expect(EVENT_SOURCES.connectionAdded.idOf({})).toBe('');
		expect(EVENT_SOURCES.connectionAdded.toOutput(item)).toEqual({
			...item,
			profileId: 'alex-morgan-1a2b3c',
		});
	});

	test('category filter: connection invitations by default, all kinds for an empty selection', () => {
		expect(DEFAULT_CATEGORIES).toEqual(['CONNECTION']);
		expect(matchesCategories({ invitationCategory: 'CONNECTION' }, undefined)).toBe(true);
		expect(matchesCategories({ invitationCategory: 'EVENT' }, undefined)).toBe(false);
		expect(matchesCategories({ invitationCategory: 'EVENT' }, [])).toBe(true);
		expect(matchesCategories({ invitationCategory: 'EVENT' }, ['EVENT', 'NEWSLETTER'])).toBe(true);
		expect(matchesCategories({ invitationCategory: 'CONNECTION' }, ['EVENT'])).toBe(false);
	});
});
