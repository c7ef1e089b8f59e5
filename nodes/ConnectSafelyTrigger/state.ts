// Pure polling logic of the ConnectSafely Trigger: which pages to fetch, which items are new, what to remember.
// No n8n or Node imports here, so it can be unit-tested on its own.

import { isObject } from '../ConnectSafely/shared/values/text';

export const STATE_VERSION = 1;

/** How many ids the trigger remembers at most (about 22–30 bytes each in the workflow's static data). */
export const MAX_SEEN = 200;

/**
 * How many pages one poll reads at most (100 invitations or 120 connections). A poll that reaches this cap
 * without meeting an item it has seen emits what it read and logs a warning: anything older was not read.
 */
export const MAX_PAGES = 10;

/** Ids longer than this are not remembered (real ids are 19 digits or a vanity name of at most 100 characters). */
export const MAX_ID_LENGTH = 200;

export interface TriggerState {
	version: number;
	/** Which event and account the ids belong to (see stateKey). */
	key: string;
	/** Ids the trigger has already seen: the items present on the pages it last read, in list order (newest first), then older history. */
	seen: string[];
}

export interface PollPlan<T> {
	/** Items to emit, oldest first. */
	newItems: T[];
	/** State to save after the items were emitted. */
	next: TriggerState;
	/** True when the page cap was reached before an already seen item (or the end of the list). */
	capped: boolean;
}

/** The state key: changing the event or the account starts over with a fresh first poll. */
export function stateKey(event: string, accountId: string): string {
	return `${event}:${accountId === '' ? 'default' : accountId.toLowerCase()}`;
}

/**
 * The saved state for `key`, or undefined when there is none (first activation, other event or account, unknown
 * format). A state that is not exactly what writeState saves (tampered or corrupted) counts as none: the poll then
 * starts over, emitting nothing, rather than taking everything for new.
 */
export function readState(stored: unknown, key: string): TriggerState | undefined {
	if (!isObject(stored)) return undefined;
	if (stored.version !== STATE_VERSION || stored.key !== key || !Array.isArray(stored.seen))
		return undefined;
	const seen: unknown[] = stored.seen;
	if (
		seen.length > MAX_SEEN ||
		!seen.every((id) => typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH)
	)
		return undefined;
	return { version: STATE_VERSION, key, seen: seen as string[] };
}

/** Writes `state` into the node's static data object (n8n persists that object) unless it is already there. */
export function writeState(staticData: Record<string, unknown>, state: TriggerState): boolean {
	const current = readState(staticData, state.key);
	if (current !== undefined && sameIds(current.seen, state.seen)) return false;
	staticData.version = state.version;
	staticData.key = state.key;
	staticData.seen = [...state.seen];
	return true;
}

function sameIds(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Whether the poll must read another page after `pages` (each the ids of one page, newest first).
 * It stops at a page holding an id it has seen, at a short page (the end of the list) and at `maxPages`.
 * Without a previous state (first activation) it reads until the end of the list or `maxPages`, to remember
 * deeper items too.
 */
export function needsAnotherPage(
	previous: TriggerState | undefined,
	pages: string[][],
	pageSize: number,
	maxPages = MAX_PAGES,
): boolean {
	const last = pages[pages.length - 1];
	if (last === undefined) return true;
	if (last.length < pageSize || pages.length >= maxPages) return false;
	if (previous === undefined) return true;
	const seen = new Set(previous.seen);
	return !last.some((id) => seen.has(id));
}

/**
 * Decides what a poll emits and remembers, given the previous state and the pages it read (newest first).
 *
 * - New items are those before the first already seen item of the list; items after it are never new, even
 *   when they are not remembered (so forgetting old ids or items removed from the list never re-emits).
 * - The next state lists the ids present on the pages read (in list order), then the other remembered ids.
 *   Remembered ids that must have been removed from the list (they were newer than the first seen item found,
 *   but are not on the pages read) go to the end, so ids of items still in the list are the last to be dropped
 *   when the list is capped at `maxSeen`.
 * - Without a previous state (first activation) nothing is new; what was read is remembered.
 * - Items without an id are skipped; an id appearing twice (the list shifted while paging) counts once.
 */
export function planPoll<T>(
	previous: TriggerState | undefined,
	key: string,
	pages: T[][],
	idOf: (item: T) => string,
	pageSize: number,
	maxPages = MAX_PAGES,
	maxSeen = MAX_SEEN,
): PollPlan<T> {
	const items: T[] = [];
	const ids: string[] = [];
	const present = new Set<string>();
	for (const page of pages) {
		for (const item of page) {
			const id = idOf(item);
			if (id === '' || id.length > MAX_ID_LENGTH || present.has(id)) continue;
			present.add(id);
			items.push(item);
			ids.push(id);
		}
	}
	const last = pages[pages.length - 1];
	const listEnded = last === undefined || last.length < pageSize;

	if (previous === undefined) {
		return {
			newItems: [],
			next: { version: STATE_VERSION, key, seen: ids.slice(0, maxSeen) },
			capped: false,
		};
	}

	const seen = new Set(previous.seen);
	let boundary = ids.findIndex((id) => seen.has(id));
	const anchorFound = boundary >= 0;
	if (!anchorFound) boundary = ids.length;
	const capped = !anchorFound && !listEnded && pages.length >= maxPages;

	// Remembered ids newer than the first seen item found must appear before it if still listed.
	const anchorPosition = anchorFound
		? previous.seen.indexOf(ids[boundary])
		: listEnded
			? previous.seen.length
			: 0;
	const kept: string[] = [];
	const gone: string[] = [];
	previous.seen.forEach((id, position) => {
		if (present.has(id)) return;
		(position < anchorPosition ? gone : kept).push(id);
	});

	return {
		newItems: items.slice(0, boundary).reverse(),
		next: { version: STATE_VERSION, key, seen: [...ids, ...kept, ...gone].slice(0, maxSeen) },
		capped,
	};
}
