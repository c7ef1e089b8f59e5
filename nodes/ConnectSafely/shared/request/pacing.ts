import type { INode } from 'n8n-workflow';

import { clock, pause, type CancelSignal } from './clock';

export interface RateWindow {
	limit: number;
	windowMs: number;
}

export type RequestKind = 'read' | 'write' | 'account';

const MINUTE = 60_000;

export const RATE_LIMITS: { key: RateWindow[] } & Record<RequestKind, RateWindow[]> = {
	key: [
		{ limit: 60, windowMs: MINUTE },
		{ limit: 100, windowMs: 10_000 },
	],
	read: [{ limit: 30, windowMs: MINUTE }],
	write: [{ limit: 15, windowMs: MINUTE }],
	account: [{ limit: 10, windowMs: MINUTE }],
};

/**
 * A request waits this much longer than its window strictly needs (a share of the window, at least a few ms), so
 * clock skew and latency between n8n and ConnectSafely do not turn the last request of a window into a 429.
 */
export const MARGIN_RATIO = 0.002;
export const MIN_MARGIN_MS = 10;
/** A throttling 429 is waited out and retried at most this many times, and only if its Retry-After is this short. */
export const MAX_RETRIES = 3;
export const MAX_RETRY_AFTER_MS = 60_000;

export interface Bucket {
	id: string;
	windows: RateWindow[];
}

export interface Ticket {
	ids: string[];
	at: number;
}

/**
 * Sliding windows over request times: ConnectSafely counts per key and account, whatever execution sends the request.
 * A request is recorded when it starts and moved to its completion time when it ends, so a burst that reaches the
 * server later than it was sent still counts conservatively.
 */
export class SlidingWindowScheduler {
	private readonly times = new Map<string, number[]>();

	waitFor(buckets: Bucket[], now: number): number {
		let earliest = now;
		for (const bucket of buckets) {
			const times = this.times.get(bucket.id) ?? [];
			for (const window of bucket.windows) {
				if (times.length < window.limit) continue;
				const { windowMs } = window;
				const margin = Math.max(windowMs * MARGIN_RATIO, MIN_MARGIN_MS);
				earliest = Math.max(earliest, times[times.length - window.limit] + windowMs + margin);
			}
		}
		return earliest - now;
	}

	record(buckets: Bucket[], at: number): Ticket {
		for (const bucket of buckets) {
			const times = this.times.get(bucket.id) ?? [];
			this.insert(times, at);
			const longest = Math.max(...bucket.windows.map((w) => w.limit));
			if (times.length > longest) times.splice(0, times.length - longest);
			this.times.set(bucket.id, times);
		}
		return { ids: buckets.map((b) => b.id), at };
	}

	settle(ticket: Ticket, at: number): void {
		for (const id of ticket.ids) {
			const times = this.times.get(id);
			const index = times?.indexOf(ticket.at) ?? -1;
			if (!times || index < 0) continue;
			times.splice(index, 1);
			this.insert(times, Math.max(at, ticket.at));
		}
	}

	private insert(times: number[], at: number): void {
		let index = times.length;
		while (index > 0 && times[index - 1] > at) index--;
		times.splice(index, 0, at);
	}
}

export function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

export function bucketsFor(kind: RequestKind, keyId: string, accountId: string): Bucket[] {
	return [
		{ id: `key:${keyId}`, windows: RATE_LIMITS.key },
		{ id: `${kind}:${keyId}:${accountId}`, windows: RATE_LIMITS[kind] },
	];
}

export function randomDelayMs(
	range: { minSeconds?: number; maxSeconds?: number } | undefined,
	random: number,
): number {
	if (!range) return 0;
	const min = Math.max(0, Number(range.minSeconds ?? 0));
	const max = Math.max(min, Number(range.maxSeconds ?? min));
	return Math.round((min + (max - min) * random) * 1000);
}

// One per process on purpose: every execution and workflow on a key and account shares ConnectSafely's limits.
const scheduler = new SlidingWindowScheduler();

export interface Slot {
	ticket: Ticket;
	waitedMs: number;
}

/** Waits until a request may go out under every window of `buckets`, and counts it. Stop ends the wait. */
export async function takeSlot(
	buckets: Bucket[],
	stop: { signal?: CancelSignal; node: INode; itemIndex?: number },
): Promise<Slot> {
	let waitedMs = 0;
	for (;;) {
		const now = clock.now();
		const wait = scheduler.waitFor(buckets, now);
		if (wait <= 0) return { ticket: scheduler.record(buckets, now), waitedMs };
		await pause(wait, stop.signal, stop.node, stop.itemIndex);
		waitedMs += wait;
	}
}

/** The request of `slot` has ended. */
export function settleSlot(slot: Slot): void {
	scheduler.settle(slot.ticket, clock.now());
}
