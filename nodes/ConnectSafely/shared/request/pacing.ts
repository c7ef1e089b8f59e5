// Pacing under ConnectSafely's limits: the clock, the sliding windows of every key and account in this process, and
// waits that end at once when the execution is stopped.
import { NodeOperationError, sleep, type INode } from 'n8n-workflow';

/** The execution's cancel signal, as n8n-core hands it to the node (typed here: the package has no DOM types). */
export interface CancelSignal {
	readonly aborted: boolean;
	addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: 'abort', listener: () => void): void;
}

/** The time pacing and every wait read: n8n's clock. */
export const clock = {
	now: (): number => Date.now(),
	sleep: async (ms: number): Promise<void> => await sleep(ms),
};

/** Thrown where the work of a stopped execution ends (the editor's Stop, the API, a workflow timeout). */
export class Cancelled extends NodeOperationError {
	constructor(node: INode, itemIndex?: number) {
		super(node, 'Not sent: the execution was stopped', {
			description: 'The workflow was stopped before this request went out.',
			itemIndex,
		});
	}
}

/** Waits `ms`, or ends at once with `Cancelled` when the execution is stopped. */
export async function pause(
	ms: number,
	signal: CancelSignal | undefined,
	node: INode,
	itemIndex?: number,
): Promise<void> {
	if (signal?.aborted) throw new Cancelled(node, itemIndex);
	if (ms <= 0) return;
	await new Promise<void>((resolve, reject) => {
		const stop = () => reject(new Cancelled(node, itemIndex));
		signal?.addEventListener('abort', stop, { once: true });
		// In slices, so that after a Stop no timer of this wait outlives it by more than a slice.
		const end = clock.now() + ms;
		const next = (): void => {
			const left = end - clock.now();
			if (signal?.aborted) return;
			if (left <= 0) {
				signal?.removeEventListener('abort', stop);
				resolve();
				return;
			}
			void clock.sleep(Math.min(left, PAUSE_SLICE_MS)).then(next);
		};
		next();
	});
}

/** The longest single timer of a wait. */
const PAUSE_SLICE_MS = 1000;

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
	/** Counted with it, not into it: the requests paced before the default account's ID was known (''). */
	also?: string;
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
			const times = [...(this.times.get(bucket.id) ?? []), ...this.alsoTimes(bucket)].sort(
				(a, b) => a - b,
			);
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

	private alsoTimes(bucket: Bucket): number[] {
		return bucket.also === undefined ? [] : (this.times.get(bucket.also) ?? []);
	}

	private insert(times: number[], at: number): void {
		let index = times.length;
		while (index > 0 && times[index - 1] > at) index--;
		times.splice(index, 0, at);
	}
}

export function bucketsFor(kind: RequestKind, keyId: string, accountId: string): Bucket[] {
	return [
		{ id: `key:${keyId}`, windows: RATE_LIMITS.key },
		{
			id: `${kind}:${keyId}:${accountId}`,
			windows: RATE_LIMITS[kind],
			// The first look-up of the default account is paced under '': it counts for the account it finds.
			also: accountId === '' ? undefined : `${kind}:${keyId}:`,
		},
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

/** Waits until a request may go out under every window of its key and account, and counts it. Stop ends the wait. */
export async function takeSlot(
	kind: RequestKind,
	keyId: string,
	account: string,
	stop: { signal?: CancelSignal; node: INode; itemIndex?: number; noWait?: boolean },
): Promise<Slot> {
	const buckets = bucketsFor(kind, keyId, account);
	let waitedMs = 0;
	for (;;) {
		const now = clock.now();
		const wait = scheduler.waitFor(buckets, now);
		if (wait <= 0) return { ticket: scheduler.record(buckets, now), waitedMs };
		if (stop.noWait)
			throw new NodeOperationError(stop.node, 'No request slot free now', {
				itemIndex: stop.itemIndex,
			});
		await pause(wait, stop.signal, stop.node, stop.itemIndex);
		waitedMs += wait;
	}
}

/** The request of `slot` has ended. */
export function settleSlot(slot: Slot): void {
	scheduler.settle(slot.ticket, clock.now());
}
