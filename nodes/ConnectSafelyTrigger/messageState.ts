// Pure logic of New Message: which threads changed since the last poll, which of their messages are new (received,
// not seen), and what to remember. Times are epoch ms as ConnectSafely's inbox gives them (ISO or ms, read once).

import { isObject } from '../ConnectSafely/shared/values/text';

export const INBOX_STATE_VERSION = 1;
/** Threads and message URNs remembered at most. */
export const MAX_THREADS = 200;
export const MAX_SEEN_MESSAGES = 200;

export interface InboxState {
	version: number;
	key: string;
	/** The newest activity the last poll saw (epoch ms): an unknown thread is new past it. */
	watermark: number;
	/** Each remembered thread's last activity (epoch ms), by conversation URN. */
	threads: Record<string, number>;
	/** Messages already emitted (URNs), newest first. */
	seen: string[];
}

export interface ThreadActivity {
	urn: string;
	at: number;
}

export interface InboxMessage {
	urn: string;
	at: number;
	fromOwner: boolean;
}

/** The saved state for `key`, or undefined (first poll, other account, unknown or damaged format). */
export function readInboxState(stored: unknown, key: string): InboxState | undefined {
	if (!isObject(stored) || stored.version !== INBOX_STATE_VERSION || stored.key !== key)
		return undefined;
	const { watermark, threads, seen } = stored;
	if (typeof watermark !== 'number' || !isObject(threads) || !Array.isArray(seen)) return undefined;
	const entries = Object.entries(threads);
	if (!entries.every(([, at]) => typeof at === 'number')) return undefined;
	if (!seen.every((urn) => typeof urn === 'string')) return undefined;
	return {
		version: INBOX_STATE_VERSION,
		key,
		watermark,
		threads: threads as Record<string, number>,
		seen: seen as string[],
	};
}

/** When the thread was last known active: a thread not remembered counts from the watermark. */
export function sinceOf(state: InboxState, urn: string): number {
	return state.threads[urn] ?? state.watermark;
}

/** Whether an inbox page (newest first) may still hold a changed thread after it: not once it reached old ones. */
export function inboxGoesOn(state: InboxState | undefined, page: ThreadActivity[]): boolean {
	if (state === undefined) return false;
	return page.every((thread) => thread.at > state.watermark);
}

/** The threads of the pages read that changed since the last poll (none on the first poll). */
export function changedThreads(
	state: InboxState | undefined,
	threads: ThreadActivity[],
): ThreadActivity[] {
	if (state === undefined) return [];
	return threads.filter((thread) => thread.at > sinceOf(state, thread.urn));
}

/** The messages of a changed thread to emit: received, newer than the thread was known, not emitted before. */
export function newMessages(
	state: InboxState,
	thread: string,
	messages: InboxMessage[],
): InboxMessage[] {
	const since = sinceOf(state, thread);
	const seen = new Set(state.seen);
	return messages.filter((m) => !m.fromOwner && m.at > since && m.urn !== '' && !seen.has(m.urn));
}

/** What to remember after a poll: the newest activity, every thread read (newest kept), the messages emitted. */
export function nextInboxState(
	previous: InboxState | undefined,
	key: string,
	threads: ThreadActivity[],
	emitted: InboxMessage[],
): InboxState {
	const known = { ...(previous?.threads ?? {}) };
	for (const thread of threads) known[thread.urn] = Math.max(known[thread.urn] ?? 0, thread.at);
	const kept = Object.entries(known)
		.sort(([, a], [, b]) => b - a)
		.slice(0, MAX_THREADS);
	const watermark = Math.max(previous?.watermark ?? 0, ...threads.map((thread) => thread.at));
	const newest = [...emitted].sort((a, b) => b.at - a.at).map((m) => m.urn);
	return {
		version: INBOX_STATE_VERSION,
		key,
		watermark,
		threads: Object.fromEntries(kept),
		seen: [...newest, ...(previous?.seen ?? []).filter((urn) => !newest.includes(urn))].slice(
			0,
			MAX_SEEN_MESSAGES,
		),
	};
}
